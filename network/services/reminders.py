"""Reminders before an event: claim the ones that are due, send each once.

A dispatcher run (beat, every 30 seconds) claims every due reminder with one
bulk INSERT under a unique constraint: of two dispatchers only one gets each
row, and each reads back its own rows by its claim token. The claims are sent
in chunks, each over one connection to the mail server: the dispatcher sends
the first chunk itself and hands the others to workers as tasks
(``network.tasks.send_reminders``). A sender takes its reminders from CLAIMED
to SENDING before it sends them, so no reminder has two senders, and marks
each one SENT (or FAILED, for a retry with back-off) as soon as its mail went
out. A claim whose sender died is taken up again after the lease.
"""

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache

from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection as database
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from portal.jobs import enqueue
from portal.mail import OutgoingMail, mail_connection

from ..emails import MailBatch, registration_mail
from ..models import REMINDER_OFFSETS, Event, Registration, Reminder, ReminderKind

logger = logging.getLogger(__name__)

# A claimed reminder whose sender died is sent again after this long.
REMINDER_CLAIM_LEASE = timedelta(minutes=10)
REMINDER_MAX_ATTEMPTS = 6
# Reminders per chunk: one task, one connection to the mail server.
REMINDER_CHUNK_SIZE = 200
# A sender takes (and reads) the reminders of its chunk this many at a time,
# so whether one still goes out (a cancelled place, a moved event) is read
# at most this many mails before it is sent, and a sender holds no more than
# this many at once.
REMINDER_TAKE_SIZE = 20
SEND_REMINDERS_TASK = "network.tasks.send_reminders"

# Each reminder has a window: from its offset before the start until the next
# reminder's offset (the last one until the start). The reminder of the window
# the event is in is due now, also for an event made or a place confirmed
# inside it (an event made 50 minutes ahead gets its hour-before reminder at
# once). A reminder whose window has passed is never sent: the next one took
# its place, and once the event has started there is none.
REMINDER_WINDOWS: list[tuple[ReminderKind, timedelta, timedelta]] = [
    (
        ReminderKind.WEEK,
        REMINDER_OFFSETS[ReminderKind.WEEK],
        REMINDER_OFFSETS[ReminderKind.DAY],
    ),
    (
        ReminderKind.DAY,
        REMINDER_OFFSETS[ReminderKind.DAY],
        REMINDER_OFFSETS[ReminderKind.HOUR],
    ),
    (ReminderKind.HOUR, REMINDER_OFFSETS[ReminderKind.HOUR], timedelta(0)),
]
_WINDOW_OF = {kind: (opens, closes) for kind, opens, closes in REMINDER_WINDOWS}


def reminder_is_due(*, kind: str, starts_at: datetime, now: datetime) -> bool:
    """Whether the reminder of ``kind`` for an event starting at ``starts_at``
    may go out at ``now``: only inside its window, whenever the event was made
    or the place confirmed."""
    opens, closes = _WINDOW_OF[ReminderKind(kind)]
    return starts_at - opens <= now < starts_at - closes


def _due_registrations(
    *, kind: ReminderKind, opens: timedelta, closes: timedelta, now: datetime
) -> QuerySet[Registration]:
    """Confirmed registrations whose event is inside the window of ``kind``
    and that have no reminder of that kind for the event's current start,
    however recently they were confirmed."""
    already = Reminder.objects.filter(
        registration=OuterRef("pk"),
        kind=kind,
        event_starts_at=OuterRef("event__starts_at"),
    )
    return (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            event__status=Event.Status.SCHEDULED,
            event__starts_at__lte=now + opens,
            event__starts_at__gt=now + closes,
        )
        .exclude(Exists(already))
        .select_related("event")
    )


