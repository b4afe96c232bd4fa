"""What the kennisbank's pages show beside their own fields, and the feeds."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import CharField, F, Value

from knowledge.models import (
    Bouwopgave,
    KnowledgeIndexPage,
    KnowledgeItemPage,
    KnowledgePageTag,
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


@dataclass(frozen=True)
class Term:
    """A term of the taxonomy as an item page lists it."""

    name: str
    slug: str


# The item's relations to the taxonomy, in the order the page lists them:
# name, the through model's link to the page, and the term's name, slug and
# the column its terms are ordered by (the term models' own ordering; tags in
# the order they were given).
_TERM_RELATIONS = (
    ("bouwopgaven", "knowledgeitempage", "bouwopgave", "number"),
    ("vensters", "knowledgeitempage", "venster", "number"),
    ("domains", "knowledgeitempage", "participatiewieldomain", "number"),
    ("legal_frameworks", "knowledgeitempage", "legalframework", None),
    ("doelgroepen", "knowledgeitempage", "doelgroep", None),
    ("tags", "content_object", "tag", "pk"),
)


def knowledge_item_terms(*, page: KnowledgeItemPage) -> dict[str, list[Term]]:
    """The page's bouwopgaven, vensters, domains, legal frameworks,
    doelgroepen and tags, in one query (a UNION of the six relations) rather
    than one per relation. A page in preview has its terms in memory (not
    saved yet): those are listed as they are."""
    in_memory = getattr(page, "_cluster_related_objects", {})
    if any(name in in_memory for name, *_rest in _TERM_RELATIONS) or (
        "tagged_items" in in_memory
    ):
        return {
            name: [Term(t.name, t.slug) for t in getattr(page, name).all()]
            for name, *_rest in _TERM_RELATIONS
        }
    parts = []
    for name, page_link, term, order in _TERM_RELATIONS:
        through = (
            KnowledgePageTag
            if name == "tags"
            else getattr(KnowledgeItemPage, name).through
        )
        rank = (
            F("pk") if order == "pk" else F(f"{term}__{order}") if order else Value(0)
        )
        parts.append(
            through.objects.filter(**{f"{page_link}_id": page.pk})
            .order_by()
            .annotate(
                relation=Value(name, output_field=CharField()),
                rank=rank,
                term_name=F(f"{term}__name"),
                term_slug=F(f"{term}__slug"),
            )
            .values_list("relation", "rank", "term_name", "term_slug")
        )
    rows = parts[0].union(*parts[1:], all=True)
    terms: dict[str, list[Term]] = {name: [] for name, *_rest in _TERM_RELATIONS}
    for relation, _rank, term_name, term_slug in sorted(
        rows, key=lambda row: (row[1], row[2])
    ):
        terms[relation].append(Term(term_name, term_slug))
    return terms


def _live_public_related(page: KnowledgeItemPage, name: str) -> list[Any]:
    """The live pages outside private sections that the page's relation
    ``name`` (a ParentalManyToManyField) links to. A page in preview has the
    relation in memory (not saved yet): its pages are read by their keys."""
    related = getattr(page, name)
    if name in getattr(page, "_cluster_related_objects", {}):
        keys = [item.pk for item in related.all()]
        return list(related.model.objects.filter(pk__in=keys).live().public())
    return list(related.live().public())


def publication_detail_context(*, page: PublicationPage) -> dict[str, Any]:
    """What a publication page shows beside its own fields."""
    return {
        "authors": list(page.authors.select_related("organisation")),
        "attachments": list(page.attachments.select_related("document")),
        "related": _live_public_related(page, "related_pages"),
        "terms": knowledge_item_terms(page=page),
    }


def tool_detail_context(*, page: ToolPage) -> dict[str, Any]:
    return {
        "attachments": list(page.attachments.select_related("document")),
        "werkzame_elementen": list(page.werkzame_elementen.live().public()),
        "terms": knowledge_item_terms(page=page),
    }


def werkzaam_element_detail_context(*, page: WerkzaamElementPage) -> dict[str, Any]:
    return {
        "related_tools": _live_public_related(page, "related_tools"),
        "terms": knowledge_item_terms(page=page),
    }


def publication_list_latest(*, limit: int = 20) -> list[PublicationPage]:
    """The newest publications by their own date, for the feeds."""
    return list(
        PublicationPage.objects.live()
        .public()
        .prefetch_related("authors")
        .order_by("-publication_date", "-first_published_at", "-pk")[:limit]
    )
