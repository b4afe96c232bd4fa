"""Search of the kennisbank, and its item list with facets.

Search runs on Wagtail's database backend (PostgreSQL full text with the
"dutch" configuration, so word forms match). Facets are counted in the
database on the matched items, one query per facet, so the number of queries
does not grow with the number of results.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page
from wagtail.query import PageQuerySet

from knowledge.models import (
    Bouwopgave,
    ItemType,
    KnowledgeItemPage,
    ParticipatiewielDomain,
    Venster,
)

# URL parameter -> what it filters. The parameters are Dutch: they are in the
# addresses people share.
FACET_PARAMS = {
    "soort": "item_type",
    "bouwopgave": "bouwopgaven__slug",
    "venster": "vensters__slug",
    "domein": "domains__slug",
    "jaar": "year",
}
FACET_LABELS = {
    "soort": "Soort",
    "bouwopgave": "Bouwopgave",
    "venster": "Venster",
    "domein": "Participatiewiel",
    "jaar": "Jaar",
}

FacetFilters = dict[str, list[str]]

_YEAR = re.compile(r"[0-9]{4}")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption]

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass
class SearchResult:
    page: Page
    type_label: str
    date: date | None
    snippet: SafeString


@dataclass
class SearchOutcome:
    query: str
    filters: FacetFilters
    total: int
    page: PaginatorPage
    results: list[SearchResult]
    facets: list[Facet] = field(default_factory=list)

    @property
    def has_filters(self) -> bool:
        return any(self.filters.values())


def facet_filters_from_querydict(data: Mapping[str, Any]) -> FacetFilters:
    """The facet values chosen in a query string (``?bouwopgave=...&jaar=2022``)."""
    filters: FacetFilters = {}
    for param in FACET_PARAMS:
        values = data.getlist(param) if hasattr(data, "getlist") else data.get(param)
        if isinstance(values, str):
            values = [values]
        stripped = (str(v).replace("\x00", "").strip() for v in values or [])
        cleaned = sorted({v for v in stripped if v})
        if param == "jaar":
            # ASCII digits only: str.isdigit() also accepts '²⁰²⁴', which int()
            # refuses.
            cleaned = [v for v in cleaned if _YEAR.fullmatch(v)]
        elif param == "soort":
            cleaned = [v for v in cleaned if v in ItemType.values]
        if cleaned:
            filters[param] = cleaned
    return filters


def _apply_facet(
    qs: QuerySet[KnowledgeItemPage], param: str, values: list[str]
) -> QuerySet[KnowledgeItemPage]:
    if param == "jaar":
        return qs.filter(publication_date__year__in=[int(v) for v in values])
    return qs.filter(**{f"{FACET_PARAMS[param]}__in": values})


def _filtered(
    base: QuerySet[KnowledgeItemPage], filters: FacetFilters, *, skip: str = ""
) -> QuerySet[KnowledgeItemPage]:
    qs = base
    for param, values in filters.items():
        if param != skip and values:
            qs = _apply_facet(qs, param, values)
    return qs


def _facet_counts(
    base: QuerySet[KnowledgeItemPage], filters: FacetFilters
) -> list[Facet]:
    """Counts per facet value. Each facet is counted with the filters of the
    other facets applied, so that choosing a second value stays possible
    (values within one facet combine with OR, facets with AND)."""
    facets: list[Facet] = []

    def counts(param: str, lookup: str) -> dict[str, int]:
        qs = _filtered(base, filters, skip=param)
        rows = (
            qs.order_by()
            .values(lookup)
            .annotate(n=Count("pk", distinct=True))
            .values_list(lookup, "n")
        )
        return {str(value): n for value, n in rows if value is not None}

    chosen = {param: set(values) for param, values in filters.items()}

    type_counts = counts("soort", "item_type")
    facets.append(
        Facet(
            "soort",
            FACET_LABELS["soort"],
            [
                FacetOption(
                    value,
                    str(label),
                    type_counts.get(value, 0),
                    value in chosen.get("soort", ()),
                )
                for value, label in ItemType.choices
                if value in type_counts or value in chosen.get("soort", ())
            ],
        )
    )
    for param, model in (
        ("bouwopgave", Bouwopgave),
        ("venster", Venster),
        ("domein", ParticipatiewielDomain),
    ):
        lookup = FACET_PARAMS[param]
        term_counts = counts(param, lookup)
        facets.append(
            Facet(
                param,
                FACET_LABELS[param],
                [
                    FacetOption(
                        slug,
                        name,
                        term_counts.get(slug, 0),
                        slug in chosen.get(param, ()),
                    )
                    for slug, name in model.objects.order_by("number").values_list(
                        "slug", "name"
                    )
                    if slug in term_counts or slug in chosen.get(param, ())
                ],
            )
        )
    year_rows = (
        _filtered(base, filters, skip="jaar")
        .order_by()
        .annotate(year=ExtractYear("publication_date"))
        .values("year")
        .annotate(n=Count("pk", distinct=True))
        .values_list("year", "n")
    )
    year_counts = {str(year): n for year, n in year_rows}
    facets.append(
        Facet(
            "jaar",
            FACET_LABELS["jaar"],
            [
                FacetOption(
                    year,
                    year,
                    year_counts.get(year, 0),
                    year in chosen.get("jaar", ()),
                )
                # A chosen year stays visible (and can be unticked) at 0.
                for year in sorted(
                    set(year_counts) | chosen.get("jaar", set()), reverse=True
                )
            ],
        )
    )
    return facets


def _matching(pages: PageQuerySet, query: str) -> QuerySet[Page]:
    """The ids of ``pages`` that match ``query``, unranked, as a subquery:
    the query of Wagtail's search backend without its ordering."""
    results: Any = pages.search(query, order_by_relevance=False)
    return results.get_queryset().order_by().values("pk")


