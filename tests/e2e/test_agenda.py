"""Journeys through the agenda: register, join the waitlist, cancel from the
e-mail; every page scanned with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from network.models import Event, Registration
from tests.e2e.helpers import assert_accessible
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, email):
    page.goto("/account/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".account-nav")).to_contain_text(email)


def test_agenda_archive_and_event_pages_are_accessible(demo_site, page):
    page.goto("/agenda/")
    expect(page.locator("h1")).to_have_text("Agenda")
    assert_accessible(page)
    page.select_option("#id_soort", "kennisatelier")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator(".event-card").first).to_contain_text("Kennisatelier")
    assert_accessible(page)

    page.goto("/agenda/archief/")
    assert_accessible(page)
    page.goto("/agenda/webinar-participatiewiel/")
    expect(page.locator("h1")).to_contain_text("Participatiewiel")
    assert_accessible(page)


def test_member_registers_by_keyboard_and_gets_the_calendar_mail(
    demo_site, page, mailoutbox
):
    member = UserFactory(email="sanne@example.org")
    log_in(page, member.email)
    page.goto("/agenda/kennisatelier-regie/")

    button = page.get_by_role("button", name="Aanmelden", exact=True)
    button.focus()
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text("U bent aangemeld")
    expect(page.locator(".registration-box")).to_contain_text("Uw plek is bevestigd")
    assert_accessible(page)
    assert Registration.objects.get(member=member).status == "bevestigd"
    [mail] = [m for m in mailoutbox if m.to == [member.email]]
    assert mail.attachments[0][0].endswith(".ics")


def test_full_event_puts_the_member_on_the_waitlist(demo_site, page):
    member = UserFactory(email="ruben@example.org")
    log_in(page, member.email)
    page.goto("/agenda/kennisatelier-met-de-inwoner/")  # full in the demo

    page.get_by_role("button", name="Aanmelden voor de wachtlijst").click()

    expect(page.locator(".registration-box")).to_contain_text(
        "U staat op de wachtlijst op plaats 3."
    )
    assert_accessible(page)


def test_cancel_from_the_email_link_without_logging_in(demo_site, page, mailoutbox):
    from network.services.registrations import registration_create

    member = UserFactory(email="femke@example.org")
    event = Event.objects.get(slug="kennisatelier-regie")
    registration_create(event=event, member=member)
    [mail] = [m for m in mailoutbox if m.to == [member.email]]
    link = re.search(r"https?://[^/\s]+(/agenda/afmelden/\S+/)", mail.body)
    assert link, mail.body

    page.goto(link.group(1))
    expect(page.locator("h1")).to_have_text("Afmelden")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, meld mij af").click()

    expect(page.locator("main")).to_contain_text("U bent afgemeld")
    assert_accessible(page)
    assert Registration.objects.get(member=member).status == "afgemeld"
