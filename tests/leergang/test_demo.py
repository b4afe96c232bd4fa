"""The demo seed: an open edition with applications in several states, made
once, and the old placeholder page gone."""

from io import StringIO

import pytest
from django.core.management import call_command

from leergang.models import Application, Edition
from portal.models import ContentPage

pytestmark = pytest.mark.django_db


def test_seed_makes_an_open_edition_once_and_removes_the_placeholder():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    edition = Edition.objects.get(slug="innovatieleergang-2027")
    assert edition.is_open()
    statuses = set(
        Application.objects.filter(edition=edition).values_list("status", flat=True)
    )
    assert {"draft", "submitted", "accepted", "reserve", "declined"} <= statuses
    assert Application.objects.filter(edition=edition).count() == 5
    assert not ContentPage.objects.filter(slug="leergang").exists()
