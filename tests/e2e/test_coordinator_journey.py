"""A coordinator logs in, opens an event's registrations and downloads the list."""

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal.roles import Role
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_downloads_the_attendee_list_as_csv(page, tmp_path):
    coordinator = UserFactory(
        email="coordinator-e2e@example.org", roles=[Role.COORDINATOR]
    )
    event = EventFactory(title="Webinar Effectencalculator", capacity=10)
    member = UserFactory(first_name="Noor", last_name="Visser")
    MemberProfileFactory(user=member)
    RegistrationFactory(event=event, member=member)
    url = reverse("network_admin:event_registrations", args=[event.pk])

    page.goto(url)
    page.fill("#id_login", coordinator.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", name="Bevestigd (1)")).to_be_visible()
    expect(page.get_by_role("cell", name="Noor Visser", exact=True)).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lijst downloaden (CSV)").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    assert download.suggested_filename == "aanmeldingen-" + event.slug + ".csv"
    content = Path(target).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][0] == "naam"
    assert rows[1][:2] == ["Noor Visser", member.email]
