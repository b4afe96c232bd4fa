"""A worker killed (SIGKILL) in the middle of a batch of reminders: after a
restart every participant has their reminder, and at most the one mail that
was on its way when the worker died goes out twice.

A real worker process sends the reminders of 250 participants (a chunk of
200 it sends itself as the dispatcher, and one of 50 it queues) to a mail
server on loopback that takes 20 and then hangs, so the worker is surely in
the middle of its batch when it is killed with SIGKILL. Whatever it had claimed stays
claimed in the database; the next dispatcher after the claim's lease takes
it up again (the test moves the dispatcher's clock past the lease instead of
waiting ten minutes) and a fresh worker sends it.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from network.models import Reminder
from network.services.reminders import (
    REMINDER_CHUNK_SIZE,
    REMINDER_CLAIM_LEASE,
    SEND_REMINDERS_TASK,
    reminders_claim_due,
)
from portal.jobs import enqueue
from tests.network.factories import EventFactory, RegistrationFactory
from tests.smtp_sink import SmtpSink
from tests.soak import ROUNDS
from tests.workers import Worker, worker_fixture  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARTICIPANTS = 250
DISPATCH = "network.tasks.dispatch_reminders"
KILL_AFTER = 20  # mails out before the worker is killed


def reminders_by_recipient(sink: SmtpSink) -> Counter[str]:
    return Counter(
        address
        for received in sink.received
        if received.subject.startswith("Begint zo")
        for address in received.recipients
    )


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_a_worker_killed_mid_batch_misses_no_one(worker, round_number):
    now = timezone.now()
    event = EventFactory(
        starts_at=now + timedelta(minutes=55), ends_at=now + timedelta(hours=2)
    )
    participants = {
        RegistrationFactory(event=event).member.email for _ in range(PARTICIPANTS)
    }
    with SmtpSink(hold_after=KILL_AFTER) as sink:
        mail_to_sink = {"TEST_WORKER_SMTP_PORT": str(sink.port)}
        worker.start(env=mail_to_sink)
        enqueue(DISPATCH)

        # The mail server takes KILL_AFTER reminders and keeps the worker
        # waiting for the answer to the next one: then it is killed.
        sink.wait_for(KILL_AFTER, timeout=60)
        worker.stop()  # SIGKILL, the whole process group
        before_kill = reminders_by_recipient(sink)
        sink.release()

        assert sum(before_kill.values()) == KILL_AFTER
        left = Reminder.objects.exclude(status=Reminder.Status.SENT).count()
        # Each reminder is marked sent after the server's answer; the last
        # one taken may not be marked yet (it is the one that can go twice).
        assert PARTICIPANTS - KILL_AFTER <= left <= PARTICIPANTS - KILL_AFTER + 1

        # The next dispatcher after the lease takes up what the dead worker
        # had claimed, and a new worker sends it.
        later = timezone.now() + REMINDER_CLAIM_LEASE + timedelta(seconds=1)
        reclaimed = reminders_claim_due(now=later)
        assert len(reclaimed) == left
        worker.start(env=mail_to_sink)
        for start in range(0, len(reclaimed), REMINDER_CHUNK_SIZE):
            enqueue(SEND_REMINDERS_TASK, reclaimed[start : start + REMINDER_CHUNK_SIZE])
        worker.wait_for(
            lambda: set(reminders_by_recipient(sink)) == participants,
            "for every participant's reminder",
            seen=lambda: len(reminders_by_recipient(sink)),
        )
        received = reminders_by_recipient(sink)

    twice = [address for address, count in received.items() if count > 1]
    assert set(received) == participants
    assert len(twice) <= 1, twice  # at most the mail on its way at the kill
    assert max(received.values()) <= 2
    assert set(Reminder.objects.values_list("status", flat=True)) == {
        Reminder.Status.SENT
    }
