"""Writes of the coordinator's back office.

Event saves go through ``network.services.events.event_save`` so participants
hear about changes and the waitlist moves up when seats are added; attendance
and cancellations go through the registration services. Messages to
participants are sent one by one, after commit, by a Celery task that takes
ids.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.jobs import enqueue
from portal.models import User

from ..emails import send_coordinator_message
from ..models import Event, EventBouwopgave, Registration
from ..selectors.coordination import AUDIENCE_STATUSES, registration_recipient_ids
from .events import EventSnapshot, event_cancel, event_save
from .registrations import (
    CancelledBy,
    registration_cancel,
    registration_set_attendance,
)

COORDINATOR_MESSAGE_TASK = "network.tasks.send_coordinator_message"


def event_set_bouwopgaven(*, event: Event, bouwopgaven: Iterable[int]) -> None:
    """Make the event's bouwopgaven exactly ``bouwopgaven``."""
    wanted = {int(b) for b in bouwopgaven}
    with transaction.atomic():
        EventBouwopgave.objects.filter(event=event).exclude(
            bouwopgave__in=wanted
        ).delete()
        existing = set(
            EventBouwopgave.objects.filter(event=event).values_list(
                "bouwopgave", flat=True
            )
        )
        EventBouwopgave.objects.bulk_create(
            [
                EventBouwopgave(event=event, bouwopgave=b)
                for b in sorted(wanted - existing)
            ]
        )


def event_save_from_admin(
    *,
    event: Event,
    before: EventSnapshot | None,
    bouwopgaven: Iterable[int] | None = None,
    actor: User | None = None,
) -> Event:
    """Save an event made or edited in the back office, with its bouwopgaven.

    ``before`` is the state in the database before the edit (None for a new
    event); ``event_save`` compares it to tell participants what changed.
    """
    with transaction.atomic():
        event = event_save(event=event, before=before, actor=actor)
        if bouwopgaven is not None:
            event_set_bouwopgaven(event=event, bouwopgaven=bouwopgaven)
    return event


def event_cancel_from_admin(*, event: Event, actor: User | None = None) -> Event:
    """Cancel the event: everyone registered gets a cancellation mail."""
    if event.is_cancelled:
        return event
    return event_cancel(event=event, actor=actor)


def event_set_attendance(
    *, event: Event, attended_ids: Iterable[int], actor: User | None = None
) -> int:
    """Mark who came: confirmed participants in ``attended_ids`` came, the
    other confirmed participants did not. Returns how many came."""
    attended = {int(pk) for pk in attended_ids}
    confirmed = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    )
    came = 0
    with transaction.atomic():
        for registration in confirmed:
            present = registration.pk in attended
            came += present
            registration_set_attendance(
                registration=registration, attended=present, actor=actor
            )
    return came


def registration_cancel_by_coordinator(
    *, event: Event, registration_id: int, actor: User | None = None
) -> Registration:
    """Cancel one registration of ``event``; the waitlist moves up."""
    registration = Registration.objects.get(pk=registration_id, event=event)
    return registration_cancel(
        registration=registration, actor=actor, by=CancelledBy.COORDINATOR
    )


def event_message_participants(
    *,
    event: Event,
    subject: str,
    body: str,
    audience: str,
    actor: User | None = None,
) -> int:
    """Send a message to the participants of ``event`` in ``audience``, each
    their own e-mail, after commit. Returns the number of recipients."""
    if audience not in AUDIENCE_STATUSES:
        raise ValueError(audience)
    with transaction.atomic():
        ids = registration_recipient_ids(event=event, audience=audience)
        if ids:
            audit_record(
                actor=actor,
                action="event.message_sent",
                target=event,
                summary=_("Bericht aan %(count)d deelnemers: %(subject)s")
                % {"count": len(ids), "subject": subject},
                data={"subject": subject, "audience": audience, "recipients": ids},
            )
        for pk in ids:
            enqueue(COORDINATOR_MESSAGE_TASK, pk, subject, body)
    return len(ids)


def coordinator_message_send(*, registration_id: int, subject: str, body: str) -> bool:
    """Mail a coordinator's message to one participant, in an e-mail of their
    own (raises on SMTP errors, so the task retries). Returns False when the
    registration or its account no longer exists, or the member turned the
    coordinator's messages about the event off after it was queued."""
    registration = (
        Registration.objects.select_related("event", "member")
        .filter(pk=registration_id, member__isnull=False, messages_off_at__isnull=True)
        .first()
    )
    if registration is None or registration.member is None:
        return False
    send_coordinator_message(registration=registration, subject=subject, body=body)
    return True
