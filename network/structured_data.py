"""schema.org data (JSON-LD) for the agenda's events.

Search engines read it to list an event with its date, place and whether
places are left. The link to an online meeting is for confirmed participants
only, so the virtual location is the event's own page.
"""

from typing import Any

from django.conf import settings
from django.utils import timezone

from portal.seo import default_image
from portal.site import site_url

from .models import Event
from .selectors.events import EventSeats

SCHEMA = "https://schema.org/"


def _attendance_mode(event: Event) -> str:
    if not event.location:
        return SCHEMA + "OnlineEventAttendanceMode"
    if event.online_url:
        return SCHEMA + "MixedEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def _location(event: Event, url: str) -> dict[str, Any] | list[dict[str, Any]]:
    """A Place, a VirtualLocation (the event's page), or both."""
    places: list[dict[str, Any]] = []
    if event.location:
        places.append(
            {"@type": "Place", "name": event.location, "address": event.location}
        )
    if event.online_url or not event.location:
        places.append({"@type": "VirtualLocation", "url": url})
    return places[0] if len(places) == 1 else places


def _offer(event: Event, seats: EventSeats, url: str) -> dict[str, Any]:
    offer: dict[str, Any] = {
        "@type": "Offer",
        "url": url,
        # Taking part is free; there is nothing to pay on the portal.
        "price": 0,
        "priceCurrency": "EUR",
        "availability": SCHEMA + ("SoldOut" if seats.is_full else "InStock"),
    }
    if event.registration_opens_at:
        offer["validFrom"] = timezone.localtime(event.registration_opens_at).isoformat(
            timespec="seconds"
        )
    return offer


def event_structured_data(*, event: Event, seats: EventSeats) -> dict[str, Any]:
    """An ``Event`` with its status, times (with their UTC offset), place,
    places left and organiser."""
    url = site_url(event.get_absolute_url())
    organiser = (
        {"@type": "Organization", "name": event.organiser.name}
        if event.organiser
        else {
            "@type": "Organization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": site_url("/"),
        }
    )
    if event.organiser and event.organiser.website:
        organiser["url"] = event.organiser.website
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "image": [default_image().url],
        "inLanguage": "nl",
        "startDate": timezone.localtime(event.starts_at).isoformat(timespec="seconds"),
        "endDate": timezone.localtime(event.ends_at).isoformat(timespec="seconds"),
        "eventStatus": SCHEMA
        + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": _attendance_mode(event),
        "location": _location(event, url),
        "organizer": organiser,
        "offers": _offer(event, seats, url),
    }
    if seats.capacity is not None:
        data["maximumAttendeeCapacity"] = seats.capacity
        data["remainingAttendeeCapacity"] = seats.free
    return data
