"""A person signs up, verifies the address from the e-mail, and logs in."""

import re

import pytest
from playwright.sync_api import expect

from portal.models import User
from portal.roles import Role
from tests.e2e.helpers import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mijn-eigen-wachtwoord-7"


def test_sign_up_verify_and_log_in_by_keyboard(demo_site, page, mailoutbox):
    page.goto("/")
    page.get_by_role("link", name="Account maken").click()
    expect(page.locator("h1")).to_have_text("Account maken")

    page.locator("#id_email").focus()
    page.keyboard.type("fatima@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_contain_text("e-mailadres")
    assert_accessible(page)
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mailoutbox[0].body)
    assert link, mailoutbox[0].body

    page.goto(link.group(0))
    assert_accessible(page)
    page.get_by_role("button", name="Bevestig", exact=True).click()

    expect(page.locator(".account-nav")).to_contain_text("fatima@example.org")
    user = User.objects.get(email="fatima@example.org")
    assert user.emailaddress_set.get().verified
    assert user.has_role(Role.MEMBER)

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.locator(".account-nav")).to_contain_text("Inloggen")

    page.goto("/account/login/")
    assert_accessible(page)
    page.fill("#id_login", "fatima@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.locator(".account-nav")).to_contain_text("fatima@example.org")


def test_wrong_password_gives_a_dutch_error(demo_site, page):
    page.goto("/account/login/")
    page.fill("#id_login", "lid@example.org")
    page.fill("#id_password", "helemaal-fout")
    page.get_by_role("button", name="Inloggen").click()

    expect(page.locator(".error-summary")).to_contain_text("onjuist")
    expect(page.locator("#id_login")).to_have_value("lid@example.org")
    assert_accessible(page)
