"""Writes of the coordinator's back office.

Event saves go through ``network.services.event_save`` so participants hear
about changes and the waitlist moves up when seats are added; attendance and
cancellations go through the registration services. Messages to participants
are sent one by one, after commit, by a Celery task that takes ids.
"""

from collections.abc import Iterable
from functools import partial

from django.db import transaction

from .models import Event, EventBouwopgave, Registration
from .selectors_coordination import AUDIENCE_STATUSES, registration_recipient_ids
from .services import (
    EventSnapshot,
    event_cancel,
    event_save,
    registration_cancel,
    registration_set_attendance,
)


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
) -> Event:
    """Save an event made or edited in the back office, with its bouwopgaven.

    ``before`` is the state in the database before the edit (None for a new
    event); ``event_save`` compares it to tell participants what changed.
    """
    with transaction.atomic():
        event = event_save(event=event, before=before)
        if bouwopgaven is not None:
            event_set_bouwopgaven(event=event, bouwopgaven=bouwopgaven)
    return event


def event_cancel_from_admin(*, event: Event) -> Event:
    """Cancel the event: everyone registered gets a cancellation mail."""
    if event.is_cancelled:
        return event
    return event_cancel(event=event)


def event_set_attendance(*, event: Event, attended_ids: Iterable[int]) -> int:
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
            registration_set_attendance(registration=registration, attended=present)
    return came


def registration_cancel_by_coordinator(
    *, event: Event, registration_id: int
) -> Registration:
    """Cancel one registration of ``event``; the waitlist moves up."""
    registration = Registration.objects.get(pk=registration_id, event=event)
    return registration_cancel(registration=registration, by_organiser=True)


def event_message_participants(
    *, event: Event, subject: str, body: str, audience: str
) -> int:
    """Send a message to the participants of ``event`` in ``audience``, each
    their own e-mail, after commit. Returns the number of recipients."""
    from . import tasks_coordination

    if audience not in AUDIENCE_STATUSES:
        raise ValueError(audience)
    ids = registration_recipient_ids(event=event, audience=audience)
    for pk in ids:
        transaction.on_commit(
            partial(
                tasks_coordination.send_coordinator_message.delay, pk, subject, body
            )
        )
    return len(ids)
