"""Seeding stays cheap without cutting corners: every page is published with
a live revision and a history entry, and search and the reference index know
about everything once the seed is done."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from demo.indexing import indexing_deferred
from knowledge.models import ToolPage
from network.models import Organisation
from portal.models import ContentPage

pytestmark = pytest.mark.django_db


def test_seeded_pages_are_published_with_a_revision_and_a_history():
    call_command("seed_demo", stdout=StringIO())

    pages = Page.objects.filter(depth__gt=1)
    assert pages.count() > 60
    for page in pages:
        assert page.live
        assert not page.has_unpublished_changes
        assert page.first_published_at is not None
        assert page.live_revision_id is not None
        assert page.live_revision_id == page.latest_revision_id
    published = PageLogEntry.objects.filter(action="wagtail.publish")
    assert set(published.values_list("page_id", "revision_id")) == set(
        pages.values_list("pk", "live_revision_id")
    )


def test_seeded_content_is_searchable_and_its_references_are_known():
    call_command("seed_demo", stdout=StringIO())

    tool = ToolPage.objects.get(title="Effectencalculator")
    assert list(ToolPage.objects.live().search("Effectencalculator")) == [tool]
    houten = Organisation.objects.get(name="Gemeente Houten")
    assert (
        ReferenceIndex.get_references_to(houten).filter(object_id=str(tool.pk)).exists()
    )


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
