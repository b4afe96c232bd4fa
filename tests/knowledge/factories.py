"""Pages of the kennisbank for tests: plain functions, because Wagtail pages
are made by adding them to their parent in the tree."""

import itertools
from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from wagtail.models import Page, Site

from knowledge.models import (
    Bouwopgave,
    ItemType,
    KnowledgeIndexPage,
    KnowledgeItemPage,
    LegalFramework,
    ParticipatiewielDomain,
    PraatplaatHotspot,
    PraatplaatPage,
    PublicationPage,
    ToolPage,
    Venster,
    WerkzaamElementPage,
)
from portal.models import HomePage

_counter = itertools.count()

P = TypeVar("P", bound=KnowledgeItemPage)


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
    legal_frameworks: Iterable[str] = (),
    body: Iterable[tuple[str, object]] = (),
    live: bool = True,
) -> PublicationPage:
    """A publication in ``index``, tagged by the numbers of the taxonomy
    (legal frameworks by name); published unless ``live`` is false."""
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
    return _add(index=index, page=page, legal_frameworks=legal_frameworks, live=live)


def tool_create(
    *,
    index: KnowledgeIndexPage,
    title: str | None = None,
    legal_frameworks: Iterable[str] = (),
    publication_date: date = date(2022, 5, 1),
) -> ToolPage:
    """A published instrument in ``index``."""
    n = next(_counter)
    page = ToolPage(
        title=title or f"Instrument {n}",
        slug=f"instrument-{n}",
        summary="Een instrument voor het gesprek met de inwoner.",
        purpose="<p>Om samen te kijken wat nodig is.</p>",
        audience="<p>Klantmanagers.</p>",
        usage="<p>Vul het samen in.</p>",
        publication_date=publication_date,
    )
    return _add(index=index, page=page, legal_frameworks=legal_frameworks)


def werkzaam_element_create(
    *,
    index: KnowledgeIndexPage,
    title: str | None = None,
    legal_frameworks: Iterable[str] = (),
    publication_date: date = date(2022, 5, 1),
) -> WerkzaamElementPage:
    """A published werkzaam element in ``index``."""
    n = next(_counter)
    page = WerkzaamElementPage(
        title=title or f"Werkzaam element {n}",
        slug=f"werkzaam-element-{n}",
        summary="Samen met de inwoner een plan maken werkt.",
        description="<p>Een plan op alle leefgebieden.</p>",
        evidence="<p>Uit de ontwikkelwerkplaatsen.</p>",
        source_project="Lokaal & Integraal Werken aan Participatie",
        publication_date=publication_date,
    )
    return _add(index=index, page=page, legal_frameworks=legal_frameworks)


def _add(
    *,
    index: KnowledgeIndexPage,
    page: P,
    legal_frameworks: Iterable[str],
    live: bool = True,
) -> P:
    page.legal_frameworks.set(
        LegalFramework.objects.filter(name__in=list(legal_frameworks))
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def praatplaat_create(
    *, questions: Iterable[str] = ("Wie is de regisseur?",)
) -> PraatplaatPage:
    """A live praatplaat with a bouwsteen per question, under the tree's root."""
    plate = PraatplaatPage(
        title="Praatplaat",
        slug=f"praatplaat-{next(_counter)}",
        intro="Plaat",
        image_alt="Een huis met vijf verdiepingen.",
    )
    for n, question in enumerate(questions):
        plate.hotspots.add(
            PraatplaatHotspot(
                label=f"Bouwsteen {n + 1}",
                slug=f"bouwsteen-{n + 1}",
                x=10 + 10 * n,
                y=50,
                explanation="Wie doet wat?",
                question=question,
            )
        )
    Page.get_first_root_node().add_child(instance=plate)
    return plate
