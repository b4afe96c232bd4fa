"""Reminders before an event: claim the ones that are due, send each once.

A reminder is claimed by an INSERT under a unique constraint, so two
dispatchers never send the same one; a claim whose sender died, or a send
that failed, is taken up again later.
"""

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from portal.locking import LockTimeout, lock

from ..emails import send_registration_mail
from ..models import REMINDER_OFFSETS, Event, Registration, Reminder, ReminderKind

logger = logging.getLogger(__name__)

# A claimed reminder whose sender died is sent again after this long.
REMINDER_CLAIM_LEASE = timedelta(minutes=10)
REMINDER_MAX_ATTEMPTS = 6

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

    The claim is an INSERT under the unique constraint (registration, kind,
    event start): when two dispatchers race, one insert wins and the other
    skips. A claim whose sender died (still CLAIMED after the lease) and a
    failed send whose back-off has passed are taken up again.
    """
    now = now or timezone.now()
    claimed: list[int] = []
    for kind, opens, closes in REMINDER_WINDOWS:
        for registration in _due_registrations(
            kind=kind, opens=opens, closes=closes, now=now
        ):
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        registration=registration,
                        kind=kind,
                        event_starts_at=registration.event.starts_at,
                        claimed_at=now,
                        next_attempt_at=now,
                    )
            except IntegrityError:
                continue  # another dispatcher claimed it first
            claimed.append(reminder.pk)

    # Retry claims that were abandoned or failed, while still relevant.
    with transaction.atomic():
        stale = (
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(
                Q(
                    status=Reminder.Status.CLAIMED,
                    claimed_at__lt=now - REMINDER_CLAIM_LEASE,
                )
                | Q(status=Reminder.Status.FAILED, next_attempt_at__lte=now),
                attempts__lt=REMINDER_MAX_ATTEMPTS,
                registration__status=Registration.Status.CONFIRMED,
                registration__event__status=Event.Status.SCHEDULED,
                registration__event__starts_at__gt=now,
            )
            .exclude(pk__in=claimed)
        )
        for reminder in stale:
            reminder.status = Reminder.Status.CLAIMED
            reminder.claimed_at = now
            reminder.save(update_fields=["status", "claimed_at"])
            claimed.append(reminder.pk)
    return claimed


def reminder_send(*, reminder_id: int, now: datetime | None = None) -> bool:
    """Send one claimed reminder; returns True when it went out.

    Only the holder of the claim sends: the row is locked and must still be
    CLAIMED. A reminder whose registration was cancelled, whose event moved or
    was cancelled in the meantime, or whose window has passed (a retry that
    came too late, an event that has started) is dropped, not sent.
    """
    now = now or timezone.now()
    with transaction.atomic():
        reminder = lock(Reminder, pk=reminder_id)
        if reminder.status != Reminder.Status.CLAIMED:
            return False
        registration = Registration.objects.select_related(
            "event", "event__organiser", "member"
        ).get(pk=reminder.registration_id)
        event = registration.event
        if (
            not registration.is_confirmed
            or event.is_cancelled
            or event.starts_at != reminder.event_starts_at
            or not reminder_is_due(
                kind=reminder.kind, starts_at=event.starts_at, now=now
            )
        ):
            reminder.delete()
            return False
        reminder.attempts += 1
        try:
            send_registration_mail(
                registration=registration, kind=f"reminder_{reminder.kind}"
            )
        except Exception as exc:  # SMTP and network errors: try again later
            reminder.status = Reminder.Status.FAILED
            reminder.last_error = f"{type(exc).__name__}: {exc}"[:300]
            reminder.next_attempt_at = now + timedelta(minutes=2**reminder.attempts)
            reminder.save(
                update_fields=["status", "last_error", "next_attempt_at", "attempts"]
            )
            logger.warning("reminder %s failed: %s", reminder.pk, exc)
            return False
        reminder.status = Reminder.Status.SENT
        reminder.sent_at = now
        reminder.save(update_fields=["status", "sent_at", "attempts"])
        return True


def reminders_dispatch(*, now: datetime | None = None) -> int:
    """Claim and send every due reminder; returns how many went out."""
    sent = 0
    for pk in reminders_claim_due(now=now):
        try:
            sent += reminder_send(reminder_id=pk, now=now)
        except LockTimeout:
            # Another sender holds this reminder (and sends or retries it);
            # go on with the others.
            logger.warning("reminder %s is busy elsewhere; skipped", pk)
    return sent
