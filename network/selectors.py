"""Reads of the leernetwerk."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, F, Prefetch, Q, QuerySet

from .models import (
    CalendarFeed,
    Event,
    EventBouwopgave,
    Municipality,
    Organisation,
    Province,
    Registration,
)

PARTNERS_CACHE_KEY = "network:partners:v1"


def partner_list() -> list[dict[str, str]]:
    """The programme's partners for the footer, cached (cleared on change)."""
    partners: list[dict[str, str]] | None = cache.get(PARTNERS_CACHE_KEY)
    if partners is None:
        partners = [
            {"name": org.name, "website": org.website}
            for org in Organisation.objects.filter(is_partner=True).order_by(
                "partner_order", "name"
            )
        ]
        cache.set(PARTNERS_CACHE_KEY, partners, timeout=60 * 60)
    return partners


def municipality_list(*, province: str | None = None) -> QuerySet[Municipality]:
    """Municipalities by name, with their regions, optionally of one province."""
    qs = Municipality.objects.prefetch_related("regions").order_by("name")
    if province:
        qs = qs.filter(province=Province(province))
    return qs


# --- Events -------------------------------------------------------------------


def _with_seats(qs: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate confirmed_count, waitlist_count and seats_left (None when the
    event has no limit)."""
    return (
        qs.annotate(
            confirmed_count=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.CONFIRMED),
                distinct=True,
            ),
            waitlist_count=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.WAITLISTED),
                distinct=True,
            ),
        )
        .annotate(seats_left=F("capacity") - F("confirmed_count"))
        .prefetch_related(
            Prefetch(
                "bouwopgave_links",
                queryset=EventBouwopgave.objects.order_by("bouwopgave"),
            )
        )
    )


def event_list(
    *, past: bool = False, kind: str | None = None, bouwopgave: int | None = None
) -> QuerySet[Event]:
    """Published events, upcoming (soonest first) or past (latest first), with
    their seat counts and bouwopgaven, optionally filtered."""
    qs = Event.objects.published()
    qs = qs.past() if past else qs.upcoming()
    if kind:
        qs = qs.filter(kind=kind)
    if bouwopgave:
        qs = qs.filter(bouwopgave_links__bouwopgave=bouwopgave)
    return _with_seats(qs.select_related("organiser"))


def event_get(*, slug: str) -> Event:
    """One published event with its seat counts (raises Event.DoesNotExist)."""
    return _with_seats(
        Event.objects.published().select_related("organiser", "slides")
    ).get(slug=slug)


@dataclass(frozen=True)
class EventSeats:
    capacity: int | None
    confirmed: int
    waitlisted: int

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)

    @property
    def is_full(self) -> bool:
        return self.free == 0


def event_seats(*, event: Event) -> EventSeats:
    confirmed = getattr(event, "confirmed_count", None)
    waitlisted = getattr(event, "waitlist_count", None)
    if confirmed is None or waitlisted is None:
        counts = Registration.objects.filter(event=event).aggregate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        )
        confirmed, waitlisted = counts["confirmed"], counts["waitlisted"]
    return EventSeats(
        capacity=event.capacity, confirmed=confirmed, waitlisted=waitlisted
    )


def registration_for(*, event: Event, member) -> Registration | None:
    """The member's registration for the event, if any (also when cancelled)."""
    if not getattr(member, "is_authenticated", False):
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
    *, member, past: bool = False
) -> QuerySet[Registration]:
    """A member's active registrations for upcoming or past events."""
    qs = Registration.objects.filter(member=member).exclude(
        status=Registration.Status.CANCELLED
    )
    from django.utils import timezone

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


# --- A member's calendar feed -------------------------------------------------


def feed_owner(*, user_id: int, secret: str):
    """The active user whose current feed secret is ``secret``, or None."""
    from .tokens import feed_secret_matches

    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(user_id=user_id, user__is_active=True)
        .first()
    )
    if feed is None or not feed_secret_matches(given=secret, stored=feed.secret):
        return None
    return feed.user


def member_feed_events(*, member) -> list[Event]:
    """The published events where ``member`` has a confirmed place (also past
    and cancelled ones, so a calendar app removes a cancelled item)."""
    return [
        registration.event
        for registration in Registration.objects.filter(
            member=member,
            status=Registration.Status.CONFIRMED,
            event__is_published=True,
        )
        .select_related("event")
        .order_by("event__starts_at")
    ]
