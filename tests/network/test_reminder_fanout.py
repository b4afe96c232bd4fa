"""Many reminders at once: claimed in bulk, sent in chunks, each chunk over
one connection to a real SMTP server on loopback (``tests/smtp_sink.py``),
every reminder exactly once."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network.models import Reminder
from network.services import reminders
from network.services.reminders import (
    REMINDER_CLAIM_LEASE,
    REMINDER_TAKE_SIZE,
    reminders_claim_due,
    reminders_dispatch,
    reminders_send,
)
from network.tasks import send_reminders
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    OrganisationFactory,
    RegistrationFactory,
)
from tests.races import race
from tests.smtp_sink import SmtpSink, send_mail_to

pytestmark = pytest.mark.django_db

REFUSED = "onbekend@example.org"


@pytest.fixture
def sink(settings):
    """The portal's mail goes over SMTP to a sink that refuses ``REFUSED``."""
    with SmtpSink(refuse={REFUSED}) as sink:
        send_mail_to(settings, sink)
        yield sink


def due_registrations(count, *, events=1, members=()):
    """``count`` confirmed places at ``events`` events (each with an
    organiser of its own) that start in half an hour: their hour-before
    reminder is due now. ``members``: the first places' members."""
    start = (timezone.now() + timedelta(minutes=30)).replace(microsecond=0)
    made = [
        EventFactory(
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            organiser=OrganisationFactory(),
        )
        for _ in range(events)
    ]
    members = list(members)
    return [
        RegistrationFactory(
            event=made[number % events],
            confirmed_at=start - timedelta(days=10),
            **({"member": members[number]} if number < len(members) else {}),
        )
        for number in range(count)
    ]


def emails_of(registrations):
    return [registration.member.email for registration in registrations]


def test_due_reminders_go_out_in_chunks_each_over_one_connection(sink, on_commit):
    registrations = due_registrations(25, events=3)

    with on_commit():  # the chunk tasks are queued once the claims commit
        sent_by_dispatcher = reminders_dispatch(chunk_size=10)

    # The dispatcher sent the first chunk; two chunk tasks sent the others.
    assert sent_by_dispatcher == 10
    assert sink.per_recipient() == Counter(emails_of(registrations))
    assert sink.distinct_messages() == 25
    assert all(m.subject.startswith("Begint zo:") for m in sink.received)
    # One connection per chunk, each carrying its whole chunk.
    assert sink.connections == 3
    per_connection = Counter(received.connection for received in sink.received)
    assert sorted(per_connection.values()) == [5, 10, 10]
    assert set(Reminder.objects.values_list("status", flat=True)) == {"verstuurd"}

    # The next beat finds nothing more to send.
    with on_commit():
        assert reminders_dispatch(chunk_size=10) == 0
    assert sink.count == 25


def test_a_chunk_task_run_twice_sends_nothing_twice(sink):
    registrations = due_registrations(10)
    chunk = reminders_claim_due()

    assert send_reminders.delay(chunk).get() == 10
    assert send_reminders.delay(chunk).get() == 0

    assert sink.per_recipient() == Counter(emails_of(registrations))
    # The second run found nothing to send and opened no connection.
    assert sink.connections == 1


def test_a_refused_recipient_fails_alone_and_is_retried(sink):
    refused = MemberProfileFactory(user__email=REFUSED).user
    registrations = due_registrations(10, members=[refused])
    now = timezone.now()

    assert reminders_dispatch(now=now) == 9

    # The other nine went out, over the one connection the refusal left open.
    others = registrations[1:]
    assert sink.per_recipient() == Counter(emails_of(others))
    assert sink.connections == 1
    failed = Reminder.objects.get(registration=registrations[0])
    assert failed.status == Reminder.Status.FAILED
    assert failed.last_error.startswith("SMTPRecipientsRefused")
    assert failed.next_attempt_at == now + timedelta(minutes=2)
    assert set(
        Reminder.objects.exclude(pk=failed.pk).values_list("status", flat=True)
    ) == {"verstuurd"}

    # Once the server takes the address, the retry after the back-off sends
    # that one reminder, and nothing else again.
    sink.refuse.clear()
    assert reminders_dispatch(now=now + timedelta(minutes=1)) == 0
    assert reminders_dispatch(now=now + timedelta(minutes=2)) == 1
    assert sink.per_recipient() == Counter(emails_of(registrations))
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Reminder.Status.SENT, 2)


