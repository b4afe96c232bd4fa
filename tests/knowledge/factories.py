"""Pages of the kennisbank for tests: plain functions, because Wagtail pages
are made by adding them to their parent in the tree."""

import itertools
from collections.abc import Iterable
from datetime import date

from wagtail.models import Page, Site

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


def home_page_create() -> HomePage:
    """A home page as the root of the default site, instead of Wagtail's."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePage(title="Home", slug="home", intro="Welkom")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


def knowledge_index_create(*, home: HomePage) -> KnowledgeIndexPage:
    """A published kennisbank with nothing in it."""
    index = KnowledgeIndexPage(
        title="Kennisbank", slug="kennisbank", intro="Wat werkt."
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def publication_create(
    *,
    index: KnowledgeIndexPage,
    title: str | None = None,
    summary: str = "Een verhaal uit de praktijk.",
    item_type: str = ItemType.PRAKTIJKVERHAAL,
    publication_date: date = date(2022, 5, 1),
    bouwopgaven: Iterable[int] = (),
    vensters: Iterable[int] = (),
    domains: Iterable[int] = (),
    body: Iterable[tuple[str, object]] = (),
    live: bool = True,
) -> PublicationPage:
    """A publication in ``index``, tagged by the numbers of the taxonomy;
    published unless ``live`` is false."""
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
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page
