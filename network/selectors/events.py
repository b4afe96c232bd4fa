"""Reads of the agenda: published events with their seat counts."""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet

from ..models import Event, EventBouwopgave, Registration


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
