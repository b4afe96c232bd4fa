"""Certificate of attendance: a PDF for the member who came, 404 for anyone else."""

import re
import zlib

import pytest
from django.urls import reverse

from network.models import Registration
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Kennisatelier: één team rond de inwoner"


def _pdf_text(pdf: bytes) -> bytes:
    """All content streams of a PDF, inflated where compressed (no PDF library)."""
    chunks = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        data = match.group(1)
        try:
            chunks.append(zlib.decompress(data))
        except zlib.error:
            chunks.append(data)
    return b"\n".join(chunks)


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
    # Core fonts write Windows-1252 bytes: é and ë survive.
    assert TITLE.encode("cp1252") in text
    assert "Fleur Hoekstra".encode("cp1252") in text
    assert b"Bewijs van deelname" in text


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
