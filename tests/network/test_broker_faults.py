"""Faults of the broker, against a real Redis and real Celery workers: Redis
stopped while members register and started again, two beats at once, the same
reminder task delivered twice, and a task that Redis hands to a second worker
after its visibility timeout. Every participant gets their reminder, once.

The workers are real processes (``tests/workers.py``) on the test database;
where a test needs two runs to be at work at the same moment, it holds a lock
in PostgreSQL that both runs wait for, and lets go once both are waiting.
"""

import signal
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from network.models import Registration, Reminder
from network.services.reminders import SEND_REMINDERS_TASK, reminders_claim_due
from network.tasks import send_reminders
from portal.cache import cache_reachable
from portal.jobs import _task, enqueue
from portal.models import WaitingJob
from tests.network.factories import EventFactory, RegistrationFactory
from tests.portal.factories import UserFactory
from tests.redis_server import (  # noqa: F401 - fixtures
    private_redis_fixture,
    redis_server_fixture,
)
from tests.soak import ROUNDS
from tests.workers import Worker, worker_fixture  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DISPATCH = "network.tasks.dispatch_reminders"
PARTICIPANTS = 30
# Seconds a task may stay with a worker before Redis hands it to another.
VISIBILITY_TIMEOUT = 2


def reminders_by_recipient(*workers: Worker) -> Counter[str]:
    """How many hour-before reminders each address got from ``workers``."""
    return Counter(
        str(mail["To"])
        for worker in workers
        for mail in worker.mails()
        if str(mail["Subject"]).startswith("Begint zo")
    )


def confirmations_by_recipient(worker: Worker) -> Counter[str]:
    """How many registration confirmations each address got from ``worker``."""
    return Counter(
        str(mail["To"])
        for mail in worker.mails()
        if str(mail["Subject"]).startswith("Aanmelding bevestigd")
    )


def event_in_55_minutes():
    """An event whose hour-before reminder is due at once."""
    now = timezone.now()
    return EventFactory(
        starts_at=now + timedelta(minutes=55), ends_at=now + timedelta(hours=2)
    )


def participants_of(event, count: int = PARTICIPANTS) -> set[str]:
    return {RegistrationFactory(event=event).member.email for _ in range(count)}