def test_a_chunk_costs_one_query_per_reminder_whatever_it_is_about(sink):
    """Each reminder costs the query that marks it sent; the sender takes and
    reads the chunk's reminders, with their events, organisers and members,
    two queries per 20, however many events and members they are about."""

    def queries_to_send(count):
        due_registrations(count, events=count)  # an event and organiser each
        chunk = reminders_claim_due()
        with CaptureQueriesContext(connection) as queries:
            assert reminders_send(reminder_ids=chunk) == count
        return len(queries)

    assert REMINDER_TAKE_SIZE == 20
    assert queries_to_send(5) == 5 + 2
    assert queries_to_send(25) == 25 + 2 * 2


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_of_the_same_chunk_at_once_send_each_reminder_once(sink):
    assert connection.vendor == "postgresql", "race tests need PostgreSQL"
    registrations = due_registrations(20)
    chunk = reminders_claim_due()

    results, errors = race(lambda _n: reminders_send(reminder_ids=chunk), range(2))

    assert errors == []
    assert sum(results) == 20
    assert sink.per_recipient() == Counter(emails_of(registrations))
    assert sink.distinct_messages() == 20


def test_a_mail_that_cannot_be_made_fails_alone(sink, monkeypatch):
    """The next mail is made while the server takes the one before: a mail
    that cannot be made fails its own reminder, for a retry, and the others
    go out, once each."""
    registrations = due_registrations(5)
    broken = registrations[2]
    make = reminders.registration_mail

    def make_or_fail(**kwargs):
        if kwargs["registration"].pk == broken.pk:
            raise ValueError("no mail for this one")
        return make(**kwargs)

    monkeypatch.setattr(reminders, "registration_mail", make_or_fail)

    assert reminders_dispatch() == 4

    others = [r for r in registrations if r != broken]
    assert sink.per_recipient() == Counter(emails_of(others))
    failed = Reminder.objects.get(registration=broken)
    assert (failed.status, failed.last_error) == (
        Reminder.Status.FAILED,
        "ValueError: no mail for this one",
    )
    assert set(
        Reminder.objects.exclude(pk=failed.pk).values_list("status", flat=True)
    ) == {"verstuurd"}


def test_a_chunk_that_stops_halfway_has_marked_every_mail_that_went_out(
    sink, monkeypatch
):
    """When a chunk stops halfway (here: the database fails at its second
    take), the mail that was on its way is marked too: after the lease the
    rest go out, and nobody gets a reminder twice."""
    registrations = due_registrations(25)
    now = timezone.now()
    chunk = reminders_claim_due(now=now)
    take = reminders._reminders_take
    takes = 0

    def take_once(**kwargs):
        nonlocal takes
        takes += 1
        if takes == 2:
            raise DatabaseError("the database went away")
        return take(**kwargs)

    monkeypatch.setattr(reminders, "_reminders_take", take_once)
    with pytest.raises(DatabaseError):
        reminders_send(reminder_ids=chunk, now=now)
    monkeypatch.undo()

    assert sink.count == REMINDER_TAKE_SIZE
    assert Reminder.objects.filter(status="verstuurd").count() == REMINDER_TAKE_SIZE

    later = now + REMINDER_CLAIM_LEASE + timedelta(seconds=1)
    assert reminders_dispatch(now=later) == 25 - REMINDER_TAKE_SIZE
    assert sink.per_recipient() == Counter(emails_of(registrations))
