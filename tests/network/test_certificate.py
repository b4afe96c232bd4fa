"""Certificate of attendance: a PDF for the member who came, 404 for anyone else."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from network.models import Registration
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Kennisatelier: één team rond de inwoner"


def _pdf_text(pdf: bytes) -> str:
    """The text of a PDF, as a PDF reader extracts it."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def _url(event) -> str:
    return reverse("network:certificate", kwargs={"slug": event.slug})


@pytest.fixture
def attended():
    member = UserFactory(first_name="Fleur", last_name="Hoekstra")
    MemberProfileFactory(user=member)
    event = EventFactory(past=True, title=TITLE)
    RegistrationFactory(event=event, member=member, attended=True)
    return event, member


def test_the_member_who_came_gets_a_pdf_with_the_event_and_their_name(client, attended):
    event, member = attended
    client.force_login(member)

    response = client.get(_url(event))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert TITLE in text
    assert "Fleur Hoekstra" in text
    assert "Bewijs van deelname" in text


def test_a_member_who_did_not_come_gets_404(client):
    member = UserFactory()
    event = EventFactory(past=True)
    RegistrationFactory(event=event, member=member, attended=False)
    client.force_login(member)

    assert client.get(_url(event)).status_code == 404


def test_attendance_not_yet_marked_gets_404(client):
    member = UserFactory()
    event = EventFactory(past=True)
    RegistrationFactory(event=event, member=member, attended=None)
    client.force_login(member)

    assert client.get(_url(event)).status_code == 404


def test_another_member_gets_404(client, attended):
    event, _member = attended
    client.force_login(UserFactory())

    assert client.get(_url(event)).status_code == 404


def test_anonymous_gets_404(client, attended):
    event, _member = attended

    assert client.get(_url(event)).status_code == 404


def test_a_cancelled_registration_gets_404_even_if_marked(client):
    member = UserFactory()
    event = EventFactory(past=True)
    RegistrationFactory(
        event=event,
        member=member,
        attended=True,
        status=Registration.Status.CANCELLED,
    )
    client.force_login(member)

    assert client.get(_url(event)).status_code == 404


def test_an_event_that_has_not_ended_gets_404(client):
    member = UserFactory()
    event = EventFactory()
    RegistrationFactory(event=event, member=member, attended=True)
    client.force_login(member)

    assert client.get(_url(event)).status_code == 404
