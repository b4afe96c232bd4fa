"""A team member fills in the zelfscan with the keyboard alone, submits it
and reads the chart and table; the coordinator reads the overview. Every page
passes axe with zero violations, the form also in its error state."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from leergang.models import Scan
from portal.taxonomy import Bouwopgave, Venster
from tests.e2e.helpers import assert_accessible, tab_until
from tests.leergang.factories import (
    SessionFactory,
    accepted,
    coordinator,
    make_scan,
    member_of,
)
from tests.portal.factories import PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]


def _log_in(page, user, next_url):
    page.goto(f"{reverse('account_login')}?next={next_url}")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_team_member_fills_in_the_zelfscan_by_keyboard(page):
    application = accepted()
    edition = application.edition
    SessionFactory(edition=edition, title="Kick-off", bouwopgave=1)
    for n in range(3):
        make_scan(accepted(edition=edition), score=n + 2)
    member = member_of(application)
    municipality = application.municipality.slug

    home_url = reverse("leergang:cohort_home", args=[edition.slug])
    _log_in(page, member, home_url)
    expect(page.locator("h1")).to_contain_text("Cohortruimte")
    expect(page.get_by_text("Kick-off")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Zelfscan start invullen").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Zelfscan start")
    assert_accessible(page)

    # Submitting an empty scan: the errors are listed at the top.
    tab_until(page, "button[name=indienen]", limit=200)
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_contain_text(
        "Kies een score van 1 tot 5."
    )
    assert_accessible(page)

    # Fill in every score with the keyboard: Tab into a group, Space picks
    # the first option, the arrow keys move to a higher score.
    tab_until(page, "#id_score_1_1_0", limit=200)
    for b in Bouwopgave.values:
        for v in Venster.values:
            expect(page.locator(f"#id_score_{b}_{v}_0")).to_be_focused()
            page.keyboard.press("Space")
            for _ in range((b + v) % 4):
                page.keyboard.press("ArrowRight")
            page.keyboard.press("Tab")
            if (b, v) == (1, 1):
                page.keyboard.type("We zijn net begonnen.")
            page.keyboard.press("Tab")
    expect(page.locator("#id_score_5_4_1")).to_be_checked()
    expect(page.locator("button[name=indienen]")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Uitkomsten van de zelfscan")
    scan = Scan.objects.get(application=application, moment="start")
    assert scan.is_submitted
    assert (
        scan.scores.get(bouwopgave=1, venster=1).explanation == "We zijn net begonnen."
    )
    expect(page.locator("svg[role=img]")).to_be_visible()
    table = page.locator("table.scan-table")
    expect(table.locator("caption")).to_have_text(
        "Gemiddelde score per bouwopgave (1 tot 5)"
    )
    # Bouwopgave 1: scores 3, 4, 1, 2 -> 2,5; the other three average 3,0.
    row = table.locator("tbody tr").first
    expect(row.locator("td").nth(0)).to_have_text("2,5")
    expect(row.locator("td").nth(1)).to_have_text("3,0")
    assert_accessible(page)

    page.context.clear_cookies()
    boss = coordinator()
    overview_url = reverse("leergang:cohort_overview", args=[edition.slug])
    _log_in(page, boss, overview_url)
    expect(page.locator("h1")).to_contain_text("Overzicht van het cohort")
    expect(page.get_by_role("link", name=application.municipality.name)).to_be_visible()
    assert_accessible(page)

    page.goto(
        reverse(
            "leergang:cohort_results",
            kwargs={"edition_slug": edition.slug, "municipality_slug": municipality},
        )
    )
    assert_accessible(page)


def test_a_team_member_reaches_the_workspace_from_my_page(demo_site, page):
    """From /mijn/ into the cohort space, then the reflections (with an error)
    and the praatplaat notes: every page passes axe."""
    from django.contrib.auth import get_user_model

    from demo.leergang import TEAM_ACCOUNT_EMAIL

    member = get_user_model().objects.get(email=TEAM_ACCOUNT_EMAIL)
    member.set_password(PASSWORD)
    member.save()

    _log_in(page, member, reverse("network:my_page"))
    section = page.locator("section[aria-labelledby=leergang-title]")
    expect(section).to_contain_text("Mijn leergang")
    assert_accessible(page)

    section.get_by_role("link", name="Innovatieleergang 2025").click()
    expect(page.locator("h1")).to_contain_text("Cohortruimte")

    team = member.leergang_team_memberships.get()
    workspace = {
        "edition_slug": team.application.edition.slug,
        "municipality_slug": team.application.municipality.slug,
    }
    page.goto(reverse("leergang:cohort_reflections", kwargs=workspace))
    expect(page.locator("h1")).to_have_text("Reflecties")
    assert_accessible(page)

    page.get_by_role("link", name="Reflectie toevoegen").click()
    page.get_by_role("button", name="Reflectie bewaren").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Terug naar de reflecties").click()
    page.locator("main").get_by_role("link", name="Praatplaat", exact=True).click()
    expect(page.get_by_role("button", name="Notities bewaren")).to_be_visible()
    assert_accessible(page)
