"""Every public page so far: zero axe violations, and usable by keyboard."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, tab_until

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    ("/", "Lokaal & Integraal Werken aan Participatie"),
    ("/privacy/", "Privacyverklaring"),
    ("/toegankelijkheid/", "Toegankelijkheidsverklaring"),
    ("/kennisbank/", "Kennisbank"),
    ("/agenda/", "Agenda"),
    ("/leergang/", "Leergang"),
    ("/leernetwerk/", "Het leernetwerk"),
    ("/account/login/", "Inloggen"),
    ("/account/signup/", "Account maken"),
    ("/account/password/reset/", "Nieuw wachtwoord"),
    ("/bestaat-niet/", "Pagina niet gevonden"),
]


def test_every_public_page_has_no_axe_violations(demo_site, page):
    # One demo site for all pages (seeding it is the slow part); a failure
    # names the page.
    for path, heading in PUBLIC_PAGES:
        page.goto(path)
        expect(page.locator("h1"), path).to_contain_text(heading)
        assert page.locator("html").get_attribute("lang") == "nl", path
        try:
            assert_accessible(page)
        except AssertionError as error:
            raise AssertionError(f"{path}: {error}") from None


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(demo_site, page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    assert page.url.endswith("#inhoud")
    expect(page.locator("main#inhoud")).to_be_focused()


def test_main_navigation_works_by_keyboard_with_visible_focus(
    demo_site, page, live_server
):
    page.goto("/")

    tab_until(page, "nav[aria-label='Hoofdmenu'] >> text=Kennisbank")
    focused = page.locator("nav[aria-label='Hoofdmenu'] >> text=Kennisbank")
    outline = focused.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/kennisbank/")
    expect(page.locator("h1")).to_have_text("Kennisbank")
    expect(
        page.locator("nav[aria-label='Hoofdmenu'] a[aria-current='page']")
    ).to_have_text("Kennisbank")


def test_form_errors_are_accessible_and_keep_the_input(demo_site, page):
    page.goto("/account/signup/")
    page.fill("#id_email", "typ@example.org")
    page.fill("#id_password1", "een-goed-wachtwoord-42")
    page.fill("#id_password2", "iets-anders-99")
    page.locator("form").get_by_role("button", name="Account maken").click()

    expect(page.locator(".error-summary")).to_contain_text("Er is een probleem")
    expect(page.locator("#id_email")).to_have_value("typ@example.org")
    assert_accessible(page)


def test_pages_fit_a_small_screen_without_sideways_scrolling(demo_site, page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/", "/account/signup/", "/privacy/"):
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
