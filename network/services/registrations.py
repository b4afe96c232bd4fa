"""Writes with rules for registrations: register, cancel, promote from the
waitlist, attendance, and the mails about them.

Every function that touches the seats of an event locks the event row first
(``portal.locking.lock``), so concurrent registrations and cancellations are
serialised per event and the number of confirmed places never exceeds the
capacity. E-mails go out after commit, through a Celery task that takes ids.
"""

from datetime import datetime
from enum import StrEnum

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit import audit_record
from portal.jobs import enqueue
from portal.locking import lock
from portal.models import User

from ..emails import send_registration_mail
from ..exceptions import (
    EventCancelled,
    EventStarted,
    RegistrationClosed,
    RegistrationNotOpenYet,
)
from ..models import Event, Registration

REGISTRATION_MAIL_TASK = "network.tasks.send_registration_mail"


class CancelledBy(StrEnum):
    """Who cancels a registration: the member signed in, the member through
    the link in an e-mail (not signed in), or a coordinator."""

    MEMBER = "member"
    LINK = "link"
    COORDINATOR = "coordinator"


CANCEL_SUMMARIES = {
    CancelledBy.MEMBER: gettext_lazy("Afgemeld door de deelnemer."),
    CancelledBy.LINK: gettext_lazy("Afgemeld via de link in de e-mail."),
    CancelledBy.COORDINATOR: gettext_lazy("Afgemeld door de coördinator."),
}


def registration_mail_enqueue(*, registration_id: int, kind: str) -> None:
    """Mail the member about their registration, after commit, in the
    background. When the broker is unreachable the registration stands (it is
    committed); reminders come from the database and go out anyway."""
    enqueue(REGISTRATION_MAIL_TASK, registration_id, kind)


def registration_mail_send(*, registration_id: int, kind: str) -> bool:
    """Send the mail of ``kind`` about a registration now (raises on SMTP
    errors, so the task retries). Returns False when the registration was
    deleted in the meantime (with the account)."""
    registration = (
        Registration.objects.select_related("event", "event__organiser", "member")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    send_registration_mail(registration=registration, kind=kind)
    return True


def _confirmed_count(event: Event) -> int:
    return Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).count()


def _has_free_seat(event: Event) -> bool:
    return event.capacity is None or _confirmed_count(event) < event.capacity


# --- The rules of cancelling --------------------------------------------------


def registration_cancel_check(
    *,
    registration: Registration,
    by: CancelledBy = CancelledBy.MEMBER,
    now: datetime | None = None,
) -> None:
    """Raise EventStarted when ``by`` may no longer cancel ``registration``.

    Once the event has begun only a coordinator can cancel a confirmed place:
    a member would lose their certificate of attendance. A place on the
    waitlist holds no seat and earns no certificate (nobody moves up once the
    event has begun), so the member can give it up until the event is over.
    """
    if by is CancelledBy.COORDINATOR:
        return
    event = registration.event
    at = now or timezone.now()
    if registration.is_waitlisted and event.ends_at > at:
        return
    if event.has_started_at(at):
        raise EventStarted


def registration_may_cancel(
    *, registration: Registration | None, now: datetime | None = None
) -> bool:
    """Whether the member may cancel ``registration`` themselves now: it is
    active, its event goes ahead and has not begun (what the event page
    offers a button for)."""
    if registration is None or not registration.is_active:
        return False
    if registration.event.is_cancelled:
        return False
    try:
        registration_cancel_check(registration=registration, now=now)
    except EventStarted:
        return False
    return True


# --- Registration -------------------------------------------------------------


def registration_create(
    *, event: Event, member: User, now: datetime | None = None
) -> Registration:
    """Give ``member`` a place at ``event``, or a place on its waitlist.

    Registering again while registered changes nothing and returns the
    existing registration; after a cancellation the member asks anew and joins
    the end of the queue.
    """
    with transaction.atomic():
        event = lock(Event, pk=event.pk)
        # Read the clock under the lock, so the queue order is the order in
        # which requests were served.
        now = now or timezone.now()
        if event.is_cancelled:
            raise EventCancelled
        if event.registration_opens_at and now < event.registration_opens_at:
            raise RegistrationNotOpenYet
        if not event.registration_is_open(at=now):
            raise RegistrationClosed

        registration = lock(Registration, missing_ok=True, event=event, member=member)
        if registration is not None and registration.is_active:
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
        audit_record(
            actor=member,
            action="registration.created",
            target=registration,
            summary=(
                _("Aangemeld; de plek is bevestigd.")
                if confirmed
                else _("Aangemeld; op de wachtlijst.")
            ),
            data={"event": event.pk, "status": registration.status},
        )
        registration_mail_enqueue(
            registration_id=registration.pk,
            kind="confirmed" if confirmed else "waitlisted",
        )
        return registration


