"""Calendar files (iCalendar, RFC 5545) for events.

One UID per event, stable across updates; SEQUENCE is the event's sequence,
bumped by the service whenever time, place or status changes, so Outlook and
Google Calendar update the item they already have. A cancellation is sent as
METHOD:CANCEL with STATUS:CANCELLED.

Every item names its ORGANIZER (RFC 5546 requires it for PUBLISH and CANCEL):
the event's contact, or else the programme's coordinators. The link to an
online meeting is only for people with a confirmed place: it goes into their
own calendar items (``meeting_links=True``), never into the public download.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import (
    Alarm,
    Calendar,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
)
from icalendar import Event as VEvent

from portal.site import site_url

from .models import Event

PRODID = "-//Leernetwerk Lokaal en Integraal Werken aan Participatie//NL"
UID_DOMAIN = "leernetwerk-integraal-werken"

PUBLISH = "PUBLISH"
CANCEL = "CANCEL"

# The zone of every time in our calendar files, as recurrence rules (the
# EU rule since 1996: summer time from the last Sunday of March, 02:00, to
# the last Sunday of October, 03:00), so it holds for any year.
AMSTERDAM = "Europe/Amsterdam"
_RULE_EPOCH = datetime(1996, 1, 1)  # noqa: DTZ001 (a VTIMEZONE's local time)


def event_uid(event: Event) -> str:
    return f"{event.uid}@{UID_DOMAIN}"


def calendar_content_type(*, cancelled: bool = False) -> str:
    """The Content-Type of a calendar file, HTTP response or mail part."""
    return f"text/calendar; charset=utf-8; method={CANCEL if cancelled else PUBLISH}"


def _amsterdam_vtimezone() -> Timezone:
    zone = Timezone()
    zone.add("tzid", AMSTERDAM)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", _RULE_EPOCH.replace(month=3, day=31, hour=2))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", _RULE_EPOCH.replace(month=10, day=27, hour=3))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _vtimezone(tzid: str) -> Timezone:
    """The VTIMEZONE of ``tzid``: by rule for Europe/Amsterdam; for another
    zone (a developer's setting) what the icalendar library derives."""
    if tzid == AMSTERDAM:
        return _amsterdam_vtimezone()
    return Timezone.from_tzid(tzid)


def _portal_sender() -> tuple[str, str]:
    """(name, address) of the portal's From, e.g. "Leernetwerk ..."."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)


def event_organizer(event: Event) -> vCalAddress:
    """Who organises ``event``: its contact, else the coordinators (the
    address replies to the portal's mails go to), else the portal's sender."""
    sender_name, sender_address = _portal_sender()
    coordinators_name, coordinators_address = parseaddr(
        getattr(settings, "MAIL_REPLY_TO", "")
    )
    if event.contact_email:
        organiser = event.organiser
        name = organiser.name if organiser is not None else sender_name
        address = event.contact_email
    elif coordinators_address:
        name, address = coordinators_name or sender_name, coordinators_address
    else:
        name, address = sender_name, sender_address
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["CN"] = name or settings.WAGTAIL_SITE_NAME
    return organizer


def _vevent(
    event: Event, *, cancelled: bool, base_url: str, meeting_link: bool
) -> VEvent:
    tz = timezone.get_default_timezone()
    item = VEvent()
    item.add("uid", event_uid(event))
    item.add("sequence", event.sequence)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", timezone.localtime(event.starts_at, tz))
    item.add("dtend", timezone.localtime(event.ends_at, tz))
    item.add("summary", event.title)
    item.add("organizer", event_organizer(event))
    page_url = f"{base_url}{event.get_absolute_url()}"
    cancelled = cancelled or event.is_cancelled
    online_url = event.online_url if meeting_link and not cancelled else ""
    lines = [event.summary]
    if online_url:
        lines.append(f"{_('Link naar de online bijeenkomst')}: {online_url}")
    lines.append(page_url)
    item.add("description", "\n\n".join(lines))
    item.add("url", online_url or page_url)
    location = event.location or ("Online" if event.online_url else "")
    if location:
        item.add("location", location)
    if cancelled:
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
    meeting_links: bool = False,
    refresh: timedelta | None = None,
) -> bytes:
    """A VCALENDAR with its VTIMEZONE and one VEVENT each.

    ``meeting_links``: the calendar is for someone with a confirmed place at
    each of ``events``, so the online meeting link goes in (URL and
    DESCRIPTION). ``refresh``: how often a subscribed calendar app should
    fetch the calendar again (a feed).
    """
    base_url = (base_url or site_url()).rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", CANCEL if cancelled else PUBLISH)
    if name:
        calendar.add("x-wr-calname", name)
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        # The same hint in the older form that Outlook reads.
        calendar.add("x-published-ttl", vDuration(refresh))
    calendar.add_component(_vtimezone(settings.TIME_ZONE))
    for event in events:
        calendar.add_component(
            _vevent(
                event,
                cancelled=cancelled,
                base_url=base_url,
                meeting_link=meeting_links,
            )
        )
    return calendar.to_ical()
