"""The registrations page of an event: lists, attendance, cancellation,
exports, messages to participants, and the dashboard panel."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from network.models import Registration
from portal.roles import Role
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegistrationFactory,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "naam",
    "e-mail",
    "organisatie",
    "gemeente",
    "rol",
    "status",
    "aangemeld op",
    "aanwezig",
]


@pytest.fixture
def coordinator_client(client, make_user):
    client.force_login(make_user(Role.COORDINATOR))
    return client


def _member(first_name: str, last_name: str, **profile):
    user = UserFactory(first_name=first_name, last_name=last_name)
    MemberProfileFactory(user=user, **profile)
    return user


def _url(name: str, event, *args) -> str:
    return reverse(f"network_admin:{name}", args=[event.pk, *args])


@pytest.fixture
def full_event():
    """A full event: two confirmed, two on the waitlist, one cancelled."""
    event = EventFactory(title="Kennisatelier Wijkteams", capacity=2)
    base = timezone.now() - timedelta(days=2)
    people = {
        "anna": _member("Anna", "de Vries"),
        "bram": _member("Bram", "Öztürk"),
        "chris": _member("Chris", "Jansen"),
        "dewi": _member("Dewi", "Bakker"),
        "eva": _member("Eva", "Smit"),
    }
    regs = {
        "anna": RegistrationFactory(
            event=event, member=people["anna"], requested_at=base
        ),
        "bram": RegistrationFactory(
            event=event, member=people["bram"], requested_at=base + timedelta(hours=1)
        ),
        "dewi": RegistrationFactory(
            event=event,
            member=people["dewi"],
            status=Registration.Status.WAITLISTED,
            requested_at=base + timedelta(hours=3),
        ),
        "chris": RegistrationFactory(
            event=event,
            member=people["chris"],
            status=Registration.Status.WAITLISTED,
            requested_at=base + timedelta(hours=2),
        ),
        "eva": RegistrationFactory(
            event=event,
            member=people["eva"],
            status=Registration.Status.CANCELLED,
            requested_at=base + timedelta(hours=4),
            cancelled_at=base + timedelta(hours=5),
        ),
    }
    return event, regs


def test_the_page_splits_confirmed_waitlist_in_order_and_cancelled(
    coordinator_client, full_event
):
    event, _regs = full_event

    response = coordinator_client.get(_url("event_registrations", event))

    overview = response.context["overview"]
    assert [r.member.first_name for r in overview.confirmed] == ["Anna", "Bram"]
    assert [(pos, r.member.first_name) for pos, r in overview.waitlist] == [
        (1, "Chris"),
        (2, "Dewi"),
    ]
    assert [r.member.first_name for r in overview.cancelled] == ["Eva"]
    html = response.content.decode()
    assert "2 van 2 plaatsen bezet" in html
    assert "Bram Öztürk" in html


def test_the_page_for_a_future_event_has_no_attendance_form(
    coordinator_client, full_event
):
    event, _regs = full_event

    response = coordinator_client.get(_url("event_registrations", event))

    assert response.context["attendance_form"] is None
    assert "Aanwezigheid bijhouden kan zodra de bijeenkomst begint." in (
        response.content.decode()
    )


def test_attendance_is_marked_for_the_ticked_people_only(coordinator_client):
    event = EventFactory(past=True)
    came, missed = RegistrationFactory.create_batch(2, event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)

    response = coordinator_client.post(
        _url("event_attendance", event), {"present": [came.pk]}
    )

    assert response.status_code == 302
    came.refresh_from_db()
    missed.refresh_from_db()
    waiting.refresh_from_db()
    assert came.attended is True
    assert missed.attended is False
    assert waiting.attended is None
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Aanwezigheid opgeslagen: 1 van 2 deelnemers waren er." in page
    assert f'value="{came.pk}" id="aanwezig-{came.pk}" checked' in page


def test_attendance_before_the_event_is_refused(coordinator_client, full_event):
    event, regs = full_event

    response = coordinator_client.post(
        _url("event_attendance", event), {"present": [regs["anna"].pk]}, follow=True
    )

    regs["anna"].refresh_from_db()
    assert regs["anna"].attended is None
    assert "pas bijhouden als de bijeenkomst begint" in response.content.decode()


def test_attendance_for_someone_of_another_event_is_refused(coordinator_client):
    event = EventFactory(past=True)
    own = RegistrationFactory(event=event)
    other = RegistrationFactory(event=EventFactory(past=True))

    coordinator_client.post(
        _url("event_attendance", event), {"present": [own.pk, other.pk]}
    )

    own.refresh_from_db()
    other.refresh_from_db()
    assert own.attended is None
    assert other.attended is None


def test_cancelling_a_registration_moves_the_first_on_the_waitlist_up(
    coordinator_client, full_event, mailoutbox, django_capture_on_commit_callbacks
):
    event, regs = full_event
    url = _url("registration_cancel", event, regs["anna"].pk)

    confirm_page = coordinator_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url)

    assert "Weet u zeker" in confirm_page.content.decode()
    assert response.status_code == 302
    for reg in regs.values():
        reg.refresh_from_db()
    assert regs["anna"].status == Registration.Status.CANCELLED
    assert regs["chris"].status == Registration.Status.CONFIRMED
    assert regs["dewi"].status == Registration.Status.WAITLISTED
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [regs["anna"].member.email, regs["chris"].member.email]
    )


def test_a_registration_of_another_event_cannot_be_cancelled_here(
    coordinator_client, full_event
):
    event, _regs = full_event
    other = RegistrationFactory(event=EventFactory())

    response = coordinator_client.post(_url("registration_cancel", event, other.pk))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Registration.Status.CONFIRMED


# --- Exports ------------------------------------------------------------------


@pytest.fixture
def export_event():
    event = EventFactory(past=True, title="Webinar Participatiewiel")
    member = _member(
        "Sjoerd",
        "Jäger",
        organisation=OrganisationFactory(name="Ferm Werk"),
        municipality=MunicipalityFactory(name="Woerden"),
    )
    requested = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # 10:30 in NL
    RegistrationFactory(
        event=event, member=member, requested_at=requested, attended=True
    )
    RegistrationFactory(
        event=event,
        member=_member("Tim", "Wachter"),
        status=Registration.Status.WAITLISTED,
    )
    # Someone of another event must not appear.
    RegistrationFactory(event=EventFactory(), member=_member("Ander", "Evenement"))
    return event, member


def test_csv_export_opens_in_dutch_excel(coordinator_client, export_event):
    event, member = export_event

    response = coordinator_client.get(_url("event_export", event, "csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER
    assert rows[1] == [
        "Sjoerd Jäger",
        member.email,
        "Ferm Werk",
        "Woerden",
        "Professional",
        "Bevestigd",
        "02-03-2026 10:30",
        "ja",
    ]
    assert rows[2][0] == "Tim Wachter"
    assert rows[2][5] == "Op de wachtlijst"
    assert len(rows) == 3
    assert "Evenement" not in raw.decode("utf-8-sig")


def test_xlsx_export_has_the_same_rows(coordinator_client, export_event):
    event, member = export_event

    response = coordinator_client.get(_url("event_export", event, "xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert rows[1][:6] == [
        "Sjoerd Jäger",
        member.email,
        "Ferm Werk",
        "Woerden",
        "Professional",
        "Bevestigd",
    ]
    assert rows[1][6] == datetime(2026, 3, 2, 10, 30)  # noqa: DTZ001 (Excel: local)
    assert rows[1][7] == "ja"
    assert [r[0] for r in rows[1:]] == ["Sjoerd Jäger", "Tim Wachter"]


def test_export_neutralises_names_that_look_like_formulas(coordinator_client):
    event = EventFactory()
    RegistrationFactory(event=event, member=_member("=HYPERLINK(1)", "x"))

    response = coordinator_client.get(_url("event_export", event, "csv"))

    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[1][0].startswith("'=")


def test_an_unknown_export_format_is_not_found(coordinator_client, export_event):
    event, _member = export_event

    response = coordinator_client.get(_url("event_export", event, "pdf"))

    assert response.status_code == 404


# --- Message to participants --------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ("bevestigd", {"anna", "bram"}),
        ("wachtlijst", {"chris", "dewi"}),
        ("beide", {"anna", "bram", "chris", "dewi"}),
    ],
)
def test_the_message_goes_to_each_recipient_in_their_own_mail(
    coordinator_client,
    full_event,
    mailoutbox,
    django_capture_on_commit_callbacks,
    audience,
    expected,
):
    event, regs = full_event

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            _url("event_message", event),
            {
                "subject": "Praktische informatie",
                "body": "Neem uw praatplaat mee.\nTot dan!",
                "audience": audience,
            },
        )

    assert response.status_code == 302
    assert sorted(m.to for m in mailoutbox) == sorted(
        [[regs[name].member.email] for name in expected]
    )
    for mail in mailoutbox:
        assert mail.subject == "Praktische informatie"
        assert mail.bcc == []
        assert "Neem uw praatplaat mee." in mail.body
        assert "Kennisatelier Wijkteams" in mail.body
        html = mail.alternatives[0][0]
        assert "Neem uw praatplaat mee." in html
    assert regs["eva"].member.email not in {m.to[0] for m in mailoutbox}


def test_a_message_without_subject_shows_a_dutch_error_and_keeps_the_text(
    coordinator_client, full_event, mailoutbox
):
    event, _regs = full_event

    response = coordinator_client.post(
        _url("event_message", event),
        {"subject": "", "body": "Mijn lange bericht", "audience": "beide"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een onderwerp in." in html
    assert "Mijn lange bericht" in html
    assert mailoutbox == []


# --- Dashboard ----------------------------------------------------------------


def _dashboard(client):
    return client.get(reverse("wagtailadmin_home"))


def test_dashboard_shows_fill_rate_and_links_to_the_registrations(
    coordinator_client, full_event
):
    event, _regs = full_event
    EventFactory(title="Afgelopen atelier", past=True)

    html = _dashboard(coordinator_client).content.decode()

    assert "Komende bijeenkomsten" in html
    assert "2/2 (100%)" in html
    assert _url("event_registrations", event) in html
    assert "Afgelopen atelier" not in html


def test_editors_do_not_get_the_dashboard_panel(client, make_user, full_event):
    client.force_login(make_user(Role.EDITOR))

    html = _dashboard(client).content.decode()

    assert "Komende bijeenkomsten" not in html
    assert "Kennisatelier Wijkteams" not in html


def _events_with_registrations(count: int) -> None:
    for _ in range(count):
        event = EventFactory(capacity=20)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)


def test_dashboard_queries_do_not_grow_with_the_number_of_events(
    coordinator_client, django_assert_max_num_queries
):
    _events_with_registrations(3)
    _dashboard(coordinator_client)  # warm up sessions and caches
    with CaptureQueriesContext(connection) as few:
        response = _dashboard(coordinator_client)
    assert response.content.decode().count("1/20 (5%)") == 3

    _events_with_registrations(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = _dashboard(coordinator_client)
    assert response.content.decode().count("1/20 (5%)") >= 10


def test_registrations_page_queries_do_not_grow_with_the_participants(
    coordinator_client, django_assert_max_num_queries
):
    event = EventFactory(past=True, capacity=None)
    RegistrationFactory.create_batch(3, event=event)
    url = _url("event_registrations", event)
    coordinator_client.get(url)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)

    RegistrationFactory.create_batch(27, event=event)
    RegistrationFactory.create_batch(
        5, event=event, status=Registration.Status.CANCELLED
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator_client.get(url)
    assert len(response.context["overview"].confirmed) == 30


def test_a_subject_over_two_lines_is_refused(
    coordinator_client, full_event, mailoutbox
):
    event, _regs = full_event

    response = coordinator_client.post(
        _url("event_message", event),
        {
            "subject": "Hallo\nBcc: iedereen@example.org",
            "body": "x",
            "audience": "beide",
        },
    )

    assert response.status_code == 400
    assert "Het onderwerp moet op één regel passen." in response.content.decode()
    assert mailoutbox == []
