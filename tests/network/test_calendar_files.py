"""Calendar files as calendar apps and mail clients read them: the public
download, the mail attachment and the member's feed, parsed with the
icalendar library and (for mail) the email package."""

from datetime import datetime, timedelta
from email.message import Message

import pytest
from django.test import override_settings
from icalendar import Calendar

from network.models import Registration
from network.selectors.members import member_feed_secret
from network.services.events import event_cancel
from network.services.registrations import registration_cancel, registration_create
from network.tokens import feed_token
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

MEETING = "https://meet.example.org/kennisatelier-7Hq2"


def _online_event(**kwargs):
    return EventFactory(
        location="",
        online_url=MEETING,
        organiser=OrganisationFactory(name="Divosa"),
        contact_email="organisator@example.org",
        **kwargs,
    )


def _calendar_parts(mail) -> list[Message]:
    """The text/calendar parts of a sent mail, as a mail client sees them."""
    return [
        part
        for part in mail.message().walk()
        if part.get_content_type() == "text/calendar"
    ]


def _parse(data: bytes):
    calendar = Calendar.from_ical(data)
    return calendar, list(calendar.walk("VEVENT"))


def _mail_calendar(mail):
    [part] = _calendar_parts(mail)
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return part, *_parse(payload)


def _feed(client, member):
    secret = member_feed_secret(user=member)
    token = feed_token(user_id=member.pk, secret=secret)
    return client.get(f"/agenda/feed/{token}.ics")


def _assert_organizer(item, *, address: str, name: str) -> None:
    organizer = item["ORGANIZER"]
    assert str(organizer) == f"mailto:{address}"
    assert organizer.params["CN"] == name


