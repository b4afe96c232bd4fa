"""What the kennisbank's pages show beside their own fields, and the feeds."""

from typing import Any

from knowledge.models import (
    Bouwopgave,
    KnowledgeIndexPage,
    KnowledgeItemPage,
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
    """The newest publications, for the feeds."""
    return list(
        PublicationPage.objects.live()
        .public()
        .prefetch_related("authors")
        .order_by("-first_published_at", "-pk")[:limit]
    )
