import itertools
from datetime import date
from io import StringIO

import pytest
from wagtail.models import Page, Site

from knowledge import demo
from knowledge.models import (
    Bouwopgave,
    ItemType,
    KnowledgeIndexPage,
    ParticipatiewielDomain,
    PublicationPage,
    Venster,
)
from portal.models import HomePage

_counter = itertools.count()


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePage(title="Home", slug="home", intro="Welkom")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def kennisbank(home):
    """A kennisbank with the taxonomy of the research, and nothing in it."""
    demo._seed_taxonomy()
    index = KnowledgeIndexPage(
        title="Kennisbank", slug="kennisbank", intro="Wat werkt."
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_publication(kennisbank):
    """Publish a publication: ``make_publication(title=..., bouwopgaven=[1])``."""

    def make(
        *,
        title: str | None = None,
        summary: str = "Een verhaal uit de praktijk.",
        item_type: str = ItemType.PRAKTIJKVERHAAL,
        publication_date: date = date(2022, 5, 1),
        bouwopgaven=(),
        vensters=(),
        domains=(),
        body=(),
        live: bool = True,
    ) -> PublicationPage:
        n = next(_counter)
        page = PublicationPage(
            title=title or f"Publicatie {n}",
            slug=f"publicatie-{n}",
            item_type=item_type,
            summary=summary,
            publication_date=publication_date,
            body=list(body),
            live=live,
        )
        page.bouwopgaven.set(Bouwopgave.objects.filter(number__in=bouwopgaven))
        page.vensters.set(Venster.objects.filter(number__in=vensters))
        page.domains.set(ParticipatiewielDomain.objects.filter(number__in=domains))
        kennisbank.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        return page

    return make


@pytest.fixture
def demo_site(db):
    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
