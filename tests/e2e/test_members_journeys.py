"""Membership journeys in the browser: join the leernetwerk by keyboard, use
the member directory, and manage /mijn/ up to deleting the account."""

import re
from io import StringIO

import pytest
from playwright.sync_api import Page, expect

from demo.members import seed_members
from network.models import MemberProfile, Registration
from network.services.registrations import registration_create
from portal.models import User
from tests.e2e.helpers import assert_accessible, tab_until
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    MemberUserFactory,
)
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page: Page, email: str, *, next_url: str) -> None:
    page.goto(f"/account/login/?next={next_url}")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".account-nav")).to_contain_text(email)


def _type_into(page: Page, selector: str, text: str) -> None:
    """Replace the value of the focused field by typing, as a keyboard user."""
    expect(page.locator(selector)).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_join_the_leernetwerk_by_keyboard(demo_site, page):
    MemberUserFactory(email="fatima@example.org", first_name="", last_name="")

    page.goto("/leernetwerk/")
    expect(page.locator("h1")).to_have_text("Het leernetwerk")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen").last.click()
    page.fill("#id_login", "fatima@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url("/leernetwerk/")
    expect(page.get_by_role("heading", name="Lid worden")).to_be_visible()
    assert_accessible(page)

    # First attempt: only a name. The errors are Dutch and keep the input.
    page.locator("#id_first_name").focus()
    _type_into(page, "#id_first_name", "Fatima")
    page.keyboard.press("Tab")
    _type_into(page, "#id_last_name", "Bouzid")
    tab_until(page, ".member-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_contain_text("Kies uw rol.")
    expect(page.locator(".error-summary")).to_contain_text("Kies uw organisatie")
    expect(page.locator("#id_first_name")).to_have_value("Fatima")
    assert_accessible(page)

    # Second attempt, all by keyboard.
    page.locator("#id_role").focus()
    page.keyboard.type("Beleid")
    expect(page.locator("#id_role")).to_have_value("beleidsmaker")
    page.keyboard.press("Tab")  # organisation: not in the list
    page.keyboard.press("Tab")
    _type_into(page, "#id_organisation_name", "Sociaal wijkteam Noord")
    page.keyboard.press("Tab")
    expect(page.locator("#id_municipality")).to_be_focused()
    page.keyboard.type("Houten")
    page.keyboard.press("Tab")
    expect(page.locator("#id_domains_0")).to_be_focused()
    page.keyboard.press("Space")  # Wmo
    tab_until(page, "#id_interests_1")
    page.keyboard.press("Space")  # bouwopgave 2
    tab_until(page, "#id_receive_newsletter")
    page.keyboard.press("Space")
    tab_until(page, ".member-form button[type=submit]")
    page.keyboard.press("Enter")

    expect(page).to_have_url("/mijn/")
    expect(page.locator(".messages")).to_contain_text("Welkom in het leernetwerk")
    assert_accessible(page)
    profile = MemberProfile.objects.select_related("municipality").get(
        user__email="fatima@example.org"
    )
    assert profile.role == "beleidsmaker"
    assert profile.organisation_name == "Sociaal wijkteam Noord"
    assert profile.municipality.name == "Houten"
    assert profile.domains == ["wmo"]
    assert profile.interests == [2]
    assert profile.receive_newsletter is True
    assert profile.show_in_directory is False


def test_member_directory_search(demo_site, page):
    seed_members(out=StringIO())
    lid = User.objects.get(email="lid@example.org")
    lid.set_password(PASSWORD)
    lid.save()

    _log_in(page, "lid@example.org", next_url="/leden/")
    expect(page.locator("h1")).to_have_text("Ledenlijst")
    expect(page.locator(".member-list")).to_contain_text("Anouk Jansen")
    expect(page.locator(".member-list")).not_to_contain_text("Ruud Hendriks")
    expect(page.locator("main")).not_to_contain_text("@example.org")
    assert_accessible(page)

    page.fill("#id_q", "Jansen")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator(".member-count")).to_have_text("1 lid gevonden")
    expect(page.locator(".member-list")).to_contain_text("Anouk Jansen")
    expect(page.locator("#id_q")).to_have_value("Jansen")
    assert_accessible(page)

    page.get_by_role("link", name="Alle leden tonen").click()
    page.select_option("#id_rol", "onderzoeker")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator(".member-list")).to_contain_text("Lieke Smit")
    expect(page.locator(".member-list")).not_to_contain_text("Anouk Jansen")


def test_my_page_cancel_download_and_delete_account(demo_site, page):
    profile = MemberProfileFactory(
        user__email="lotte@example.org", user__first_name="Lotte"
    )
    user = profile.user
    webinar = EventFactory(title="Webinar Op Koers", capacity=1)
    atelier = EventFactory(title="Kennisatelier Woerden", capacity=1)
    waiting = MemberUserFactory(email="wacht@example.org")
    registration_create(event=webinar, member=user)
    registration_create(event=webinar, member=waiting)
    registration_create(event=atelier, member=MemberUserFactory())
    registration_create(event=atelier, member=user)

    _log_in(page, "lotte@example.org", next_url="/mijn/")
    expect(page.locator("h1")).to_have_text("Mijn pagina")
    expect(page.locator(".my-registrations").first).to_contain_text("Bevestigd")
    expect(page.locator(".my-registrations").first).to_contain_text(
        "u staat op plaats 1."
    )
    expect(page.locator("#feed-url")).to_have_value(
        re.compile(r"^https?://.+/agenda/feed/.+\.ics$")
    )
    assert_accessible(page)

    page.get_by_role("button", name="Afmelden voor Kennisatelier Woerden").click()
    expect(page).to_have_url("/mijn/")
    expect(page.locator(".messages")).to_contain_text("U bent afgemeld.")
    expect(page.locator(".my-registrations").first).not_to_contain_text(
        "Kennisatelier Woerden"
    )

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Mijn gegevens downloaden").click()
    assert download_info.value.suggested_filename.endswith(".json")

    page.get_by_role("link", name="Account verwijderen").click()
    expect(page.locator("h1")).to_have_text("Account verwijderen")
    assert_accessible(page)
    page.fill("#id_password", "helemaal-fout")
    page.get_by_role("button", name="Mijn account definitief verwijderen").click()
    expect(page.locator(".error-summary")).to_contain_text("wachtwoord klopt niet")
    assert_accessible(page)
    assert User.objects.filter(email="lotte@example.org").exists()

    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Mijn account definitief verwijderen").click()
    expect(page).to_have_url("/")
    expect(page.locator(".messages")).to_contain_text("Uw account is verwijderd")
    expect(page.locator(".account-nav")).to_contain_text("Inloggen")
    assert not User.objects.filter(email="lotte@example.org").exists()
    assert Registration.objects.get(event=webinar, member=waiting).status == "bevestigd"
