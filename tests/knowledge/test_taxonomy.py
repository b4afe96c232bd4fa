"""The kennisbank's fixed taxonomy comes with the database (a data migration),
matches the shared vocabulary, and making it again changes nothing."""

import pytest
from django.apps import apps

from knowledge.models import Bouwopgave, LegalFramework, ParticipatiewielDomain, Venster
from knowledge.taxonomy import taxonomy_ensure
from portal import taxonomy

pytestmark = pytest.mark.django_db


def rows():
    return [
        list(model.objects.values_list("name", "slug"))
        for model in (Bouwopgave, Venster, ParticipatiewielDomain, LegalFramework)
    ]


def test_the_migrations_make_the_taxonomy_of_the_research():
    assert dict(Bouwopgave.objects.values_list("number", "name")) == {
        choice.value: str(choice.label) for choice in taxonomy.Bouwopgave
    }
    assert dict(Venster.objects.values_list("number", "name")) == {
        choice.value: str(choice.label) for choice in taxonomy.Venster
    }
    assert list(ParticipatiewielDomain.objects.values_list("number", flat=True)) == [
        1, 2, 3, 4, 5, 6,
    ]  # fmt: skip
    assert "Participatiewet" in LegalFramework.objects.values_list("name", flat=True)
    assert all(
        Bouwopgave.objects.filter(number=n).exclude(description="").exists()
        for n in taxonomy.Bouwopgave.values
    )


def test_making_the_taxonomy_again_changes_nothing():
    before = rows()

    taxonomy_ensure(apps)

    assert rows() == before
