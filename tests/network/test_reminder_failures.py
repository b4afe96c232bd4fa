"""A reminder the mail server refuses is retried with back-off, is visible to
the coordinator on the event's registrations page while it is, and shows as
given up when the retries are used up; the other participants' reminders go
out regardless. Over SMTP to a real server on loopback that refuses one
address (``tests/smtp_sink.py``)."""

from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import Reminder
from network.services.reminders import REMINDER_MAX_ATTEMPTS, reminders_dispatch
from tests.leergang.factories import coordinator
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)
from tests.network.test_reminder_fanout import REFUSED, sink  # noqa: F401 - fixture
from tests.smtp_sink import StallingServer, send_mail_to

pytestmark = pytest.mark.django_db


def failures_section(client, event) -> str:
    html = client.get(
        reverse("network_admin:event_registrations", args=[event.pk])
    ).content.decode()
    if 'id="niet-bezorgd"' not in html:
        return ""
    return html.split('id="niet-bezorgd"', 1)[1].split("</section>", 1)[0]


def test_a_refused_reminder_is_retried_shown_and_given_up(sink, client):  # noqa: F811
    now = timezone.now()
    event = EventFactory(
        starts_at=now + timedelta(days=5), ends_at=now + timedelta(days=5, hours=2)
    )
    refused = RegistrationFactory(
        event=event,
        member=MemberProfileFactory(
            user__email=REFUSED, user__first_name="Onbe", user__last_name="Kend"
        ).user,
    )
    others = [RegistrationFactory(event=event) for _ in range(3)]
    client.force_login(coordinator())

    assert failures_section(client, event) == ""
    assert reminders_dispatch(now=now) == 3

    # The others got theirs; the refused one is shown, with the server's
    # answer and when it is tried again.
    assert sink.per_recipient() == Counter(r.member.email for r in others)
    shown = failures_section(client, event)
    assert "Onbe Kend" in shown
    assert REFUSED in shown
    assert "7 dagen vooraf" in shown
    assert "Mailbox unavailable" in shown
    assert f"1 van {REMINDER_MAX_ATTEMPTS}" in shown
    assert "opgegeven" not in shown

    # Each retry after its back-off fails again, until the retries are used up.
    moment = now
    for attempt in range(2, REMINDER_MAX_ATTEMPTS + 1):
        moment += timedelta(minutes=2 ** (attempt - 1))
        assert reminders_dispatch(now=moment) == 0
        reminder = Reminder.objects.get(registration=refused)
        assert (reminder.status, reminder.attempts) == ("mislukt", attempt)
    assert reminders_dispatch(now=moment + timedelta(days=1)) == 0

    shown = failures_section(client, event)
    assert f"{REMINDER_MAX_ATTEMPTS} van {REMINDER_MAX_ATTEMPTS}" in shown
    assert "Geen: opgegeven" in shown
    assert sink.per_recipient() == Counter(r.member.email for r in others)
    assert Reminder.objects.get(registration=refused).attempts == REMINDER_MAX_ATTEMPTS


def test_a_mail_server_that_hangs_fails_the_send_and_is_retried(settings):
    """A server that takes the connection and never answers: the send gives
    up after EMAIL_TIMEOUT, the reminder is marked for a retry and shown to
    the coordinator, and the dispatcher is free again."""
    assert settings.EMAIL_TIMEOUT  # never wait for good (30 s by default)
    now = timezone.now()
    event = EventFactory(
        starts_at=now + timedelta(days=5), ends_at=now + timedelta(days=5, hours=2)
    )
    registration = RegistrationFactory(event=event)
    with StallingServer() as server:
        send_mail_to(settings, server, timeout=1)

        assert reminders_dispatch(now=now) == 0

    assert server.connections == 1
    reminder = Reminder.objects.get(registration=registration)
    assert (reminder.status, reminder.attempts) == ("mislukt", 1)
    assert "timed out" in reminder.last_error
    assert reminder.next_attempt_at == now + timedelta(minutes=2)