def reminders_claim_due(*, now: datetime | None = None) -> list[int]:
    """Claim every reminder that is due now; returns the claimed reminder ids.

    The claim is a bulk INSERT under the unique constraint (registration,
    kind, event start) that skips conflicts (ON CONFLICT DO NOTHING): when two
    dispatchers race, each row goes to one of them, and each reads back the
    rows that carry its own token. A claim whose sender died (still CLAIMED
    or SENDING after the lease) and a failed send whose back-off has passed
    are taken up again.
    """
    now = now or timezone.now()
    token = uuid.uuid4()
    claims = [
        Reminder(
            registration_id=registration_id,
            kind=kind,
            event_starts_at=starts_at,
            claimed_at=now,
            next_attempt_at=now,
            claim_token=token,
        )
        for kind, opens, closes in REMINDER_WINDOWS
        for registration_id, starts_at in _due_registrations(
            kind=kind, opens=opens, closes=closes, now=now
        ).values_list("pk", "event__starts_at")
    ]
    # Every dispatcher inserts in the same order, so two that race wait for
    # each other row by row instead of deadlocking.
    claims.sort(key=lambda claim: (claim.registration_id, claim.kind))
    with transaction.atomic():
        # Retry claims that were abandoned or failed, while still relevant:
        # found on the reminders' own columns (few rows, whatever the number
        # of registrations), then checked against their registration.
        stale = Reminder.objects.select_for_update(skip_locked=True).filter(
            Q(
                status__in=[Reminder.Status.CLAIMED, Reminder.Status.SENDING],
                claimed_at__lt=now - REMINDER_CLAIM_LEASE,
            )
            | Q(status=Reminder.Status.FAILED, next_attempt_at__lte=now),
            attempts__lt=REMINDER_MAX_ATTEMPTS,
        )
        Reminder.objects.filter(
            pk__in=list(stale.values_list("pk", flat=True)),
            registration__status=Registration.Status.CONFIRMED,
            registration__event__status=Event.Status.SCHEDULED,
            registration__event__starts_at__gt=now,
        ).update(status=Reminder.Status.CLAIMED, claimed_at=now, claim_token=token)
        Reminder.objects.bulk_create(claims, batch_size=1000, ignore_conflicts=True)
        return list(
            Reminder.objects.filter(claim_token=token)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def reminders_send(*, reminder_ids: Sequence[int], now: datetime | None = None) -> int:
    """Send the claimed reminders among ``reminder_ids`` over one connection
    to the mail server; returns how many went out.

    Safe to run twice, also at the same time: a sender takes reminders from
    CLAIMED to SENDING in one UPDATE before it sends them, so each has one
    sender, and a reminder that was sent (or taken) is not taken again. A
    reminder whose registration was cancelled, whose event moved or was
    cancelled, or whose window has passed (a retry that came too late, an
    event that has started) is dropped, not sent. A mail that fails marks its
    reminder FAILED for a retry with back-off; the chunk goes on with the
    others. Each reminder is marked as soon as the mail server took its mail,
    and the next mail goes out only then (it is made while the server takes
    the one before), so a crash can repeat at most the one mail that was on
    its way.
    """
    now = now or timezone.now()
    batch = MailBatch()
    sent = 0
    on_its_way: tuple[Reminder, OutgoingMail] | None = None
    # One database cursor for the marks of the chunk: making one is more
    # work than the UPDATE it runs.
    with mail_connection() as connection, database.cursor() as marks:
        try:
            for start in range(0, len(reminder_ids), REMINDER_TAKE_SIZE):
                for reminder in _reminders_take(
                    reminder_ids=reminder_ids[start : start + REMINDER_TAKE_SIZE],
                    now=now,
                ):
                    outgoing = _reminder_mail(
                        reminder=reminder, now=now, connection=connection, batch=batch
                    )
                    if outgoing is None:
                        continue
                    if on_its_way is not None:
                        previous, on_its_way = on_its_way, None
                        sent += _reminder_settle(*previous, now=now, marks=marks)
                    outgoing.send()
                    on_its_way = (reminder, outgoing)
        finally:
            # Also when the chunk stops early: the mail on its way is marked.
            if on_its_way is not None:
                sent += _reminder_settle(*on_its_way, now=now, marks=marks)
    return sent


def _reminders_take(*, reminder_ids: Sequence[int], now: datetime) -> list[Reminder]:
    """Take the reminders among ``reminder_ids`` that are still CLAIMED (one
    UPDATE: of two senders, each row goes to one) and read them with all
    their mails need (one query)."""
    token = uuid.uuid4()
    taking = Reminder.objects.filter(
        pk__in=reminder_ids, status=Reminder.Status.CLAIMED
    )
    if _commit_without_waiting():
        taking = taking.filter(
            RawSQL(COMMIT_WITHOUT_WAITING, (), output_field=BooleanField())  # noqa: S611  # nosec B611 - a constant
        )
    taken = taking.update(
        status=Reminder.Status.SENDING, claimed_at=now, claim_token=token
    )
    if not taken:
        return []
    return list(
        Reminder.objects.filter(claim_token=token, status=Reminder.Status.SENDING)
        .select_related("registration__event__organiser", "registration__member")
        .only(*_TAKEN_FIELDS)
        .order_by("pk")
    )


# What sending a reminder reads of it, its registration, event, organiser and
# member (the checks in _reminder_mail, the mail, its calendar file): a take
# reads these columns only. One more that a mail came to need would cost a
# query per reminder (read when first used), which the tests of the query
# count would show.
_TAKEN_FIELDS = (
    "kind",
    "event_starts_at",
    "status",
    "attempts",
    "registration__status",
    "registration__requested_at",
    "registration__event__title",
    "registration__event__slug",
    "registration__event__summary",
    "registration__event__starts_at",
    "registration__event__ends_at",
    "registration__event__location",
    "registration__event__online_url",
    "registration__event__status",
    "registration__event__contact_email",
    "registration__event__uid",
    "registration__event__sequence",
    "registration__event__organiser__name",
    "registration__member__email",
    "registration__member__first_name",
)


def _reminder_mail(
    *,
    reminder: Reminder,
    now: datetime,
    connection: BaseEmailBackend,
    batch: MailBatch,
) -> OutgoingMail | None:
    """The mail of a taken reminder, ready to go; None when the reminder no
    longer applies, and is dropped (see :func:`reminders_send`)."""
    registration = reminder.registration
    event = registration.event
    if (
        not registration.is_confirmed
        or event.is_cancelled
        or event.starts_at != reminder.event_starts_at
        or not reminder_is_due(kind=reminder.kind, starts_at=event.starts_at, now=now)
    ):
        Reminder.objects.filter(pk=reminder.pk).delete()
        return None
    reminder.attempts += 1
    try:
        message = registration_mail(
            registration=registration,
            kind=f"reminder_{reminder.kind}",
            connection=connection,
            batch=batch,
        )
        return OutgoingMail(message, connection=connection)
    except Exception as exc:  # marked FAILED by _reminder_settle
        return OutgoingMail.unmade(exc, connection=connection)


def _reminder_settle(
    reminder: Reminder, outgoing: OutgoingMail, *, now: datetime, marks: CursorWrapper
) -> bool:
    """Wait for the mail server's answer to the mail of ``reminder`` and mark
    it SENT, or FAILED for a retry with back-off; True when it went out."""
    try:
        outgoing.result()
    except Exception as exc:  # SMTP and network errors: try again later
        reminder.status = Reminder.Status.FAILED
        reminder.last_error = f"{type(exc).__name__}: {exc}"[:300]
        reminder.next_attempt_at = now + timedelta(minutes=2**reminder.attempts)
        reminder.save(
            update_fields=["status", "last_error", "next_attempt_at", "attempts"]
        )
        logger.warning("reminder %s failed: %s", reminder.pk, exc)
        return False
    _reminder_mark_sent(reminder=reminder, now=now, cursor=marks)
    return True


# A condition that always holds and has the commit of the statement it is in
# not wait for the disk: synchronous_commit off for that statement's own
# transaction, outside a transaction (PostgreSQL). The writes of a sender (the
# take and each mark) commit at once, so a worker that dies right after
# still leaves them behind, and a chunk does not wait for the disk once per
# mail. Only a crash of the database server itself in the moment before
# they reached the disk loses them; those mails then go out again after the
# lease, as after a crash of the sender (the mark always comes after the
# take it belongs to, so it is never kept without it).
COMMIT_WITHOUT_WAITING = "set_config('synchronous_commit', 'off', true) = 'off'"


def _commit_without_waiting(db: BaseDatabaseWrapper = database) -> bool:
    return db.vendor == "postgresql" and db.get_autocommit()


@cache
def _mark_sent_sql(*, commit_without_waiting: bool) -> str:
    """The UPDATE that marks one reminder sent, made once: it runs once per
    mail, where building it with the ORM costs more than running it."""
    table = database.ops.quote_name(Reminder._meta.db_table)
    # The model's own table; the values go as parameters.
    sql = (
        f"UPDATE {table} SET status = %s, sent_at = %s, attempts = %s "  # noqa: S608  # nosec B608
        "WHERE id = %s"
    )
    if commit_without_waiting:
        sql += f" AND {COMMIT_WITHOUT_WAITING}"
    return sql


def _reminder_mark_sent(
    *, reminder: Reminder, now: datetime, cursor: CursorWrapper
) -> None:
    """Mark ``reminder`` SENT: one UPDATE, committed at once without waiting
    for the disk (see ``COMMIT_WITHOUT_WAITING``)."""
    reminder.status = Reminder.Status.SENT
    reminder.sent_at = now
    cursor.execute(
        _mark_sent_sql(commit_without_waiting=_commit_without_waiting(cursor.db)),
        [reminder.status, reminder.sent_at, reminder.attempts, reminder.pk],
    )


def reminder_send(*, reminder_id: int, now: datetime | None = None) -> bool:
    """Send one claimed reminder; returns True when it went out (see
    :func:`reminders_send`)."""
    return reminders_send(reminder_ids=[reminder_id], now=now) == 1


def reminders_dispatch(
    *, now: datetime | None = None, chunk_size: int = REMINDER_CHUNK_SIZE
) -> int:
    """Claim every due reminder and send them in chunks of ``chunk_size``;
    returns how many the dispatcher sent itself.

    The dispatcher sends the first chunk itself: the usual run (a few
    reminders) needs no round through the broker, and goes out also while
    the broker is down. The other chunks go to the workers, a task each, once
    the claims are committed; a chunk that could not be queued is claimed
    again after the lease.
    """
    claimed = reminders_claim_due(now=now)
    chunks = [
        claimed[start : start + chunk_size]
        for start in range(0, len(claimed), chunk_size)
    ]
    for chunk in chunks[1:]:
        enqueue(SEND_REMINDERS_TASK, chunk)
    return reminders_send(reminder_ids=chunks[0], now=now) if chunks else 0
