"""Writes with rules for events: a coordinator saves or cancels an event, and
the participants hear about what changed for them."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.locking import lock
from portal.models import User

from ..models import Event, Registration
from .registrations import registration_mail_enqueue, registrations_promote


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


def event_save(
    *, event: Event, before: EventSnapshot | None = None, actor: User | None = None
) -> Event:
    """Save an event made or edited by a coordinator, and let people know.

    A change of time, place or link bumps the calendar SEQUENCE and mails the
    participants an updated calendar item; more seats promote people from the
    waitlist; a cancellation mails everyone a calendar cancellation.
    """
    event.full_clean()
    now = timezone.now()
    with transaction.atomic():
        if event.pk is None or before is None:
            created = event.pk is None
            event.save()
            audit_record(
                actor=actor,
                action="event.created" if created else "event.changed",
                target=event,
                summary=(
                    _("Bijeenkomst aangemaakt.")
                    if created
                    else _("Bijeenkomst opgeslagen.")
                ),
            )
            return event
        lock(Event, pk=event.pk)
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
        active = list(
            Registration.objects.filter(
                event=event,
                status__in=[
                    Registration.Status.CONFIRMED,
                    Registration.Status.WAITLISTED,
                ],
            ).values_list("pk", flat=True)
        )
        audit_record(
            actor=actor,
            action="event.cancelled" if cancelled_now else "event.changed",
            target=event,
            summary=(
                _("Bijeenkomst geannuleerd; de deelnemers krijgen bericht.")
                if cancelled_now
                else _("Bijeenkomst gewijzigd; de deelnemers krijgen bericht.")
                if details_changed
                else _("Bijeenkomst opgeslagen.")
            ),
            data={
                "details_changed": details_changed,
                "participants": len(active),
                "capacity": [before.capacity, after.capacity],
            },
        )
        if cancelled_now:
            for pk in active:
                registration_mail_enqueue(registration_id=pk, kind="event_cancelled")
        elif details_changed:
            for pk in active:
                registration_mail_enqueue(registration_id=pk, kind="event_changed")
        if not cancelled_now:
            registrations_promote(event=event, now=now)
    return event


def event_cancel(*, event: Event, actor: User | None = None) -> Event:
    """Cancel ``event``: everyone registered gets a calendar cancellation."""
    before = EventSnapshot.of(event)
    event.status = Event.Status.CANCELLED
    return event_save(event=event, before=before, actor=actor)
