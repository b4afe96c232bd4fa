"""The demo seed: an open edition with applications in several states, made
once, and the old placeholder page gone."""

from io import StringIO

import pytest
from django.core.management import call_command

from leergang.models import (
    Application,
    Edition,
    Reflection,
    Scan,
    ScanScore,
    Session,
    TeamMember,
)
from portal.models import ContentPage

pytestmark = pytest.mark.django_db


def test_seed_makes_an_open_edition_once_and_removes_the_placeholder(demo_site):
    call_command("seed_demo", stdout=StringIO())  # a second run adds nothing

    edition = Edition.objects.get(slug="innovatieleergang-2027")
    assert edition.is_open()
    statuses = set(
        Application.objects.filter(edition=edition).values_list("status", flat=True)
    )
    assert {
        "draft",
        "submitted",
        "accepted",
        "reserve",
        "declined",
        "withdrawn",
    } <= statuses
    assert Application.objects.filter(edition=edition).count() == 6
    assert not ContentPage.objects.filter(slug="leergang").exists()


def test_seed_fills_the_space_of_a_past_edition_once(demo_site):
    call_command("seed_demo", stdout=StringIO())  # a second run adds nothing

    edition = Edition.objects.get(slug="innovatieleergang-2025")
    assert not edition.is_open()
    cohort = Application.objects.filter(edition=edition, status="accepted")
    assert cohort.count() == 5
    assert Session.objects.filter(edition=edition).count() == 6
    scans = Scan.objects.filter(
        application__edition=edition, submitted_at__isnull=False
    )
    assert scans.count() == 15
    assert ScanScore.objects.filter(scan__in=scans).count() == 15 * 20
    assert len(set(ScanScore.objects.values_list("score", flat=True))) >= 3
    assert Reflection.objects.filter(application__edition=edition).exists()
    account = TeamMember.objects.get(user__email="gemeente@example.org")
    assert account.application.edition == edition
