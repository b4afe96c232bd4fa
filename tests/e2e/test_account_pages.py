"""Signed-in pages of the account: header, e-mail, password and sessions
pages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_signed_in_account_pages_have_no_axe_violations(demo_site, page):
    user = UserFactory(email="joris@example.org")
    page.goto("/account/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".account-nav")).to_contain_text(user.email)
    assert_accessible(page)  # the header in its signed-in state

    for path in ("/account/email/", "/account/password/change/", "/account/sessions/"):
        page.goto(path)
        expect(page.locator("nav[aria-label='Mijn account']")).to_be_visible()
        assert_accessible(page)


def test_focused_header_links_keep_readable_text(demo_site, page):
    page.goto("/")
    link = page.locator(".account-nav a", has_text="Inloggen")
    link.focus()

    colours = link.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    )

    # Dark text on the yellow focus colour, not white on yellow.
    assert colours == ["rgb(26, 26, 26)", "rgb(255, 191, 71)"]
