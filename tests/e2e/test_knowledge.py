"""The kennisportal in a real browser: axe scans and the praatplaat by keyboard."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, tab_until

pytestmark = pytest.mark.django_db(transaction=True)

KNOWLEDGE_PAGES = [
    ("/kennisbank/", "Kennisbank"),
    (
        "/kennisbank/?bouwopgave=niet-over-maar-met-de-inwoner&soort=praktijkverhaal",
        "Kennisbank",
    ),
    ("/zoeken/?q=samenwerken", "Zoeken in de kennisbank"),
    ("/zoeken/?q=gemeenten&jaar=2022&pagina=1", "Zoeken in de kennisbank"),
    ("/kennisbank/eindrapport-lokaal-integraal/", "eindrapport"),
    ("/kennisbank/participatiewiel/", "Participatiewiel"),
    ("/kennisbank/alleen-sturen-op-snelle-uitstroom-naar-werk/", "snelle uitstroom"),
    ("/kennisbank/bouwopgave-2/", "Niet over, maar met de inwoner"),
    ("/kennisbank/wettelijk-kader/participatiewet/", "Participatiewet"),
    ("/praatplaat/", "Praatplaat"),
]


@pytest.mark.parametrize(("path", "heading"), KNOWLEDGE_PAGES)
def test_knowledge_page_has_no_axe_violations(demo_site, page, path, heading):
    page.goto(path)

    expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def test_praatplaat_works_with_the_keyboard_alone(demo_site, page):
    page.goto("/praatplaat/")

    tab_until(page, "#hotspot-met-de-inwoner", limit=60)
    page.keyboard.press("Enter")

    section = page.locator("#bouwsteen-met-de-inwoner")
    expect(section).to_be_focused()
    expect(section).to_have_class("bouwsteen is-current")
    expect(section).to_contain_text("Participatiewiel")
    expect(page.locator("#hotspot-met-de-inwoner")).to_have_attribute(
        "aria-current", "true"
    )
    assert_accessible(page)

    tab_until(page, "#bouwsteen-met-de-inwoner a.bouwsteen__back", limit=30)
    page.keyboard.press("Enter")
    expect(page.locator("#hotspot-met-de-inwoner")).to_be_focused()


def test_facets_filter_without_javascript(demo_site, page, live_server):
    context = page.context.browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="nl-NL"
    )
    plain = context.new_page()
    plain.goto("/kennisbank/")
    plain.check("#f-soort-instrument")
    plain.get_by_role("button", name="Filters toepassen").click()

    assert plain.url.endswith("/kennisbank/?soort=instrument")
    expect(plain.locator(".kb-result")).to_have_count(2)
    expect(plain.locator(".kb-total")).to_have_text("2 resultaten")
    context.close()
