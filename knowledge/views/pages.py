"""The kennisbank's Wagtail pages: what each shows beside its own fields.

Wagtail serves the pages; their ``get_context`` calls the function wired to
the page type in ``KnowledgeConfig.ready()``. Like the other views, these
only read the request and call selectors.
"""

from typing import Any

from django.http import HttpRequest

from knowledge.models import (
    KnowledgeIndexPage,
    PraatplaatPage,
    PublicationPage,
    ThemePage,
    ToolPage,
    WerkzaamElementPage,
)
from knowledge.selectors.pages import (
    knowledge_items_for_bouwopgave,
    publication_detail_context,
    theme_page_list,
    tool_detail_context,
    werkzaam_element_detail_context,
)
from knowledge.selectors.praatplaat import praatplaat_bouwstenen
from knowledge.selectors.search import facet_filters_from_querydict, knowledge_search
from knowledge.structured_data import publication_structured_data
from portal.site import page_public_url


def knowledge_index(request: HttpRequest, page: KnowledgeIndexPage) -> dict[str, Any]:
    """The kennisbank: every item, newest first, narrowed by the facets."""
    return {
        "search": knowledge_search(
            query="",
            filters=facet_filters_from_querydict(request.GET),
            page_number=request.GET.get("pagina", "1"),
            per_page=12,
        ),
        "themes": theme_page_list(index=page),
    }


def theme(request: HttpRequest, page: ThemePage) -> dict[str, Any]:
    return {"items": knowledge_items_for_bouwopgave(bouwopgave=page.bouwopgave)}


def publication(request: HttpRequest, page: PublicationPage) -> dict[str, Any]:
    context = publication_detail_context(page=page)
    url = page_public_url(page, request)
    context["citation"] = page.citation(authors=context["authors"], url=url)
    context["structured_data"] = publication_structured_data(
        page=page, authors=context["authors"], url=url
    )
    return context


def tool(request: HttpRequest, page: ToolPage) -> dict[str, Any]:
    return tool_detail_context(page=page)


def werkzaam_element(request: HttpRequest, page: WerkzaamElementPage) -> dict[str, Any]:
    return werkzaam_element_detail_context(page=page)


def praatplaat(request: HttpRequest, page: PraatplaatPage) -> dict[str, Any]:
    return {"bouwstenen": praatplaat_bouwstenen(page=page)}
