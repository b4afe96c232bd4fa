"""A team member finds the way to their cohort space from /leergang/ and
/mijn/; nobody else gets a link to it."""

import pytest
from django.urls import reverse

from leergang.models import Application, TeamMember
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    accepted,
    coordinator,
    member_of,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("leergang:index")
MY_PAGE = reverse("network:my_page")


def _home(application: Application) -> str:
    return reverse("leergang:cohort_home", args=[application.edition.slug])


def _workspace(application: Application) -> str:
    return reverse(
        "leergang:cohort_results",
        kwargs={
            "edition_slug": application.edition.slug,
            "municipality_slug": application.municipality.slug,
        },
    )


def _join(application: Application, user) -> None:
    """Put an existing user in a second team."""
    TeamMember.objects.create(
        application=application,
        name="Adviseur UWV",
        email=user.email,
        function="Adviseur",
        domain="uwv",
        user=user,
    )


def test_leergang_page_links_a_team_member_to_the_cohort_space(client):
    application = accepted(
        edition=EditionFactory(title="Innovatieleergang 2025"),
        municipality__name="Houten",
    )
    client.force_login(member_of(application))

    html = client.get(INDEX).content.decode()

    assert f'<a href="{_home(application)}">' in html
    assert "Naar de cohortruimte van Innovatieleergang 2025" in html
    assert "gemeente Houten" in html


def test_leergang_page_links_each_team_of_a_member_straight_to_its_workspace(
    client,
):
    edition = EditionFactory()
    first = accepted(edition=edition, municipality__name="Bunnik")
    second = accepted(edition=edition, municipality__name="Zeist")
    adviser = member_of(first)
    _join(second, adviser)
    client.force_login(adviser)

    html = client.get(INDEX).content.decode()

    # The cohort page opens with the first team's workspace; the other team
    # gets a link to its own.
    assert f'href="{_home(first)}"' in html
    assert f'href="{_workspace(second)}"' in html


@pytest.mark.parametrize(
    "who", ["anonymous", "outsider", "submitted_team", "applicant_not_in_team"]
)
def test_leergang_page_has_no_cohort_link_for_others(client, who):
    application = accepted()
    if who == "outsider":
        client.force_login(UserFactory())
    elif who == "submitted_team":
        submitted = ApplicationFactory(
            edition=application.edition, status=Application.Status.SUBMITTED
        )
        client.force_login(member_of(submitted))
    elif who == "applicant_not_in_team":
        client.force_login(application.applicant)

    html = client.get(INDEX).content.decode()

    assert _home(application) not in html
    assert "Naar de cohortruimte" not in html


def test_leergang_page_gives_a_coordinator_no_team_link(client):
    application = accepted()
    client.force_login(coordinator())

    html = client.get(INDEX).content.decode()

    assert "Naar de cohortruimte" not in html
    assert _workspace(application) not in html


def test_my_page_links_a_team_member_to_the_cohort_space(client):
    application = accepted(edition=EditionFactory(title="Innovatieleergang 2025"))
    client.force_login(member_of(application))

    html = client.get(MY_PAGE).content.decode()

    assert f'href="{_home(application)}"' in html


def test_my_page_links_a_second_team_straight_to_its_workspace(client):
    edition = EditionFactory()
    first = accepted(edition=edition, municipality__name="Bunnik")
    second = accepted(edition=edition, municipality__name="Zeist")
    adviser = member_of(first)
    _join(second, adviser)
    client.force_login(adviser)

    html = client.get(MY_PAGE).content.decode()

    section = html[html.index('id="leergang-title"') :]
    assert f'href="{_home(first)}"' in section
    assert f'href="{_workspace(second)}"' in section


def test_my_page_has_no_cohort_link_for_a_non_member(client):
    application = accepted()
    submitted = ApplicationFactory(
        edition=application.edition, status=Application.Status.SUBMITTED
    )
    for user in (UserFactory(), member_of(submitted)):
        client.force_login(user)

        html = client.get(MY_PAGE).content.decode()

        assert _home(application) not in html
        assert _workspace(application) not in html
