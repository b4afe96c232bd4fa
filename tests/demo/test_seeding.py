"""Seeding from scratch: what only a fresh seed can show (the passwords it
prints, the placeholder it replaces), and the deferred indexing it uses.
What the seed builds is checked on one seed per module in test_content.py."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from demo.indexing import indexing_deferred
from knowledge.models import KnowledgeIndexPage
from portal.models import ContentPage, User
from tests.knowledge.factories import home_page_create

pytestmark = pytest.mark.django_db


def seed(**settings) -> str:
    out = StringIO()
    with override_settings(**settings):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_passwords_are_printed_in_development_only():
    printed = seed(DEBUG=True)
    assert "Leernetwerk-demo-2026" in printed
    assert User.objects.get(email="lid@example.org").check_password(
        "Leernetwerk-demo-2026"
    )


def test_passwords_are_neither_printed_nor_guessable_outside_development():
    printed = seed(DEBUG=False)

    assert "Leernetwerk-demo-2026" not in printed
    assert not User.objects.get(email="lid@example.org").check_password(
        "Leernetwerk-demo-2026"
    )


def test_demo_replaces_a_placeholder_left_by_an_earlier_seed():
    home = home_page_create()
    placeholder = ContentPage(title="Kennisbank", slug="kennisbank", body="<p>x</p>")
    home.add_child(instance=placeholder)

    seed()

    assert Page.objects.get(slug="kennisbank").specific_class is KnowledgeIndexPage


def make_page(title: str) -> ContentPage:
    page = ContentPage(title=title, slug=title.lower(), body="<p>x</p>")
    Page.objects.get(depth=2).add_child(instance=page)
    return page


def test_deferred_indexing_indexes_once_at_the_end_and_then_as_usual():
    with indexing_deferred():
        page = make_page("Zeldzaamwoord")
        gone = make_page("Verdwenen")
        gone.delete()
        assert not ContentPage.objects.search("Zeldzaamwoord")

    assert list(ContentPage.objects.search("Zeldzaamwoord")) == [page]

    page.title = "Anderwoord"
    page.save()
    assert list(ContentPage.objects.search("Anderwoord")) == [page]
