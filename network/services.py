"""Writes with rules for the leernetwerk: registration, cancellation,
promotion from the waitlist, event changes and reminders.

Every function that touches the seats of an event locks the event row first
(``select_for_update``), so concurrent registrations and cancellations are
serialised per event and the number of confirmed places never exceeds the
capacity. E-mails go out after commit, through Celery tasks that take ids.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from .exceptions import (
    EventCancelled,
    EventStarted,
    RegistrationClosed,
    RegistrationNotOpenYet,
)
from .models import (
    REMINDER_OFFSETS,
    Event,
    Registration,
    Reminder,
    ReminderKind,
)

logger = logging.getLogger(__name__)

# A claimed reminder whose sender died is sent again after this long.
REMINDER_CLAIM_LEASE = timedelta(minutes=10)
REMINDER_MAX_ATTEMPTS = 6


def _queue_mail(registration_id: int, kind: str) -> None:
    from . import tasks

    def queue() -> None:
        try:
            tasks.send_registration_mail.delay(registration_id, kind)
        except KombuOperationalError:
            # The broker is unreachable. The registration stands (it is
            # committed); reminders come from the database and go out anyway.
            logger.exception(
                "could not queue the %s mail of registration %s", kind, registration_id
            )

    transaction.on_commit(queue)


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirmed_count(event: Event) -> int:
    return Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).count()


def _has_free_seat(event: Event) -> bool:
    return event.capacity is None or _confirmed_count(event) < event.capacity


# --- Registration -------------------------------------------------------------


def registration_create(*, event: Event, member, now: datetime | None = None):
    """Give ``member`` a place at ``event``, or a place on its waitlist.

    Registering again while registered changes nothing and returns the
    existing registration; after a cancellation the member asks anew and joins
    the end of the queue.
    """
    with transaction.atomic():
        event = _lock_event(event)
        # Read the clock under the lock, so the queue order is the order in
        # which requests were served.
        now = now or timezone.now()
        if event.is_cancelled:
            raise EventCancelled
        if event.registration_opens_at and now < event.registration_opens_at:
            raise RegistrationNotOpenYet
        if not event.registration_is_open(at=now):
            raise RegistrationClosed

        registration = (
            Registration.objects.select_for_update()
            .filter(event=event, member=member)
            .first()
        )
        if registration and registration.status != Registration.Status.CANCELLED:
            return registration

        confirmed = _has_free_seat(event)
        if registration is None:
            registration = Registration(event=event, member=member)
        registration.status = (
            Registration.Status.CONFIRMED
            if confirmed
            else Registration.Status.WAITLISTED
        )
        registration.requested_at = now
        registration.confirmed_at = now if confirmed else None
        registration.cancelled_at = None
        registration.full_clean(validate_unique=False, validate_constraints=False)
        registration.save()
        _queue_mail(registration.pk, "confirmed" if confirmed else "waitlisted")
        return registration


def registration_cancel(
    *,
    registration: Registration,
    now: datetime | None = None,
    by_organiser: bool = False,
):
    """Cancel a place (or a waitlist place); a freed seat goes to the waitlist.

    ``by_organiser`` when a coordinator cancels it (the mail says so).
    Cancelling twice changes nothing. Once the event has begun only the
    organiser can cancel (a member would lose their certificate of
    attendance): raises EventStarted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        if event.starts_at <= now and not by_organiser:
            raise EventStarted
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        _queue_mail(
            registration.pk, "cancelled_by_organiser" if by_organiser else "cancelled"
        )
        if was_confirmed:
            _promote_from_waitlist(event=event, now=now)
        return registration


def _promote_from_waitlist(*, event: Event, now: datetime) -> list[Registration]:
    """Fill free seats from the waitlist in order. The caller holds the lock."""
    if event.is_cancelled or event.starts_at <= now:
        return []
    free = None if event.capacity is None else event.capacity - _confirmed_count(event)
    if free is not None and free <= 0:
        return []
    waiting = Registration.objects.select_for_update().filter(
        event=event, status=Registration.Status.WAITLISTED
    )
    waiting = waiting.order_by("requested_at", "pk")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _queue_mail(registration.pk, "promoted")
    return promoted


