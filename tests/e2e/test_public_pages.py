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


def _server_error_page(*, database_down: bool) -> tuple[int, str]:
    """The page ``handler500`` gives: the 503 while the database cannot be
    reached, the 500 for any other error."""
    from django.db import OperationalError
    from django.test import RequestFactory

    from portal.views import server_error

    request = RequestFactory().get("/agenda/")
    try:
        raise OperationalError("no connection") if database_down else KeyError("x")
    except (OperationalError, KeyError):
        response = server_error(request)
    return response.status_code, response.content.decode()


def test_error_pages_have_no_axe_violations(demo_site, page, live_server):
    """The pages a visitor sees when something goes wrong: a request the
    portal cannot read (400), no access (403), an error (500) and the database
    out of reach (503), as the handlers write them."""
    from django.test import Client
    from django.urls import reverse

    from portal.roles import Role
    from tests.portal.factories import UserFactory

    pages = {}
    response = Client().get("/", headers={"host": "geen geldige host"})
    pages["/fout/400/"] = (response.status_code, response.content.decode())
    # A member at the coordinators' list of leergang applications.
    member = Client()
    member.force_login(UserFactory(roles=[Role.MEMBER]))
    response = member.get(reverse("leergang:review_list"))
    pages["/fout/403/"] = (response.status_code, response.content.decode())
    pages["/fout/500/"] = _server_error_page(database_down=False)
    pages["/fout/503/"] = _server_error_page(database_down=True)
    assert {path: status for path, (status, _html) in pages.items()} == {
        "/fout/400/": 400,
        "/fout/403/": 403,
        "/fout/500/": 500,
        "/fout/503/": 503,
    }

    # The browser gets each page at an address of the live server, so its
    # styles and links load as they would.
    def answer(status: int, html: str):
        def fulfil(route):
            route.fulfill(
                status=status, body=html, content_type="text/html; charset=utf-8"
            )

        return fulfil

    for path, (status, html) in pages.items():
        page.route(f"{live_server.url}{path}", answer(status, html))
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "nl", path
        expect(page.locator("main h1"), path).to_be_visible()
        # A way on: the home page, from the page itself or its menu.
        expect(page.locator("main a[href='/'], header a[href='/']")).not_to_have_count(
            0
        )
        try:
            assert_accessible(page)
        except AssertionError as error:
            raise AssertionError(f"{path}: {error}") from None
