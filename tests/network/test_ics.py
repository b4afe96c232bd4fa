"""Calendar files, parsed back with the icalendar library."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from network.ics import events_calendar
from network.services.events import EventSnapshot, event_save
from network.services.registrations import registration_create
from tests.network.factories import EventFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def parse(data):
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    return calendar, events


def test_event_download_is_a_valid_calendar_in_amsterdam_time(client):
    event = EventFactory(title="Kennisatelier regie", location="Houten")

    response = client.get(f"/agenda/{event.slug}/agenda.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar, [item] = parse(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert item["SUMMARY"] == "Kennisatelier regie"
    assert item["LOCATION"] == "Houten"
    assert item.decoded("DTSTART") == event.starts_at.astimezone(AMSTERDAM)
    assert str(item.decoded("DTSTART").tzinfo) == "Europe/Amsterdam"
    assert item.decoded("DTEND") == event.ends_at.astimezone(AMSTERDAM)
    assert [a["ACTION"] for a in item.walk("VALARM")] == ["DISPLAY"]
    assert event.get_absolute_url() in item["URL"]


def test_uid_is_stable_and_sequence_grows_when_the_event_moves():
    event = EventFactory()
    _cal, [before] = parse(events_calendar([event]))
    snapshot = EventSnapshot.of(event)

    event.starts_at += timedelta(hours=2)
    event.ends_at += timedelta(hours=2)
    event_save(event=event, before=snapshot)
    event.refresh_from_db()
    _cal, [after] = parse(events_calendar([event]))

    assert after["UID"] == before["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)


def test_cancellation_calendar_says_cancel_for_the_same_uid():
    event = EventFactory()
    _cal, [published] = parse(events_calendar([event]))

    calendar, [cancelled] = parse(events_calendar([event], cancelled=True))

    assert calendar["METHOD"] == "CANCEL"
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["UID"] == published["UID"]


def test_confirmation_mail_carries_the_calendar_file(mailoutbox, on_commit):
    event = EventFactory(title="Webinar wat werkt")

    with on_commit():
        registration_create(event=event, member=UserFactory())

    [mail] = mailoutbox
    name, content, mimetype = mail.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    _cal, [item] = parse(content.encode())
    assert item["SUMMARY"] == "Webinar wat werkt"


def test_member_feed_lists_only_their_confirmed_events(client):
    from network.selectors.members import member_feed_secret
    from network.tokens import feed_token

    member = UserFactory()
    mine = EventFactory(title="Mijn kennisatelier")
    full = EventFactory(title="Vol kennisatelier", capacity=1)
    EventFactory(title="Niet aangemeld")
    registration_create(event=mine, member=member)
    registration_create(event=full, member=UserFactory())
    registration_create(event=full, member=member)  # waitlisted

    secret = member_feed_secret(user=member)
    response = client.get(
        f"/agenda/feed/{feed_token(user_id=member.pk, secret=secret)}.ics"
    )

    _cal, items = parse(response.content)
    assert [str(i["SUMMARY"]) for i in items] == ["Mijn kennisatelier"]


def test_member_feed_leaves_out_unpublished_events_and_is_not_cached_publicly(
    client,
):
    from network.models import Event, Registration
    from network.selectors.members import member_feed_secret
    from network.tokens import feed_token

    member = UserFactory()
    shown = EventFactory(title="Gepubliceerd atelier")
    hidden = EventFactory(title="Concept atelier")
    for event in (shown, hidden):
        Registration.objects.create(
            event=event, member=member, status="bevestigd", confirmed_at=event.starts_at
        )
    Event.objects.filter(pk=hidden.pk).update(is_published=False)
    secret = member_feed_secret(user=member)

    response = client.get(
        f"/agenda/feed/{feed_token(user_id=member.pk, secret=secret)}.ics"
    )

    assert response.status_code == 200
    _cal, items = parse(response.content)
    assert [str(i["SUMMARY"]) for i in items] == ["Gepubliceerd atelier"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "private" in cache_control
    assert "public" not in cache_control


def test_feed_with_a_forged_token_is_not_found(client):
    member = UserFactory()

    response = client.get(f"/agenda/feed/{member.pk}:vervalst.ics")

    assert response.status_code == 404
