"""Calendar files (iCalendar, RFC 5545) for events.

One UID per event, stable across updates; SEQUENCE is the event's sequence,
bumped by the service whenever time, place or status changes, so Outlook and
Google Calendar update the item they already have. A cancellation is sent as
METHOD:CANCEL with STATUS:CANCELLED.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Timezone
from icalendar import Event as VEvent

from .models import Event

PRODID = "-//Leernetwerk Lokaal en Integraal Werken aan Participatie//NL"
UID_DOMAIN = "leernetwerk-integraal-werken"


def event_uid(event: Event) -> str:
    return f"{event.uid}@{UID_DOMAIN}"


def _vevent(event: Event, *, cancelled: bool, base_url: str) -> VEvent:
    tz = timezone.get_default_timezone()
    item = VEvent()
    item.add("uid", event_uid(event))
    item.add("sequence", event.sequence)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", timezone.localtime(event.starts_at, tz))
    item.add("dtend", timezone.localtime(event.ends_at, tz))
    item.add("summary", event.title)
    description = event.summary
    url = f"{base_url}{event.get_absolute_url()}"
    item.add("description", f"{description}\n\n{url}")
    item.add("url", url)
    location = event.location or ("Online" if event.online_url else "")
    if location:
        item.add("location", location)
    if cancelled or event.is_cancelled:
        item.add("status", "CANCELLED")
    else:
        item.add("status", "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.title)
        alarm.add("trigger", timedelta(hours=-1))
        item.add_component(alarm)
    return item


def events_calendar(
    events: Iterable[Event],
    *,
    cancelled: bool = False,
    base_url: str | None = None,
    name: str | None = None,
) -> bytes:
    """A VCALENDAR with Europe/Amsterdam as VTIMEZONE and one VEVENT each."""
    base_url = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    for event in events:
        calendar.add_component(_vevent(event, cancelled=cancelled, base_url=base_url))
    return calendar.to_ical()