def registration_cancel(
    *,
    registration: Registration,
    actor: User | None = None,
    by: CancelledBy = CancelledBy.MEMBER,
    now: datetime | None = None,
) -> Registration:
    """Cancel a place (or a waitlist place); a freed seat goes to the waitlist.

    ``by`` says who cancels (a coordinator's cancellation is mailed as such,
    and is allowed after the event began); ``actor`` is who did it, for the
    audit log (by default the member when they cancel themselves).
    Cancelling twice changes nothing. Raises EventStarted when the rule of
    ``registration_cancel_check`` refuses.
    """
    now = now or timezone.now()
    if actor is None and by is CancelledBy.MEMBER:
        actor = registration.member
    with transaction.atomic():
        event = lock(Event, pk=registration.event_id)
        registration = lock(Registration, pk=registration.pk)
        registration.event = event
        if not registration.is_active:
            return registration
        registration_cancel_check(registration=registration, by=by, now=now)
        was_confirmed = registration.is_confirmed
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_record(
            actor=actor,
            action="registration.cancelled",
            target=registration,
            summary=str(CANCEL_SUMMARIES[by]),
            data={"event": event.pk, "by": str(by), "was_confirmed": was_confirmed},
        )
        registration_mail_enqueue(
            registration_id=registration.pk,
            kind=(
                "cancelled_by_organiser"
                if by is CancelledBy.COORDINATOR
                else "cancelled"
            ),
        )
        if was_confirmed:
            registrations_promote(event=event, now=now)
        return registration


def registrations_promote(*, event: Event, now: datetime) -> list[Registration]:
    """Fill the free seats of ``event`` from its waitlist, first in line first.

    The caller holds the lock on the event (every change of a registration's
    status takes it first); each promoted registration is locked too.
    """
    if event.is_cancelled or event.has_started_at(now):
        return []
    free = None if event.capacity is None else event.capacity - _confirmed_count(event)
    if free is not None and free <= 0:
        return []
    waiting = Registration.objects.filter(
        event=event, status=Registration.Status.WAITLISTED
    ).order_by("requested_at", "pk")
    waiting_ids = list(
        (waiting if free is None else waiting[:free]).values_list("pk", flat=True)
    )
    promoted = []
    for pk in waiting_ids:
        registration = lock(Registration, pk=pk)
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        audit_record(
            actor=None,
            action="registration.promoted",
            target=registration,
            summary=_("Van de wachtlijst naar een bevestigde plek."),
            data={"event": event.pk},
        )
        registration_mail_enqueue(registration_id=registration.pk, kind="promoted")
        promoted.append(registration)
    return promoted


def registration_messages_off(
    *, registration: Registration, now: datetime | None = None
) -> Registration:
    """Stop the coordinator's messages about the event of ``registration``
    to its member (the link in such a message, or a mail client's one-click
    unsubscribe). The mails about their place itself still come. Doing it
    twice changes nothing."""
    with transaction.atomic():
        registration = lock(Registration, pk=registration.pk)
        if registration.messages_off_at is not None:
            return registration
        registration.messages_off_at = now or timezone.now()
        registration.save(update_fields=["messages_off_at", "updated_at"])
        audit_record(
            actor=registration.member,
            action="registration.messages_off",
            target=registration,
            summary=_(
                "Wil geen berichten van de coördinator meer over deze bijeenkomst."
            ),
            data={"event": registration.event_id},
        )
    return registration


def registration_set_attendance(
    *, registration: Registration, attended: bool, actor: User | None = None
) -> bool:
    """Mark whether a confirmed participant came (coordinators, after the
    event). Returns True when the registration is confirmed (and so marked)."""
    with transaction.atomic():
        locked = lock(
            Registration.objects.filter(status=Registration.Status.CONFIRMED),
            missing_ok=True,
            pk=registration.pk,
        )
        if locked is None:
            return False
        changed = locked.attended != attended
        locked.attended = attended
        locked.save(update_fields=["attended", "updated_at"])
        if changed:
            audit_record(
                actor=actor,
                action="registration.attendance_set",
                target=locked,
                summary=_("Was erbij.") if attended else _("Was er niet bij."),
                data={"event": locked.event_id, "attended": attended},
            )
    return True
