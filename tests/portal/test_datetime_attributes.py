"""The ``datetime`` attribute of every ``<time>`` is a valid HTML date or
global date-and-time string: to the second (HTML allows at most three
decimals, so no microseconds) and with the offset from UTC."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from network.tokens import cancel_token
from portal.dates import html_datetime
from tests.leergang.factories import SessionFactory, accepted, member_of
from tests.markup import assert_valid_datetimes, with_microseconds
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


# --- the filter ----------------------------------------------------------------


def test_the_filter_writes_local_time_to_the_second_with_its_offset():
    summer = datetime(2026, 6, 2, 11, 30, 13, 899297, tzinfo=UTC)
    winter = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)

    with timezone.override("Europe/Amsterdam"):
        assert html_datetime(summer) == "2026-06-02T13:30:13+02:00"
        assert html_datetime(winter) == "2026-01-13T00:30:00+01:00"
        # A naive time is read as local time, never written without a zone.
        naive = datetime(2026, 6, 2, 9, 0, 0, 5)  # noqa: DTZ001
        assert html_datetime(naive) == "2026-06-02T09:00:00+02:00"
    assert html_datetime(date(2026, 6, 2)) == "2026-06-02"
    assert html_datetime(None) == ""
    assert html_datetime("") == ""


def test_the_filter_is_not_localized_in_a_dutch_template():
    template = Template(
        '{% load html_time %}<time datetime="{{ when|html_datetime }}"></time>'
    )
    when = datetime(2026, 6, 2, 11, 30, 13, 899297, tzinfo=UTC)

    with translation.override("nl"), timezone.override("Europe/Amsterdam"):
        html = template.render(Context({"when": when}))

    assert html == '<time datetime="2026-06-02T13:30:13+02:00"></time>'


# --- pages ---------------------------------------------------------------------


def test_the_cohort_home_dates_its_sessions_validly(client):
    application = accepted()
    SessionFactory(edition=application.edition, starts_at=with_microseconds(days=14))
    client.force_login(member_of(application))

    response = client.get(
        reverse("leergang:cohort_home", args=[application.edition.slug])
    )

    assert response.status_code == 200
    [value] = assert_valid_datetimes(response.content.decode())
    assert value[16:19] == ":13"  # the seconds are kept


def test_the_agenda_and_the_event_page_date_events_validly(client):
    starts_at = with_microseconds(days=10)
    event = EventFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=2))

    assert_valid_datetimes(client.get(reverse("network:event_list")).content.decode())
    assert_valid_datetimes(
        client.get(event.get_absolute_url()).content.decode(), at_least=2
    )


def test_my_page_and_the_cancel_link_date_events_validly(client):
    member = MemberProfileFactory().user
    upcoming = RegistrationFactory(
        member=member, event=EventFactory(starts_at=with_microseconds(days=5))
    )
    began = with_microseconds(days=-5)
    RegistrationFactory(
        member=member,
        event=EventFactory(starts_at=began, ends_at=began + timedelta(hours=2)),
    )
    client.force_login(member)

    assert_valid_datetimes(
        client.get(reverse("network:my_page")).content.decode(), at_least=2
    )
    cancel_url = reverse(
        "network:registration_cancel", args=[cancel_token(registration=upcoming)]
    )
    assert_valid_datetimes(client.get(cancel_url).content.decode())
