"""Reminders 7 days, 1 day and 1 hour before: sent exactly once, from the
database, at the right time."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.formats import date_format

from network.models import Reminder
from network.services.events import EventSnapshot, event_cancel, event_save
from network.services.registrations import registration_cancel
from network.services.reminders import (
    REMINDER_CLAIM_LEASE,
    reminder_send,
    reminders_claim_due,
    reminders_dispatch,
)
from network.tasks import dispatch_reminders
from portal.jobs import jobs_requeue
from tests.network.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

START = timezone.now().replace(second=0, microsecond=0) + timedelta(days=30)


def confirmed_for(event, *, days_before=20):
    return RegistrationFactory(
        event=event, confirmed_at=event.starts_at - timedelta(days=days_before)
    )


def reminder_mails(mailoutbox):
    return [m for m in mailoutbox if not m.subject.startswith(("Aanmelding", "Op de"))]


@pytest.fixture
def event():
    return EventFactory(
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        online_url="https://meet.example.org/x",
    )


def test_each_reminder_goes_out_once_at_its_time(event, mailoutbox):
    registration = confirmed_for(event)

    assert reminders_dispatch(now=START - timedelta(days=8)) == 0
    assert reminders_dispatch(now=START - timedelta(days=7)) == 1
    assert reminders_dispatch(now=START - timedelta(days=6)) == 0
    assert reminders_dispatch(now=START - timedelta(hours=23)) == 1
    assert reminders_dispatch(now=START - timedelta(minutes=59)) == 1
    assert reminders_dispatch(now=START - timedelta(minutes=30)) == 0

    subjects = [m.subject for m in mailoutbox]
    day = date_format(timezone.localtime(START), "l j F")
    assert subjects == [
        f"Herinnering: {event.title} op {day}",
        f"Herinnering: {event.title} op {day}",
        f"Begint zo: {event.title} om {timezone.localtime(START):%H:%M}",
    ]
    sent = Reminder.objects.order_by("sent_at").values_list("kind", flat=True)
    assert list(sent) == ["7d", "1d", "1h"]
    assert all(m.to == [registration.member.email] for m in mailoutbox)
    # Only the last one carries the meeting link.
    assert ["meet.example.org" in m.body for m in mailoutbox] == [False, False, True]
    assert set(Reminder.objects.values_list("status", flat=True)) == {"verstuurd"}


def test_running_the_dispatcher_twice_sends_nothing_twice(event, mailoutbox):
    confirmed_for(event)
    now = START - timedelta(days=1)

    dispatch_reminders_at = [reminders_dispatch(now=now) for _ in range(3)]

    assert dispatch_reminders_at == [1, 0, 0]
    assert len(mailoutbox) == 1


def test_the_beat_task_runs_the_dispatcher(mailoutbox):
    start = timezone.now() + timedelta(minutes=30)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    RegistrationFactory(event=event, confirmed_at=start - timedelta(days=10))

    assert dispatch_reminders.delay().get() == 1
    assert dispatch_reminders.delay().get() == 0
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Begint zo"]


def test_a_crash_between_claim_and_send_is_recovered_once(event, mailoutbox):
    confirmed_for(event)
    now = START - timedelta(days=1)
    [claimed] = reminders_claim_due(now=now)  # ... and the worker dies here

    # Within the lease nobody else sends it (the first sender may be busy).
    assert reminders_dispatch(now=now + timedelta(minutes=1)) == 0
    assert mailoutbox == []
    # After the lease another run takes the abandoned claim over, once.
    later = now + REMINDER_CLAIM_LEASE + timedelta(minutes=1)
    assert reminders_dispatch(now=later) == 1
    assert reminders_dispatch(now=later + timedelta(minutes=1)) == 0
    assert len(mailoutbox) == 1
    assert Reminder.objects.get(pk=claimed).status == Reminder.Status.SENT


def test_a_second_sender_of_the_same_claim_sends_nothing(event, mailoutbox):
    confirmed_for(event)
    now = START - timedelta(days=1)
    [claimed] = reminders_claim_due(now=now)

    assert reminder_send(reminder_id=claimed, now=now) is True
    assert reminder_send(reminder_id=claimed, now=now) is False
    assert len(mailoutbox) == 1


@pytest.fixture
def broker_down():
    """Celery as in production (no eager tasks), with the broker at an address
    where nothing listens: queueing a task fails as it would in an outage."""
    from portal.celery import app

    keys = (
        "task_always_eager",
        "broker_url",
        "broker_transport_options",
        "task_publish_retry",
        "broker_connection_timeout",
    )

    def forget_connections():
        # Celery keeps its connection and producer pools for the life of the
        # process; forget them (as a forked worker does) so the next task
        # connects to the broker address that is configured now. Not closed:
        # kombu shares them per address, and the next test may use them.
        app._pool = None
        app.amqp._producer_pool = None
        # and the task sender it built with the options of that moment
        app.amqp.__dict__.pop("send_task_message", None)

    saved = {key: app.conf[key] for key in keys}
    forget_connections()
    app.conf.update(
        task_always_eager=False,
        broker_url="redis://127.0.0.1:9/0",  # the discard port: nothing listens
        broker_transport_options={},
        task_publish_retry=False,
        broker_connection_timeout=2,
    )
    yield
    forget_connections()
    app.conf.update(saved)


def test_nothing_is_lost_when_the_broker_was_down_at_registration(
    client, event, mailoutbox, on_commit, broker_down, caplog
):
    from kombu.exceptions import OperationalError

    from network.tasks import send_registration_mail
    from tests.portal.factories import UserFactory

    # The outage is real: queueing any task fails.
    with pytest.raises(OperationalError):
        send_registration_mail.delay(0, "confirmed")
    member = UserFactory()
    client.force_login(member)

    with on_commit():
        response = client.post(f"/agenda/{event.slug}/aanmelden/", follow=True)

    # The member keeps their place; the confirmation could not be queued yet.
    assert "U bent aangemeld" in response.content.decode()
    registration = event.registrations.get(member=member)
    assert registration.status == "bevestigd"
    assert mailoutbox == []
    # The failure is logged, naming the confirmation mail that was not queued.
    assert "could not queue network.tasks.send_registration_mail(" in caplog.text
    assert "'confirmed'): broker unreachable" in caplog.text
    # While the broker is down, requeueing keeps the job waiting.
    assert jobs_requeue() == 0
    assert mailoutbox == []
    # The reminders come from the database alone, so they go out, once.
    day_before = START - timedelta(days=1)
    assert reminders_dispatch(now=day_before) == 1
    assert reminders_dispatch(now=day_before + timedelta(minutes=1)) == 0
    [reminder] = mailoutbox
    assert reminder.to == [member.email]
    assert reminder.subject.startswith("Herinnering:")


def test_a_confirmation_that_could_not_be_queued_goes_out_once_the_broker_is_back(
    client, event, mailoutbox, on_commit, broker_down, settings
):
    from portal.celery import app
    from tests.portal.factories import UserFactory

    member = UserFactory()
    client.force_login(member)
    with on_commit():
        client.post(f"/agenda/{event.slug}/aanmelden/", follow=True)
    assert mailoutbox == []

    # The broker is back (tasks run here, as the test settings have them).
    app.conf.task_always_eager = True

    assert jobs_requeue() == 1
    [confirmation] = mailoutbox
    assert confirmation.to == [member.email]
    assert confirmation.subject.startswith("Aanmelding bevestigd:")
    # Once, however often the requeue runs.
    assert jobs_requeue() == 0
    assert len(mailoutbox) == 1


def test_moving_the_event_moves_the_reminders(event, mailoutbox):
    confirmed_for(event)
    reminders_dispatch(now=START - timedelta(days=1))  # day-before reminder sent
    before = EventSnapshot.of(event)
    event.starts_at += timedelta(days=3)
    event.ends_at += timedelta(days=3)
    event_save(event=event, before=before)
    new_start = event.starts_at

    # Nothing more at the old time than what the new time asks for ...
    assert reminders_dispatch(now=START - timedelta(minutes=30)) == 1
    # ... then the day-before and hour-before reminders for the new date.
    assert reminders_dispatch(now=new_start - timedelta(hours=23)) == 1
    assert reminders_dispatch(now=new_start - timedelta(minutes=30)) == 1
    assert reminders_dispatch(now=new_start - timedelta(minutes=10)) == 0
    for_new_start = Reminder.objects.filter(event_starts_at=new_start)
    assert sorted(for_new_start.values_list("kind", flat=True)) == ["1d", "1h", "7d"]
    assert Reminder.objects.filter(event_starts_at=START).count() == 1
    new_day = date_format(timezone.localtime(new_start), "l j F")
    assert mailoutbox[-2].subject.endswith(new_day)


def test_no_reminders_for_cancelled_registrations_or_events(event, mailoutbox):
    cancelled = confirmed_for(event)
    registration_cancel(registration=cancelled)
    other_event = EventFactory(starts_at=START, ends_at=START + timedelta(hours=1))
    confirmed_for(other_event)
    event_cancel(event=other_event)
    mailoutbox.clear()

    assert reminders_dispatch(now=START - timedelta(days=1)) == 0
    assert mailoutbox == []


def test_a_claim_for_a_registration_cancelled_before_sending_is_dropped(
    event, mailoutbox
):
    registration = confirmed_for(event)
    now = START - timedelta(days=1)
    [claimed] = reminders_claim_due(now=now)
    registration_cancel(registration=registration)
    mailoutbox.clear()

    assert reminder_send(reminder_id=claimed, now=now) is False
    assert mailoutbox == []
    assert not Reminder.objects.filter(pk=claimed).exists()


def test_an_event_made_50_minutes_ahead_gets_its_hour_reminder_at_once(mailoutbox):
    made_at = START - timedelta(minutes=50)
    event = EventFactory(starts_at=START, ends_at=START + timedelta(hours=2))
    RegistrationFactory(event=event, requested_at=made_at, confirmed_at=made_at)

    assert reminders_dispatch(now=made_at) == 1
    assert reminders_dispatch(now=made_at + timedelta(minutes=1)) == 0
    assert reminders_dispatch(now=START - timedelta(minutes=1)) == 0
    assert list(Reminder.objects.values_list("kind", flat=True)) == ["1h"]
    [mail] = mailoutbox
    assert mail.subject.startswith("Begint zo:")


def test_a_place_confirmed_20_hours_ahead_gets_the_day_reminder_at_once_not_the_week(
    event, mailoutbox
):
    confirmed_at = START - timedelta(hours=20)
    RegistrationFactory(
        event=event, requested_at=confirmed_at, confirmed_at=confirmed_at
    )

    assert reminders_dispatch(now=confirmed_at) == 1  # the week's window has passed
    assert reminders_dispatch(now=confirmed_at + timedelta(hours=1)) == 0
    assert reminders_dispatch(now=START - timedelta(minutes=59)) == 1
    kinds = Reminder.objects.order_by("sent_at").values_list("kind", flat=True)
    assert list(kinds) == ["1d", "1h"]
    assert len(mailoutbox) == 2


def test_no_reminder_once_the_event_has_started(event, mailoutbox):
    confirmed_for(event)
    [claimed] = reminders_claim_due(now=START - timedelta(minutes=1))

    # The sender came too late: the event has begun.
    assert reminder_send(reminder_id=claimed, now=START + timedelta(minutes=1)) is False
    assert reminders_dispatch(now=START + timedelta(minutes=2)) == 0
    assert mailoutbox == []
    assert not Reminder.objects.exists()


@override_settings(EMAIL_BACKEND="tests.network.failing_mail.FailingTwiceBackend")
def test_a_retry_after_its_window_has_passed_is_dropped(event):
    from tests.network import failing_mail

    failing_mail.reset(failures=1)
    confirmed_for(event)
    day_reminder_fails = START - timedelta(minutes=61)

    assert reminders_dispatch(now=day_reminder_fails) == 0
    # Its retry falls in the hour-before window: only that reminder goes out.
    assert reminders_dispatch(now=START - timedelta(minutes=59)) == 1
    assert [m.subject.split(":")[0] for m in failing_mail.sent] == ["Begint zo"]
    assert list(Reminder.objects.values_list("kind", flat=True)) == ["1h"]


@override_settings(EMAIL_BACKEND="tests.network.failing_mail.FailingTwiceBackend")
def test_smtp_failures_are_retried_with_backoff_and_sent_once(event):
    from tests.network import failing_mail

    failing_mail.reset(failures=2)
    confirmed_for(event)
    now = START - timedelta(days=1)

    assert reminders_dispatch(now=now) == 0  # first try fails
    reminder = Reminder.objects.get()
    assert reminder.status == Reminder.Status.FAILED
    assert reminder.next_attempt_at == now + timedelta(minutes=2)
    assert "SMTPServerDisconnected" in reminder.last_error
    assert reminders_dispatch(now=now + timedelta(minutes=1)) == 0  # waits
    assert reminders_dispatch(now=now + timedelta(minutes=2)) == 0  # fails again
    reminder.refresh_from_db()
    assert reminder.next_attempt_at == now + timedelta(minutes=2 + 4)
    assert reminders_dispatch(now=now + timedelta(minutes=6)) == 1  # succeeds
    assert reminders_dispatch(now=now + timedelta(minutes=7)) == 0
    assert len(failing_mail.sent) == 1
