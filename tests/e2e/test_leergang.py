"""A municipality contact reads about the leergang and applies for the open
edition; the coordinator admits a municipality and a team member joins with
the invitation. Every page passes axe with zero violations."""

import re

import pytest
from playwright.sync_api import expect

from leergang.models import Application
from network.models import MemberProfile, MemberRole, Municipality
from portal.roles import Role
from tests.e2e.helpers import assert_accessible, tab_until
from tests.leergang.factories import ApplicationFactory, EditionFactory
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_contact_applies_for_the_leergang(demo_site, page):
    municipality = Municipality.objects.get(name="Bunnik")
    contact = UserFactory(
        email="contact@bunnik.example.org",
        roles=[Role.MEMBER, Role.MUNICIPALITY_CONTACT],
    )
    MemberProfile.objects.create(
        user=contact, role=MemberRole.POLICY_MAKER, municipality=municipality
    )

    page.goto("/leergang/")
    expect(page.locator("h1")).to_have_text("Leergang")
    expect(page.get_by_text("Innovatieleergang 2027").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Uw gemeente aanmelden").click()
    page.fill("#id_login", contact.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.locator("h1")).to_have_text("Aanmelden voor de leergang")
    assert_accessible(page)

    # Too small a team: the form says so and keeps what was typed.
    page.get_by_label("Motivatie").fill("Wij willen samen leren.")
    page.get_by_label("Niet over, maar met de inwoner").check()
    page.get_by_label("Naam manager of wethouder").fill("Piet Jansen")
    page.get_by_label("Functie manager of wethouder").fill("Wethouder")
    team = page.locator("fieldset.team-member")
    team.nth(0).get_by_label("Naam").fill("Anna de Boer")
    team.nth(0).get_by_label("E-mailadres").fill("anna@bunnik.example.org")
    team.nth(0).get_by_label("Functie").fill("Klantmanager")
    team.nth(0).get_by_label("Domein").select_option("participatiewet")
    page.get_by_role("button", name="Aanmelding indienen").click()

    expect(page.locator(".error-summary")).to_contain_text(
        "Een team heeft ten minste 3 mensen. U heeft er nu 1."
    )
    expect(team.nth(0).get_by_label("Naam")).to_have_value("Anna de Boer")
    expect(page.get_by_label("Motivatie")).to_have_value("Wij willen samen leren.")
    assert_accessible(page)

    for i, name in ((1, "Bram Smit"), (2, "Chantal Bakker")):
        row = team.nth(i)
        row.get_by_label("Naam").fill(name)
        row.get_by_label("E-mailadres").fill(f"lid{i}@bunnik.example.org")
        row.get_by_label("Functie").fill("Beleidsmedewerker")
        row.get_by_label("Domein").select_option("wmo")
    page.get_by_role("button", name="Aanmelding indienen").click()

    expect(page.locator("h1")).to_have_text("Mijn aanmelding voor de leergang")
    expect(page.locator("[data-status]")).to_have_text("Ingediend")
    application = Application.objects.get(municipality=municipality)
    assert application.status == Application.Status.SUBMITTED
    assert application.team_members.count() == 3


def test_coordinator_accepts_and_a_team_member_joins(page, mailoutbox):
    """The coordinator admits a municipality; a team member opens the link
    from the invitation, signs in and joins the team."""
    application = ApplicationFactory(
        edition=EditionFactory(title="Innovatieleergang 2027"),
        municipality__name="Houten",
    )
    member = application.team_members.get(position=0)
    joiner = UserFactory(email=member.email, roles=[Role.MEMBER])
    coordinator = UserFactory(email="coordinator@example.org", roles=[Role.COORDINATOR])

    page.goto(application.get_review_url())
    page.fill("#id_login", coordinator.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("h1")).to_have_text("Aanmelding van Houten")
    assert_accessible(page)

    page.get_by_label("Toelaten").check()
    page.get_by_role("button", name="Besluit opslaan en e-mail sturen").click()
    expect(page.locator("h1")).to_have_text("Aanmeldingen beoordelen")

    invitation = next(m for m in mailoutbox if m.to == [member.email])
    link = re.search(r"(/leergang/uitnodiging/[^/\s]+/)", invitation.body).group(1)
    page.context.clear_cookies()

    page.goto(link)
    expect(page.locator("h1")).to_have_text(
        "Uitnodiging voor het team van gemeente Houten"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen en meedoen").click()
    page.fill("#id_login", joiner.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("button", name="Ik doe mee")).to_be_visible()
    assert_accessible(page)
    tab_until(page, "form button[type=submit]:has-text('Ik doe mee')")
    page.keyboard.press("Enter")

    expect(page.locator("[data-invitation-state=joined]")).to_have_text(
        "U bent al lid van het team."
    )
    expect(page.locator(".messages")).to_contain_text(
        "Welkom in het team van gemeente Houten."
    )
    assert_accessible(page)
    member.refresh_from_db()
    assert member.user == joiner
    assert member.joined_at is not None
