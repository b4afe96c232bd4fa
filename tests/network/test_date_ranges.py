"""When an event takes place, as users read it: one day ("09:30-12:00 uur",
with an en dash) or several days (start and end both with their date), the
same in every mail, on the certificate and on the pages."""

from datetime import UTC, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from pypdf import PdfReader

from network.certificates import certificate_pdf
from network.dates import datetime_range
from network.services.coordination import coordinator_message_send
from network.services.registrations import registration_create
from portal.roles import Role
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STARTS = datetime(2027, 10, 26, 9, 30, tzinfo=AMSTERDAM)
# The clocks go back on 31 October 2027: the end is in winter time.
ENDS_SAME_DAY = datetime(2027, 10, 26, 12, 0, tzinfo=AMSTERDAM)
ENDS_A_WEEK_LATER = datetime(2027, 11, 2, 12, 0, tzinfo=AMSTERDAM)
REGISTERED_AT = datetime(2027, 10, 1, 10, 0, tzinfo=AMSTERDAM)

ONE_DAY = "dinsdag 26 oktober 2027, 09:30\u201312:00 uur"
SEVERAL_DAYS = (
    "dinsdag 26 oktober 2027, 09:30 uur tot dinsdag 2 november 2027, 12:00 uur"
)

CASES = pytest.mark.parametrize(
    ("ends_at", "expected"),
    [(ENDS_SAME_DAY, ONE_DAY), (ENDS_A_WEEK_LATER, SEVERAL_DAYS)],
    ids=["one-day", "several-days"],
)


def test_one_day_and_several_days():
    assert datetime_range(starts_at=STARTS, ends_at=ENDS_SAME_DAY) == ONE_DAY
    assert datetime_range(starts_at=STARTS, ends_at=ENDS_A_WEEK_LATER) == SEVERAL_DAYS


def test_the_days_are_those_of_the_netherlands_not_utc():
    """23:30 to 01:00 UTC in October is 01:30 to 03:00 in Amsterdam: one day
    there, two in UTC; 21:00 to 23:30 UTC runs past midnight in Amsterdam."""
    assert (
        datetime_range(
            starts_at=datetime(2027, 10, 25, 23, 30, tzinfo=UTC),
            ends_at=datetime(2027, 10, 26, 1, 0, tzinfo=UTC),
        )
        == "dinsdag 26 oktober 2027, 01:30\u201303:00 uur"
    )
    assert (
        datetime_range(
            starts_at=datetime(2027, 10, 26, 18, 0, tzinfo=UTC),
            ends_at=datetime(2027, 10, 26, 22, 30, tzinfo=UTC),
        )
        == "dinsdag 26 oktober 2027, 20:00 uur tot woensdag 27 oktober 2027, 00:30 uur"
    )


def _words(text: str) -> str:
    """Text with its markup removed and all whitespace as single spaces."""
    return " ".join(strip_tags(text).split())


def _member():
    return MemberProfileFactory().user


@CASES
def test_the_registration_mail_gives_start_and_end(
    mailoutbox, on_commit, ends_at, expected
):
    event = EventFactory(starts_at=STARTS, ends_at=ends_at)

    with on_commit():
        registration_create(event=event, member=_member(), now=REGISTERED_AT)

    (mail,) = mailoutbox
    assert expected in mail.body
    assert expected in _words(mail.alternatives[0][0])


@CASES
def test_a_coordinators_message_gives_start_and_end(mailoutbox, ends_at, expected):
    event = EventFactory(starts_at=STARTS, ends_at=ends_at)
    registration = RegistrationFactory(event=event)

    coordinator_message_send(
        registration_id=registration.pk, subject="Parkeren", body="Parkeer bij P2."
    )

    (mail,) = mailoutbox
    assert expected in mail.body
    assert expected in _words(mail.alternatives[0][0])


@CASES
def test_the_certificate_gives_start_and_end(ends_at, expected):
    event = EventFactory(starts_at=STARTS, ends_at=ends_at)
    registration = RegistrationFactory(event=event, attended=True)

    pdf = PdfReader(BytesIO(certificate_pdf(registration=registration)))

    assert expected in _words(pdf.pages[0].extract_text())


@CASES
def test_the_event_page_gives_start_and_end(client, ends_at, expected):
    event = EventFactory(starts_at=STARTS, ends_at=ends_at)

    response = client.get(event.get_absolute_url())

    assert expected in _words(response.content.decode())


def test_the_event_page_marks_both_moments_for_machines(client):
    event = EventFactory(starts_at=STARTS, ends_at=ENDS_A_WEEK_LATER)

    page = client.get(event.get_absolute_url()).content.decode()

    assert '<time datetime="2027-10-26T09:30:00+02:00">' in page
    assert '<time datetime="2027-11-02T12:00:00+01:00">' in page


@CASES
def test_my_page_gives_start_and_end(client, ends_at, expected):
    event = EventFactory(starts_at=STARTS, ends_at=ends_at)
    registration = RegistrationFactory(event=event)
    client.force_login(registration.member)

    response = client.get(reverse("network:my_page"))

    assert expected in _words(response.content.decode())


@CASES
def test_the_coordinators_registrations_page_gives_start_and_end(
    client, make_user, ends_at, expected
):
    event = EventFactory(starts_at=STARTS, ends_at=ends_at)
    client.force_login(make_user(Role.COORDINATOR))

    response = client.get(reverse("network_admin:event_registrations", args=[event.pk]))

    assert expected in _words(response.content.decode())
