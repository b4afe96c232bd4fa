"""The leergang on the member's own page (/mijn/) and in their data download."""

import json

import pytest
from django.urls import reverse

from leergang.models import Application, Reflection
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    SessionFactory,
    accepted,
    contact_user,
    member_of,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

MY_PAGE = reverse("network:my_page")
MY_DATA = reverse("network:my_data")


def test_a_contact_sees_the_status_of_the_gemeentes_application(client):
    contact = contact_user()
    ApplicationFactory(
        municipality=contact.member_profile.municipality,
        applicant=contact,
        status=Application.Status.RESERVE,
        edition__title="Innovatieleergang 2027",
    )
    client.force_login(contact)

    page = client.get(MY_PAGE).content.decode()

    assert "Mijn leergang" in page
    assert "Innovatieleergang 2027" in page
    assert "Op de reservelijst" in page
    assert reverse("leergang:my_application") in page


def test_a_team_member_finds_the_way_to_the_edition_space(client):
    application = accepted(edition=EditionFactory(title="Innovatieleergang 2025"))
    member = member_of(application)
    client.force_login(member)

    page = client.get(MY_PAGE).content.decode()

    cohort_url = reverse("leergang:cohort_home", args=[application.edition.slug])
    assert f'href="{cohort_url}">Innovatieleergang 2025</a>' in page
    assert application.municipality.name in page


def test_a_team_member_of_an_application_not_accepted_gets_no_link_to_it(client):
    application = ApplicationFactory(status=Application.Status.SUBMITTED)
    member = member_of(application)
    client.force_login(member)

    page = client.get(MY_PAGE).content.decode()

    assert "Mijn leergang" in page
    assert reverse("leergang:cohort_home", args=[application.edition.slug]) not in page


def test_a_member_without_leergang_sees_no_leergang_section(client):
    ApplicationFactory()  # someone else's
    client.force_login(UserFactory())

    page = client.get(MY_PAGE).content.decode()

    assert "Mijn leergang" not in page


def test_my_data_holds_my_leergang_part_and_nobody_elses(client):
    application = accepted(edition=EditionFactory(title="Innovatieleergang 2025"))
    member = member_of(application, email="ik@gemeente.example.org")
    other = member_of(application, email="collega@gemeente.example.org")
    session = SessionFactory(edition=application.edition, title="Startbijeenkomst")
    Reflection.objects.create(
        application=application,
        session=session,
        author=member,
        first_order="Wij deden het zoals altijd.",
    )
    Reflection.objects.create(
        application=application,
        session=session,
        author=other,
        first_order="Geheim van de collega.",
    )
    client.force_login(member)

    data = json.loads(client.get(MY_DATA).content)

    part = data["leergang"]
    assert [t["email"] for t in part["team_memberships"]] == [member.email]
    assert part["team_memberships"][0]["edition"] == "Innovatieleergang 2025"
    assert [r["first_order"] for r in part["reflections"]] == [
        "Wij deden het zoals altijd."
    ]
    assert "Geheim van de collega." not in json.dumps(data)


def test_my_data_has_no_leergang_part_for_a_member_without_one(client):
    client.force_login(UserFactory())

    data = json.loads(client.get(MY_DATA).content)

    assert "leergang" not in data
