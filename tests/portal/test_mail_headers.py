"""The headers of every kind of mail the portal sends, read from the message
as it goes out (``message.message()``), the way a mail server and a mail
client read them; and the one-click opt-out of a coordinator's messages."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parseaddr, parsedate_to_datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from leergang import emails as leergang_emails
from leergang.models import Application
from network import emails as network_emails
from network.models import Registration
from network.selectors.coordination import AUDIENCE_BOTH
from network.services.coordination import (
    coordinator_message_send,
    event_message_participants,
)
from network.services.members import member_export
from tests.leergang.factories import ApplicationFactory, EditionFactory
from tests.network.factories import EventFactory, RegistrationFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

FROM = "Leernetwerk Integraal Werken <noreply@example.org>"
COORDINATORS = "Coördinatie leernetwerk <coordinatie@example.org>"
ORGANISER = "organisator@example.org"
BASE_URL = "https://leernetwerk.example.org"

# Moments in UTC, and the offset of Dutch time then.
WINTER = (datetime(2027, 1, 14, 9, 30, tzinfo=UTC), timedelta(hours=1))
SUMMER = (datetime(2027, 7, 14, 9, 30, tzinfo=UTC), timedelta(hours=2))


@pytest.fixture(autouse=True)
def _mail_settings(settings):
    settings.DEFAULT_FROM_EMAIL = FROM
    settings.MAIL_REPLY_TO = COORDINATORS
    settings.WAGTAILADMIN_BASE_URL = BASE_URL


@pytest.fixture(params=[WINTER, SUMMER], ids=["winter", "summer"])
def season(request, monkeypatch):
    """``with season.sending(): ...`` sends at a fixed moment of the season."""
    moment, offset = request.param

    class Season:
        def __init__(self):
            self.moment, self.offset = moment, offset

        @contextmanager
        def sending(self):
            with monkeypatch.context() as patch:
                patch.setattr(timezone, "now", lambda: moment)
                yield

    return Season()


def _sent() -> Message:
    """The last mail in the outbox, as it goes over the wire."""
    return mail.outbox[-1].message()


def _decoded(message: Message, name: str) -> list[str]:
    """Every ``name`` header, decoded (RFC 2047) as a mail client shows it."""
    return [str(make_header(decode_header(v))) for v in message.get_all(name, [])]


def _assert_portal_headers(message: Message, *, season, reply_to: str) -> None:
    assert message.get_all("Auto-Submitted") == ["auto-generated"]
    assert _decoded(message, "From") == [FROM]
    [date] = message.get_all("Date")
    sent_at = parsedate_to_datetime(date)
    assert sent_at == season.moment
    assert sent_at.utcoffset() == season.offset
    # Replies reach a person, never the sender's noreply box.
    assert _decoded(message, "Reply-To") == [reply_to]
    assert parseaddr(reply_to)[1] != parseaddr(FROM)[1]


def _assert_not_bulk(message: Message) -> None:
    assert message["List-Unsubscribe"] is None
    assert message["List-Unsubscribe-Post"] is None


# --- The leernetwerk ------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(network_emails.MAILS))
def test_every_mail_about_a_registration(kind, season):
    status = "wachtlijst" if kind == "waitlisted" else "bevestigd"
    registration = RegistrationFactory(
        event=EventFactory(contact_email=ORGANISER), status=status
    )

    with season.sending():
        network_emails.send_registration_mail(registration=registration, kind=kind)

    message = _sent()
    _assert_portal_headers(message, season=season, reply_to=ORGANISER)
    _assert_not_bulk(message)


def test_a_mail_about_an_event_without_contact_goes_to_the_coordinators(season):
    registration = RegistrationFactory(event=EventFactory(contact_email=""))

    with season.sending():
        network_emails.send_registration_mail(
            registration=registration, kind="confirmed"
        )

    _assert_portal_headers(_sent(), season=season, reply_to=COORDINATORS)


def test_the_coordinators_message_can_be_turned_off_with_one_click(season):
    registration = RegistrationFactory(event=EventFactory(contact_email=ORGANISER))

    with season.sending():
        network_emails.send_coordinator_message(
            registration=registration, subject="Route", body="Neem de trein."
        )

    message = _sent()
    _assert_portal_headers(message, season=season, reply_to=ORGANISER)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [target] = message.get_all("List-Unsubscribe")
    assert target.startswith(f"<{BASE_URL}/agenda/berichten-uit/")
    assert target.endswith("/>")
    text = mail.outbox[-1].body
    assert target[1:-1] in text  # the same link, for people, in the mail


def _unsubscribe_path(message: Message) -> str:
    target = message["List-Unsubscribe"]
    return target[1 + len(BASE_URL) : -1]


def _send_message_to(registration: Registration) -> Message:
    network_emails.send_coordinator_message(
        registration=registration, subject="Route", body="Neem de trein."
    )
    return _sent()


def test_a_mail_clients_one_click_post_turns_the_messages_off(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(title="Kennisatelier Houten")
    leaving = RegistrationFactory(event=event)
    staying = RegistrationFactory(event=event)
    path = _unsubscribe_path(_send_message_to(leaving))
    mail_client = Client(enforce_csrf_checks=True)  # no cookies, no CSRF token

    response = mail_client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert (
        "U krijgt geen berichten van de coördinator meer" in response.content.decode()
    )
    assert "Kennisatelier Houten" in response.content.decode()
    leaving.refresh_from_db()
    assert leaving.messages_off_at is not None
    assert leaving.status == Registration.Status.CONFIRMED  # still coming
    [kept] = member_export(user=leaving.member)["registrations"]
    assert kept["messages_off_at"] == leaving.messages_off_at.isoformat()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = event_message_participants(
            event=event,
            subject="Nog een bericht",
            body="Tot straks.",
            audience=AUDIENCE_BOTH,
        )
    assert count == 1
    assert [m.to for m in mail.outbox] == [[staying.member.email]]


def test_the_link_in_the_mail_asks_first_and_a_get_changes_nothing(client):
    registration = RegistrationFactory()
    path = _unsubscribe_path(_send_message_to(registration))

    page = client.get(path)

    assert page.status_code == 200
    assert "Ja, geen berichten meer" in page.content.decode()
    registration.refresh_from_db()
    assert registration.messages_off_at is None
    client.post(path)  # the button
    registration.refresh_from_db()
    assert registration.messages_off_at is not None


def test_a_message_queued_before_the_opt_out_is_not_sent(client):
    registration = RegistrationFactory()
    client.post(_unsubscribe_path(_send_message_to(registration)))
    mail.outbox.clear()

    assert (
        coordinator_message_send(
            registration_id=registration.pk, subject="Later", body="Nog iets."
        )
        is False
    )
    assert mail.outbox == []


def test_a_forged_opt_out_link_is_not_found(client):
    registration = RegistrationFactory()
    path = _unsubscribe_path(_send_message_to(registration))
    forged = path[:-3] + ("x" if path[-3] != "x" else "y") + path[-2:]

    response = client.post(forged)

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.messages_off_at is None


# --- The leergang ---------------------------------------------------------------


def _application(kind: str) -> Application:
    application = ApplicationFactory(decision_message="Toelichting.")
    if kind == "carried_over":
        application.carried_over_from = ApplicationFactory(
            municipality=application.municipality, edition=EditionFactory()
        )
        application.save()
    return application


@pytest.mark.parametrize("kind", sorted(leergang_emails.MAILS))
def test_every_mail_about_an_application(kind, season):
    application = _application(kind)

    with season.sending():
        leergang_emails.send_application_mail(application=application, kind=kind)

    message = _sent()
    _assert_portal_headers(message, season=season, reply_to=COORDINATORS)
    _assert_not_bulk(message)


def test_the_invitation_to_join_a_team(season):
    application = ApplicationFactory()

    with season.sending():
        leergang_emails.send_invitation_mail(
            team_member=application.team_members.first(), application=application
        )

    message = _sent()
    _assert_portal_headers(message, season=season, reply_to=COORDINATORS)
    _assert_not_bulk(message)


def test_the_place_free_mail_to_the_coordinators(season):
    application = ApplicationFactory(status=Application.Status.WITHDRAWN)

    with season.sending():
        leergang_emails.send_place_free_mail(
            application=application, first_reserve=None, to=["coordinator@example.org"]
        )

    message = _sent()
    _assert_portal_headers(message, season=season, reply_to=COORDINATORS)
    _assert_not_bulk(message)


# --- The kennisbank and the accounts --------------------------------------------


def test_the_yearly_review_reminder(season):
    from knowledge.services.review import review_reminders_send
    from tests.knowledge.factories import (
        home_page_create,
        knowledge_index_create,
        publication_create,
    )

    page = publication_create(
        index=knowledge_index_create(home=home_page_create()), title="Oud stuk"
    )
    page.owner = UserFactory(email="eigenaar@example.org")
    page.last_reviewed = season.moment.date() - timedelta(days=400)
    page.save()

    with season.sending():
        assert review_reminders_send(today=season.moment.date()) == 1

    message = _sent()
    _assert_portal_headers(message, season=season, reply_to=COORDINATORS)
    _assert_not_bulk(message)


def test_the_mail_to_confirm_a_new_account(client, season):
    password = "een-goed-wachtwoord-42"

    with season.sending():
        client.post(
            "/account/signup/",
            {
                "email": "nieuw@example.org",
                "password1": password,
                "password2": password,
            },
        )

    assert mail.outbox[-1].to == ["nieuw@example.org"]
    message = _sent()
    _assert_portal_headers(message, season=season, reply_to=COORDINATORS)
    _assert_not_bulk(message)


def test_the_mail_to_choose_a_new_password(client, season):
    UserFactory(email="vergeten@example.org")

    with season.sending():
        client.post("/account/password/reset/", {"email": "vergeten@example.org"})

    assert mail.outbox[-1].to == ["vergeten@example.org"]
    message = _sent()
    _assert_portal_headers(message, season=season, reply_to=COORDINATORS)
    _assert_not_bulk(message)