def _live_items() -> QuerySet[KnowledgeItemPage]:
    return KnowledgeItemPage.objects.live().public()


def knowledge_search(
    *,
    query: str,
    filters: FacetFilters,
    page_number: str | int = 1,
    per_page: int = 10,
) -> SearchOutcome:
    """Search all published content (or, without a query, list the knowledge
    items newest first), narrowed by facets, with facet counts and a page of
    results with highlighted snippets."""
    # PostgreSQL refuses text with NUL characters ('%00' in an address), and
    # SQLite's full-text search fails on a stray double quote.
    query = (query or "").replace("\x00", "").replace('"', " ").strip()[:200]
    items = _live_items()

    if query:
        # Wagtail search over every live page, in relevance order; only the
        # requested page of results is ranked out and read. The facets count
        # the matching kennisbank items in the database (a subquery, not a
        # list of ids). Pages outside the kennisbank have no facets: they drop
        # out as soon as a facet is chosen.
        pages = Page.objects.live().public()
        facet_base = items.filter(pk__in=_matching(pages, query))
        if any(filters.values()):
            pages = pages.filter(pk__in=_filtered(facet_base, filters).values("pk"))
        hits: Any = pages.only("pk").search(query)
    else:
        facet_base = items
        hits = (
            _filtered(items, filters)
            .order_by("-publication_date", "-pk")
            .values_list("pk", flat=True)
            .distinct()
        )

    facets = _facet_counts(facet_base, filters)
    paginator = Paginator(hits, per_page)
    page = paginator.get_page(page_number)
    ids = [getattr(hit, "pk", hit) for hit in page.object_list]
    results = _results_for(ids, query=query)
    return SearchOutcome(
        query=query,
        filters=filters,
        total=paginator.count,
        page=page,
        results=results,
        facets=facets,
    )


def _results_for(ids: Sequence[int], *, query: str) -> list[SearchResult]:
    """One page of results: two queries whatever the page size."""
    if not ids:
        return []
    pages = {
        p.pk: p
        for p in Page.objects.filter(pk__in=ids).select_related(
            "knowledgeitempage", "themepage", "praatplaatpage"
        )
    }
    rows = []
    for pk in ids:
        page = pages.get(pk)
        if page is None:
            continue
        item = getattr(page, "knowledgeitempage", None)
        if item is not None:
            text = item.summary
            type_label = item.type_label
            day = item.publication_date
        else:
            theme = getattr(page, "themepage", None)
            plate = getattr(page, "praatplaatpage", None)
            text = (
                theme.intro
                if theme
                else plate.intro
                if plate
                else page.search_description
            )
            type_label = "thema" if theme else "praatplaat" if plate else "pagina"
            day = None
        rows.append((page, type_label, day, text or ""))
    snippets = highlight_many([text for *_rest, text in rows], query=query)
    return [
        SearchResult(page=page, type_label=label, date=day, snippet=snippet)
        for (page, label, day, _text), snippet in zip(rows, snippets, strict=True)
    ]


_START, _STOP = "\x02", "\x03"


def highlight_many(texts: Sequence[str], *, query: str) -> list[SafeString]:
    """Each text, shortened, with the words that match ``query`` in <mark>.

    On PostgreSQL the database marks the words with the Dutch dictionary (so
    'samenwerken' marks 'samenwerking'), all texts in one query.
    """
    if not query or not texts:
        return [escape(_shorten(text)) for text in texts]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ts_headline('dutch', t, websearch_to_tsquery('dutch', %s), "
                "%s) FROM unnest(%s::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n",
                [
                    query,
                    f"StartSel={_START}, StopSel={_STOP}, MaxWords=40, MinWords=20",
                    list(texts),
                ],
            )
            marked = [row[0] or "" for row in cursor.fetchall()]
    else:
        marked = [_mark_prefixes(text, query) for text in texts]
    return [_to_html(text) for text in marked]


def _mark_prefixes(text: str, query: str) -> str:
    """A database-free fallback: mark words that share a stem-like prefix."""
    stems = [w.lower()[: max(4, len(w) - 3)] for w in re.findall(r"\w+", query)]
    stems = [s for s in stems if len(s) >= 3]

    def mark(match: re.Match[str]) -> str:
        word = match.group(0)
        if any(word.lower().startswith(stem) for stem in stems):
            return f"{_START}{word}{_STOP}"
        return word

    return re.sub(r"\w+", mark, _shorten(text))


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _to_html(text: str) -> SafeString:
    html = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    # Escaped above; only our own <mark> tags are added.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
