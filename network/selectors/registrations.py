"""Reads of registrations: a member's place at an event, the waitlist order,
the registrations of a member or of an event."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.models import User

from ..models import Event, Registration


def registration_for(
    *, event: Event, member: User | AnonymousUser
) -> Registration | None:
    """The member's registration for the event, if any (also when cancelled)."""
    if not member.is_authenticated:
        return None
    return Registration.objects.filter(event=event, member=member).first()


def registration_get(*, pk: int) -> Registration | None:
    """One registration with its event, or None."""
    return Registration.objects.select_related("event").filter(pk=pk).first()


def registration_waitlist_position(*, registration: Registration) -> int | None:
    """1 for the first on the waitlist; None when not on the waitlist."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        status=Registration.Status.WAITLISTED,
    ).filter(
        Q(requested_at__lt=registration.requested_at)
        | Q(requested_at=registration.requested_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registration_list_for_member(
    *, member: User, past: bool = False
) -> QuerySet[Registration]:
    """A member's active registrations for upcoming or past events."""
    qs = Registration.objects.filter(member=member).exclude(
        status=Registration.Status.CANCELLED
    )
    now = timezone.now()
    qs = (
        qs.filter(event__ends_at__lt=now)
        if past
        else qs.filter(event__ends_at__gte=now)
    )
    return qs.select_related("event").order_by(
        "-event__starts_at" if past else "event__starts_at"
    )


def registration_list_for_event(
    *, event: Event, status: str | None = None
) -> QuerySet[Registration]:
    """Everyone registered for ``event`` (coordinators only), in queue order,
    with their profile for lists and exports."""
    qs = Registration.objects.filter(event=event).select_related(
        "member",
        "member__member_profile",
        "member__member_profile__organisation",
        "member__member_profile__municipality",
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("requested_at", "pk")