def waiting_for_a_lock(statement: str) -> int:
    """How many sessions on the test database wait for a lock in a statement
    that starts with ``statement``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = "
            "current_database() AND wait_event_type = 'Lock' AND query LIKE %s",
            [f"{statement}%"],
        )
        return cursor.fetchone()[0]


class Lock:
    """A transaction on a connection of its own that holds a lock until
    ``release()``: what other sessions want of the locked rows waits."""

    def __init__(self, sql: str, params: list | None = None) -> None:
        self.raw = connection.get_new_connection(connection.get_connection_params())
        self.raw.autocommit = False
        with self.raw.cursor() as cursor:
            cursor.execute(sql, params)

    def release(self) -> None:
        self.raw.rollback()
        self.raw.close()


@pytest.fixture
def second_worker(worker, tmp_path) -> Iterator[Worker]:
    """Another worker on the same Redis and database, with mails of its own;
    stopped after the test."""
    mail_dir = tmp_path / "mail-2"
    mail_dir.mkdir()
    other = Worker(mail_dir=mail_dir, log=tmp_path / "worker-2.log")
    try:
        yield other
    finally:
        other.stop()


# --- Redis stopped while members register, and started again ----------------

# Redis dies (SIGKILL) in the first round; the soak rounds alternate with a
# shutdown (SIGTERM).
OUTAGES = [
    pytest.param(how, id=f"{how.name}-{round_number}")
    for round_number in range(ROUNDS)
    for how in [signal.SIGTERM if round_number % 2 else signal.SIGKILL]
]


@pytest.fixture
def tasks_found():
    """The test process knows the portal's tasks before the test begins, as
    a web process does after its first request: the first lookup sets Django
    up again, logging included, which would take the log capture away."""
    _task(SEND_REMINDERS_TASK)


@pytest.mark.parametrize("how", OUTAGES)
def test_members_register_while_redis_is_down_and_get_their_mails_once_it_is_back(
    private_redis, worker, tasks_found, client, caplog, how
):
    event = event_in_55_minutes()
    members = [UserFactory() for _ in range(4)]
    worker.start(beat=True)  # as make run starts it, on the private Redis
    worker.wait_for(lambda: worker.runs_of(DISPATCH) >= 1, "for the first beat")

    # Redis goes away (its data with it: it keeps nothing on disk).
    private_redis.stop(how)
    worker.wait_for(
        lambda: "Connection to broker lost" in worker.output(),
        "for the worker to notice that Redis is gone",
    )
    assert not cache_reachable()

    for member in members:
        client.force_login(member)
        response = client.post(f"/agenda/{event.slug}/aanmelden/", follow=True)
        # The member sees their place confirmed, on a page rendered without
        # the cache.
        assert response.status_code == 200
        assert "U bent aangemeld" in response.content.decode()
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
    assert {r.member_id for r in confirmed} == {m.pk for m in members}
    # The confirmations could not be queued; each failure is in the log, and
    # each confirmation waits in the database.
    assert caplog.text.count(
        "could not queue network.tasks.send_registration_mail("
    ) == len(members)
    assert WaitingJob.objects.count() == len(members)
    # Nothing reached anyone while Redis was down, and the worker tried in
    # vain to reach it again.
    assert worker.mails() == []
    worker.wait_for(
        lambda: "consumer: Cannot connect to redis" in worker.output(),
        "for the worker to try to reconnect",
    )

    # Redis comes back, empty, on the same address. The worker and its beat
    # find it again by themselves: nobody restarts them.
    private_redis.start()
    assert cache_reachable()
    expected = Counter({member.email: 1 for member in members})
    worker.wait_for(
        lambda: reminders_by_recipient(worker) == expected,
        "for the reminders once Redis is back",
        seen=lambda: reminders_by_recipient(worker),
        timeout=60,
    )
    # The confirmations promised on the page follow, one each.
    worker.wait_for(
        lambda: confirmations_by_recipient(worker) == expected,
        "for the confirmations once Redis is back",
        seen=lambda: confirmations_by_recipient(worker),
        timeout=60,
    )
    # More beats find nothing more to send.
    runs = worker.runs_of(DISPATCH)
    worker.wait_for(lambda: worker.runs_of(DISPATCH) >= runs + 2, "for more beats")

    assert reminders_by_recipient(worker) == expected
    assert confirmations_by_recipient(worker) == expected
    assert not WaitingJob.objects.exists()
    assert set(Reminder.objects.values_list("status", flat=True)) == {
        Reminder.Status.SENT
    }


# --- Two beats at once ---------------------------------------------------------


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_two_beats_at_once_send_each_participant_one_reminder(
    worker, second_worker, round_number
):
    participants = participants_of(event_in_55_minutes())
    # Each dispatcher reads what is due, then waits to write its claims until
    # the other one is that far too: the two claim the same reminders at the
    # same moment.
    claims = Lock("LOCK TABLE network_reminder IN SHARE ROW EXCLUSIVE MODE")
    try:
        worker.start(beat=True)
        second_worker.start(beat=True)
        worker.wait_for(
            lambda: waiting_for_a_lock('INSERT INTO "network_reminder"') == 2,
            "for a dispatcher of each beat to claim the reminders",
            seen=lambda: waiting_for_a_lock('INSERT INTO "network_reminder"'),
        )
    finally:
        claims.release()

    both = (worker, second_worker)
    worker.wait_for(
        lambda: set(reminders_by_recipient(*both)) == participants,
        "for every participant's reminder",
        seen=lambda: len(reminders_by_recipient(*both)),
    )
    # Both beats go on firing; their dispatchers find nothing more to send.
    runs = [w.runs_of(DISPATCH) for w in both]
    for w, before in zip(both, runs, strict=True):
        w.wait_for(lambda w=w, b=before: w.runs_of(DISPATCH) >= b + 2, "for beats")

    received = reminders_by_recipient(*both)
    assert received == Counter(dict.fromkeys(participants, 1))
    for w in both:  # each worker's own beat fired the dispatcher
        assert "Sending due task dispatch-event-reminders" in w.output()
    assert Reminder.objects.count() == PARTICIPANTS


# --- The same task delivered twice --------------------------------------------


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_the_same_reminder_task_sent_twice_sends_one_reminder_each(
    worker, round_number
):
    participants = participants_of(event_in_55_minutes())
    chunk = reminders_claim_due()
    worker.start(concurrency=2)  # no beat: only the two messages below

    task_id = str(uuid.uuid4())
    for _ in range(2):  # the same message, id and all, twice
        send_reminders.apply_async(args=(chunk,), task_id=task_id)

    worker.wait_for(
        lambda: worker.output().count(f"[{task_id}] succeeded") == 2,
        "for both deliveries to be done",
        seen=lambda: worker.runs_of(SEND_REMINDERS_TASK),
    )
    assert reminders_by_recipient(worker) == Counter(dict.fromkeys(participants, 1))
    assert set(Reminder.objects.values_list("status", flat=True)) == {
        Reminder.Status.SENT
    }


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_a_task_redelivered_after_the_visibility_timeout_sends_one_reminder_each(
    worker, second_worker, round_number
):
    participants = participants_of(event_in_55_minutes())
    chunk = reminders_claim_due()
    short_timeout = {"TEST_BROKER_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    worker.start(env=short_timeout)

    # The first worker takes the chunk and stalls (its take waits for the
    # rows) for longer than the visibility timeout: Redis hands the same
    # task to the second worker, while the first is still at it.
    rows = Lock(
        "SELECT id FROM network_reminder WHERE id = ANY(%s) FOR UPDATE", [chunk]
    )
    try:
        enqueue(SEND_REMINDERS_TASK, chunk)
        worker.wait_for(
            lambda: waiting_for_a_lock('UPDATE "network_reminder"') == 1,
            "for the first worker to take the task",
        )
        second_worker.start(env=short_timeout)
        second_worker.wait_for(
            lambda: waiting_for_a_lock('UPDATE "network_reminder"') == 2,
            "for Redis to hand the task to the second worker",
            seen=lambda: waiting_for_a_lock('UPDATE "network_reminder"'),
        )
    finally:
        rows.release()

    both = (worker, second_worker)
    for w in both:
        w.wait_for(lambda w=w: w.runs_of(SEND_REMINDERS_TASK) >= 1, "for its run")
    assert reminders_by_recipient(*both) == Counter(dict.fromkeys(participants, 1))
    assert set(Reminder.objects.values_list("status", flat=True)) == {
        Reminder.Status.SENT
    }