def test_the_public_download_never_holds_the_meeting_link(client):
    event = _online_event(title="Webinar wat werkt")

    response = client.get(f"/agenda/{event.slug}/agenda.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    assert MEETING.encode() not in response.content
    calendar, [item] = _parse(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert item["LOCATION"] == "Online"
    assert item["URL"].endswith(event.get_absolute_url())
    assert MEETING not in item["DESCRIPTION"]
    _assert_organizer(item, address="organisator@example.org", name="Divosa")


def test_a_confirmed_participant_gets_the_meeting_link_in_the_calendar_item(
    mailoutbox, on_commit
):
    event = _online_event(title="Webinar wat werkt")
    member = MemberProfileFactory().user

    with on_commit():
        registration_create(event=event, member=member)

    [mail] = mailoutbox
    part, calendar, [item] = _mail_calendar(mail)
    assert calendar["METHOD"] == "PUBLISH"
    assert item["URL"] == MEETING
    assert MEETING in item["DESCRIPTION"]
    assert event.get_absolute_url() in item["DESCRIPTION"]
    assert item["LOCATION"] == "Online"
    _assert_organizer(item, address="organisator@example.org", name="Divosa")
    # The MIME part names its charset once, and the iTIP method.
    content_type = part["Content-Type"]
    assert content_type.lower().count("charset") == 1, content_type
    assert part.get_content_charset() == "utf-8"
    assert part.get_param("method") == "PUBLISH"
    assert part.get_filename() == "bijeenkomst.ics"


def test_nobody_without_a_confirmed_place_gets_the_meeting_link(
    client, mailoutbox, on_commit
):
    event = _online_event(capacity=1)
    confirmed = MemberProfileFactory().user
    waiting = MemberProfileFactory().user
    elsewhere = MemberProfileFactory().user
    with on_commit():
        registration_create(event=event, member=confirmed)
        registration_create(event=event, member=waiting)
        registration_create(event=EventFactory(), member=elsewhere)
    with on_commit():
        event_cancel(event=event)  # everyone registered gets a calendar file

    for member in (waiting, elsewhere):
        for mail in (m for m in mailoutbox if m.to == [member.email]):
            for part in _calendar_parts(mail):
                assert MEETING.encode() not in part.get_payload(decode=True)
        response = _feed(client, member)
        assert response.status_code == 200
        assert MEETING.encode() not in response.content
    # The cancellation needs no link either, not even for the participant.
    cancellation = next(
        m for m in mailoutbox if m.to == [confirmed.email] and "niet door" in m.subject
    )
    part, calendar, [item] = _mail_calendar(cancellation)
    assert calendar["METHOD"] == "CANCEL"
    assert MEETING not in item["DESCRIPTION"]


def test_a_cancellation_file_says_cancel_in_the_mime_part_and_names_the_organiser(
    mailoutbox, on_commit
):
    event = _online_event()
    member = MemberProfileFactory().user
    registration = registration_create(event=event, member=member)

    with on_commit():
        registration_cancel(registration=registration)

    [mail] = mailoutbox
    part, calendar, [item] = _mail_calendar(mail)
    assert part.get_param("method") == "CANCEL"
    assert part["Content-Type"].lower().count("charset") == 1
    assert calendar["METHOD"] == "CANCEL"
    assert item["STATUS"] == "CANCELLED"
    _assert_organizer(item, address="organisator@example.org", name="Divosa")


@override_settings(
    DEFAULT_FROM_EMAIL="Leernetwerk Integraal Werken <noreply@example.org>",
    MAIL_REPLY_TO="coordinatie@example.org",
)
def test_without_an_event_contact_the_coordinators_organise(client):
    event = EventFactory(contact_email="", organiser=None)

    response = client.get(f"/agenda/{event.slug}/agenda.ics")

    _calendar, [item] = _parse(response.content)
    _assert_organizer(
        item, address="coordinatie@example.org", name="Leernetwerk Integraal Werken"
    )


@override_settings(
    DEFAULT_FROM_EMAIL="Leernetwerk Integraal Werken <noreply@example.org>",
    MAIL_REPLY_TO="",
)
def test_without_any_contact_the_portal_sender_organises(client):
    event = EventFactory(contact_email="", organiser=None)

    response = client.get(f"/agenda/{event.slug}/agenda.ics")

    _calendar, [item] = _parse(response.content)
    _assert_organizer(
        item, address="noreply@example.org", name="Leernetwerk Integraal Werken"
    )


def test_the_time_zone_is_given_by_rules_that_hold_after_2037(client):
    event = EventFactory()

    response = client.get(f"/agenda/{event.slug}/agenda.ics")

    calendar, [item] = _parse(response.content)
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Amsterdam"
    assert item["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    parts = {c.name: c for c in zone.subcomponents}
    assert set(parts) == {"STANDARD", "DAYLIGHT"}
    for part in parts.values():
        assert "RRULE" in part
        assert "RDATE" not in part
    assert dict(parts["DAYLIGHT"]["RRULE"]) == {
        "FREQ": ["YEARLY"],
        "BYMONTH": [3],
        "BYDAY": ["-1SU"],
    }
    assert dict(parts["STANDARD"]["RRULE"]) == {
        "FREQ": ["YEARLY"],
        "BYMONTH": [10],
        "BYDAY": ["-1SU"],
    }
    # What a calendar app makes of it, in years a list of dates never reached.
    tz = zone.to_tz()
    for (year, month, day), hours in [
        ((2026, 1, 15), 1),
        ((2026, 7, 15), 2),
        ((2040, 1, 15), 1),
        ((2040, 7, 15), 2),
        ((2099, 10, 24), 2),  # the Saturday before the change
        ((2099, 10, 26), 1),
    ]:
        moment = datetime(year, month, day, 12, tzinfo=tz)
        assert moment.utcoffset() == timedelta(hours=hours)


def test_the_member_feed_asks_to_be_refreshed_and_holds_their_meeting_link(client):
    member = MemberProfileFactory().user
    event = _online_event(title="Mijn webinar")
    Registration.objects.create(
        event=event, member=member, status="bevestigd", confirmed_at=event.starts_at
    )

    response = _feed(client, member)

    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    calendar, [item] = _parse(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    refresh = calendar["REFRESH-INTERVAL"]
    assert refresh.params["VALUE"] == "DURATION"
    assert refresh.dt == timedelta(hours=1)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
    assert item["URL"] == MEETING
    assert MEETING in item["DESCRIPTION"]
    _assert_organizer(item, address="organisator@example.org", name="Divosa")
