"""What the kennisbank's pages show beside their own fields, and the feeds."""

from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator

from knowledge.models import (
    Bouwopgave,
    KnowledgeIndexPage,
    KnowledgeItemPage,
    LegalFramework,
    PublicationPage,
    ThemePage,
    ToolPage,
    WerkzaamElementPage,
)


def theme_page_list(*, index: KnowledgeIndexPage) -> list[ThemePage]:
    """The live theme pages of the kennisbank, in the order of the bouwopgaven."""
    return list(ThemePage.objects.live().child_of(index).order_by("bouwopgave__number"))


def knowledge_items_for_bouwopgave(
    *, bouwopgave: Bouwopgave, limit: int = 50
) -> list[KnowledgeItemPage]:
    """The items of one bouwopgave, newest first (a theme page)."""
    return list(
        KnowledgeItemPage.objects.live()
        .public()
        .filter(bouwopgaven=bouwopgave)
        .order_by("-publication_date", "-pk")[:limit]
    )


def legal_framework_get(*, slug: str) -> LegalFramework:
    """One legal framework by its slug; ``LegalFramework.DoesNotExist`` if none."""
    return LegalFramework.objects.get(slug=slug)


def legal_framework_list() -> list[LegalFramework]:
    """Every legal framework, by name (to move from one to another)."""
    return list(LegalFramework.objects.order_by("name"))


def knowledge_items_for_legal_framework(
    *, framework: LegalFramework, page_number: str | int = 1, per_page: int = 12
) -> PaginatorPage:
    """One page of the live items about a legal framework, newest first."""
    items = (
        KnowledgeItemPage.objects.live()
        .public()
        .filter(legal_frameworks=framework)
        .order_by("-publication_date", "-pk")
    )
    return Paginator(items, per_page).get_page(page_number)


def publication_detail_context(*, page: PublicationPage) -> dict[str, Any]:
    """What a publication page shows beside its own fields."""
    return {
        "authors": list(page.authors.select_related("organisation")),
        "attachments": list(page.attachments.select_related("document")),
        "related": list(page.related_pages.live().public()),
    }


def tool_detail_context(*, page: ToolPage) -> dict[str, Any]:
    return {
        "attachments": list(page.attachments.select_related("document")),
        "werkzame_elementen": list(page.werkzame_elementen.live().public()),
    }


def werkzaam_element_detail_context(*, page: WerkzaamElementPage) -> dict[str, Any]:
    return {"related_tools": list(page.related_tools.live().public())}


def publication_list_latest(*, limit: int = 20) -> list[PublicationPage]:
    """The newest publications by their own date, for the feeds."""
    return list(
        PublicationPage.objects.live()
        .public()
        .prefetch_related("authors")
        .order_by("-publication_date", "-first_published_at", "-pk")[:limit]
    )
