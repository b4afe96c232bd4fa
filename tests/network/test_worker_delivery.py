"""Mails reach participants through a real Celery worker (and beat), as under
``make run``: committed data in PostgreSQL, tasks through Redis, a worker in a
process of its own that writes the mails it sends (``tests/workers.py``)."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from network.models import Registration, Reminder
from network.selectors.coordination import AUDIENCE_BOTH
from network.services.coordination import event_message_participants
from network.services.registrations import registration_create
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)
from tests.workers import Worker, worker_fixture  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DISPATCH = "network.tasks.dispatch_reminders"


def mails_by_recipient(worker: Worker) -> Counter[tuple[str, str]]:
    """(recipient, subject up to the colon) of every mail the worker sent."""
    return Counter(
        (str(mail["To"]), str(mail["Subject"]).split(":")[0]) for mail in worker.mails()
    )


def message_everyone(event, subject: str) -> int:
    return event_message_participants(
        event=event, subject=subject, body="Tot straks.", audience=AUDIENCE_BOTH
    )


def test_a_coordinators_message_reaches_the_confirmed_and_the_waitlisted_one(
    worker,
):
    event = EventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event).member.email
    waitlisted = RegistrationFactory(
        event=event, status=Registration.Status.WAITLISTED
    ).member.email
    worker.start(beat=True)  # as make run starts it

    assert message_everyone(event, "Andere zaal") == 2

    expected = {(confirmed, "Andere zaal"): 1, (waitlisted, "Andere zaal"): 1}
    worker.wait_for(
        lambda: mails_by_recipient(worker) == expected,
        "for the message to reach both",
        seen=lambda: mails_by_recipient(worker),
    )

    # The worker is busy elsewhere (or restarting): a second message waits in
    # the queue, on the Redis database that holds the cache as well, ...
    worker.pause()
    assert message_everyone(event, "Later begin") == 2
    # ... while the cache is cleared (the test suite does it around every
    # test); then the worker takes tasks again.
    cache.clear()
    worker.resume()

    expected |= {(confirmed, "Later begin"): 1, (waitlisted, "Later begin"): 1}
    worker.wait_for(
        lambda: mails_by_recipient(worker) == expected,
        "for the second message to reach both",
        seen=lambda: mails_by_recipient(worker),
    )


def test_events_made_inside_a_reminder_window_get_that_reminder_once(worker):
    now = timezone.now()
    in_50_minutes = EventFactory(
        starts_at=now + timedelta(minutes=50), ends_at=now + timedelta(hours=2)
    )
    in_20_hours = EventFactory(
        starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=22)
    )
    first, second, third = (MemberProfileFactory().user for _ in range(3))
    registrations = [
        registration_create(event=in_50_minutes, member=first),
        registration_create(event=in_50_minutes, member=second),
        registration_create(event=in_20_hours, member=third),
    ]
    assert {r.status for r in registrations} == {Registration.Status.CONFIRMED}

    # Two processes, so dispatchers of consecutive beats can overlap.
    worker.start(beat=True, concurrency=2)

    expected = {
        (first.email, "Aanmelding bevestigd"): 1,
        (first.email, "Begint zo"): 1,
        (second.email, "Aanmelding bevestigd"): 1,
        (second.email, "Begint zo"): 1,
        (third.email, "Aanmelding bevestigd"): 1,
        (third.email, "Herinnering"): 1,
    }
    worker.wait_for(
        lambda: set(mails_by_recipient(worker)) >= set(expected),
        "for the confirmations and the reminders",
        seen=lambda: mails_by_recipient(worker),
    )
    # A few more beats find nothing more to send.
    runs = worker.runs_of(DISPATCH)
    worker.wait_for(lambda: worker.runs_of(DISPATCH) >= runs + 3, "for more beats")

    assert mails_by_recipient(worker) == expected
    reminders = Reminder.objects.order_by("registration_id")
    assert [(r.registration_id, r.kind, r.status) for r in reminders] == [
        (registrations[0].pk, "1h", Reminder.Status.SENT),
        (registrations[1].pk, "1h", Reminder.Status.SENT),
        (registrations[2].pk, "1d", Reminder.Status.SENT),
    ]