def registration_set_attendance(*, registration: Registration, attended: bool) -> None:
    """Mark whether a confirmed participant came (coordinators, after the event)."""
    Registration.objects.filter(
        pk=registration.pk, status=Registration.Status.CONFIRMED
    ).update(attended=attended, updated_at=timezone.now())


# --- Events -------------------------------------------------------------------


@dataclass(frozen=True)
class EventSnapshot:
    """What participants must hear about when it changes."""

    starts_at: datetime
    ends_at: datetime
    location: str
    online_url: str
    capacity: int | None
    status: str

    @classmethod
    def of(cls, event: Event) -> "EventSnapshot":
        return cls(
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            location=event.location,
            online_url=event.online_url,
            capacity=event.capacity,
            status=event.status,
        )


def event_save(*, event: Event, before: EventSnapshot | None = None) -> Event:
    """Save an event made or edited by a coordinator, and let people know.

    A change of time, place or link bumps the calendar SEQUENCE and mails the
    participants an updated calendar item; more seats promote people from the
    waitlist; a cancellation mails everyone a calendar cancellation.
    """
    event.full_clean()
    now = timezone.now()
    with transaction.atomic():
        if event.pk is None or before is None:
            event.save()
            return event
        _lock_event(event)
        after = EventSnapshot.of(event)
        cancelled_now = (
            before.status != Event.Status.CANCELLED
            and after.status == Event.Status.CANCELLED
        )
        details_changed = (
            before.starts_at,
            before.ends_at,
            before.location,
            before.online_url,
        ) != (after.starts_at, after.ends_at, after.location, after.online_url)
        # A cancelled event that is edited afterwards (a typo in the title, a
        # new date that is not announced yet) sends nobody anything.
        was_cancelled = before.status == Event.Status.CANCELLED
        details_changed = details_changed and not was_cancelled
        if cancelled_now or details_changed:
            event.sequence += 1
        event.save()
        active = Registration.objects.filter(
            event=event,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
        ).values_list("pk", flat=True)
        if cancelled_now:
            for pk in active:
                _queue_mail(pk, "event_cancelled")
        elif details_changed:
            for pk in active:
                _queue_mail(pk, "event_changed")
        if not cancelled_now:
            _promote_from_waitlist(event=event, now=now)
    return event


def event_cancel(*, event: Event) -> Event:
    before = EventSnapshot.of(event)
    event.status = Event.Status.CANCELLED
    return event_save(event=event, before=before)


# --- Reminders ----------------------------------------------------------------

# Each reminder has a window: from its offset before the start until the next
# reminder's offset. A registration confirmed inside a window skips that
# reminder (the confirmation just told them); one sent late is never sent.
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


def _due_registrations(
    *, kind: ReminderKind, opens: timedelta, closes: timedelta, now: datetime
):
    """Confirmed registrations whose event is inside the window of ``kind``
    and that have no reminder of that kind for the event's current start."""
    from django.db.models import Exists, F, OuterRef

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
            confirmed_at__lt=F("event__starts_at") - opens,
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
    CLAIMED. A reminder whose registration was cancelled or whose event moved
    or was cancelled in the meantime is dropped, not sent.
    """
    from .emails import send_registration_mail

    now = now or timezone.now()
    with transaction.atomic():
        reminder = (
            # Lock the reminder row only (the member join is an outer join).
            Reminder.objects.select_for_update(of=("self",))
            .select_related("registration__event", "registration__member")
            .get(pk=reminder_id)
        )
        if reminder.status != Reminder.Status.CLAIMED:
            return False
        registration = reminder.registration
        event = registration.event
        if (
            registration.status != Registration.Status.CONFIRMED
            or event.is_cancelled
            or event.starts_at != reminder.event_starts_at
            or event.starts_at <= now
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
    return sum(
        reminder_send(reminder_id=pk, now=now) for pk in reminders_claim_due(now=now)
    )
