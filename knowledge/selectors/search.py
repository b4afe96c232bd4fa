"""Search of the kennisbank, and its item list with facets.

Search uses PostgreSQL full text with the "dutch" configuration (so word
forms match), on the site search's own table ``knowledge.SearchDocument``:
one narrow row per live page with its stored vector and its facets, kept by
triggers. A search costs two statements over that table whatever the number
of hits: every facet count in one grouped pass, and the requested page of
ranked ids. Nothing the size of the hits leaves the database.

On SQLite (the quick test run) search goes through Wagtail's database
backend instead: the ranked ids of every match, then the facets over them.
"""

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    Lookup,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, ExtractYear
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search.backends.database.postgres.weights import get_sql_weights

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


# The taxonomy facets: (parameter, relation on the item, its model).
_TERM_FACETS = (
    ("bouwopgave", "bouwopgaven", Bouwopgave),
    ("venster", "vensters", Venster),
    ("domein", "domains", ParticipatiewielDomain),
)


def _facet_rows(
    base: QuerySet[KnowledgeItemPage],
    filters: FacetFilters,
    matched: list[int] | None = None,
) -> list[tuple[str, str, str, int, int]]:
    """Every facet's counts in one query: a UNION ALL of one grouped count per
    facet, as rows of (facet, value, term name, term number, count).

    Each part counts in the table that holds the facet (the items, or the
    link table of a term), so no join repeats an item and no count has to be
    distinct. A facet that no other facet's filter narrows counts straight
    over ``matched`` (the ids a search found) when there are any."""

    def narrowed(param: str) -> bool:
        return any(values for other, values in filters.items() if other != param)

    def scope(param: str) -> QuerySet[Any]:
        return _filtered(base, filters, skip=param).order_by().values("pk")

    def grouped(
        param: str, rows: QuerySet[Any], value: Any, name: Any, number: Any
    ) -> QuerySet[Any]:
        return (
            rows.order_by()
            .annotate(
                f_param=Value(param, output_field=CharField()),
                f_value=Cast(value, CharField()),
                f_name=name,
                f_number=number,
            )
            .values("f_param", "f_value", "f_name", "f_number")
            .annotate(n=Count("*"))
            .values_list("f_param", "f_value", "f_name", "f_number", "n")
        )

    def items(param: str) -> QuerySet[KnowledgeItemPage]:
        if matched is not None and not narrowed(param):
            return _among(KnowledgeItemPage.objects.all(), "pk", matched)
        return KnowledgeItemPage.objects.filter(pk__in=scope(param))

    def links(param: str, relation: str) -> tuple[QuerySet[Any], str]:
        field: Any = KnowledgeItemPage._meta.get_field(relation)
        through = field.remote_field.through
        item, term = field.m2m_field_name(), field.m2m_reverse_field_name()
        if matched is not None and not narrowed(param):
            return _among(through.objects.all(), f"{item}_id", matched), term
        return through.objects.filter(**{f"{item}__in": scope(param)}), term

    no_name = Value("", output_field=CharField())
    no_number = Value(0, output_field=IntegerField())
    parts = [grouped("soort", items("soort"), F("item_type"), no_name, no_number)]
    for param, relation, _model in _TERM_FACETS:
        rows, term = links(param, relation)
        parts.append(
            grouped(
                param,
                rows,
                F(f"{term}__slug"),
                F(f"{term}__name"),
                F(f"{term}__number"),
            )
        )
    parts.append(
        grouped(
            "jaar",
            items("jaar"),
            ExtractYear("publication_date"),
            no_name,
            no_number,
        )
    )
    first, *others = parts
    return list(first.union(*others, all=True))


def _facet_counts(
    base: QuerySet[KnowledgeItemPage],
    filters: FacetFilters,
    matched: list[int] | None = None,
) -> list[Facet]:
    """Counts per facet value. Each facet is counted with the filters of the
    other facets applied, so that choosing a second value stays possible
    (values within one facet combine with OR, facets with AND)."""
    return _facets_of(_facet_rows(base, filters, matched), filters)


def _facets_of(
    rows: Sequence[tuple[str, str, str, int, int]], filters: FacetFilters
) -> list[Facet]:
    """The facets from rows of (facet, value, term name, term number,
    count), with the chosen values marked."""
    chosen = {param: set(values) for param, values in filters.items()}
    counts: dict[str, dict[str, int]] = {}
    terms: dict[str, dict[str, tuple[int, str]]] = {}
    for param, value, name, number, n in rows:
        if value is None:
            continue
        counts.setdefault(param, {})[value] = n
        terms.setdefault(param, {})[value] = (number, name)

    facets: list[Facet] = []
    type_counts = counts.get("soort", {})
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
    for param, _relation, model in _TERM_FACETS:
        term_counts = counts.get(param, {})
        shown = dict(terms.get(param, {}))
        # A chosen term that no item has any more stays visible (and can be
        # unticked) at 0; only then are term names read apart.
        missing = chosen.get(param, set()) - set(shown)
        if missing:
            for slug, number, name in model.objects.filter(
                slug__in=missing
            ).values_list("slug", "number", "name"):
                shown[slug] = (number, name)
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
                    for slug, (number, name) in sorted(
                        shown.items(), key=lambda item: item[1]
                    )
                ],
            )
        )
    year_counts = counts.get("jaar", {})
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


def _ranked_ids(pages: PageQuerySet, query: str) -> list[int]:
    """The ids of ``pages`` that match ``query``, best first, in one query:
    the ranking of Wagtail's search backend, without reading the pages.
    The count, the facets and the page of results all come from this list,
    so a search runs its full-text match once."""
    results: Any = pages.search(query)
    return list(results.get_queryset().values_list("pk", flat=True))


def _among(qs: QuerySet[Any], field: str, ids: list[int]) -> QuerySet[Any]:
    """``qs`` narrowed to rows whose ``field`` is one of ``ids``; on
    PostgreSQL as one array parameter, so that tens of thousands of ids make
    one short statement."""
    if connection.vendor != "postgresql":
        return qs.filter(**{f"{field}__in": ids})
    return qs.filter(_AnyOf(F(field), ids))


class _AnyOf(Lookup):
    """``column = ANY(%s)`` with a list as one array parameter (PostgreSQL)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(self.rhs))


# The taxonomy facets' columns in knowledge_searchdocument, and their SQL
# array types.
_DOCUMENT_TERMS = {
    "bouwopgave": ("bouwopgaven", "bigint[]"),
    "venster": ("vensters", "bigint[]"),
    "domein": ("domains", "bigint[]"),
}
# A facet's column, in the order of the grouping sets below.
_DOCUMENT_COLUMNS = {
    "soort": "item_type",
    "jaar": "year",
    **{param: column for param, (column, _type) in _DOCUMENT_TERMS.items()},
}


def tsquery_text(query: str) -> str:
    """``query`` as Wagtail's database backend words it for ``to_tsquery``:
    the words (split at spaces and hyphens), each quoted as one lexeme, all
    required."""
    words = [word for word in re.split(r"[\s\-]+", query) if word]
    quoted = ("'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words)
    return " & ".join(quoted)


class _DocumentSearch:
    """One search over ``knowledge_searchdocument`` (PostgreSQL): the facet
    counts in one grouped pass over the hits, and, for the paginator, the
    number of hits and any slice of them best first (one statement each)."""

    def __init__(self, query: str, filters: FacetFilters) -> None:
        if connection.in_atomic_block:
            # Pages this transaction wrote are refreshed when it commits;
            # a search inside it sees them now (migration knowledge/0005).
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS knowledge_search_flush IMMEDIATE")
        self.filters = filters
        config = settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]
        tsquery = "to_tsquery(%s::regconfig, %s)"
        tsquery_params = [config, tsquery_text(query)]
        self.tsquery = (tsquery, tsquery_params)
        self.terms = _taxonomy_terms()
        # Pages under a view restriction are not public, as Wagtail's
        # PageQuerySet.public() has it.
        restricted = [
            f"{path}%"
            for path in PageViewRestriction.objects.values_list("page__path", flat=True)
        ]
        where = [f"document @@ {tsquery}"]
        self.where_params: list[Any] = list(tsquery_params)
        if restricted:
            where.append("NOT (path LIKE ANY(%s))")
            self.where_params.append(restricted)
        self.where = " AND ".join(where)
        self._total: int | None = None

    def _condition(self, skip: str = "") -> tuple[str, list[Any]]:
        """SQL that keeps the rows every chosen facet value allows (values
        of one facet with OR, facets with AND), leaving out facet ``skip``."""
        parts: list[str] = []
        params: list[Any] = []
        for param, values in self.filters.items():
            if param == skip or not values:
                continue
            if param in _DOCUMENT_TERMS:
                column, array_type = _DOCUMENT_TERMS[param]
                ids = [
                    self.terms.ids[param][v]
                    for v in values
                    if v in self.terms.ids[param]
                ]
                parts.append(f"{column} && %s::{array_type}")
                params.append(ids)
            elif param == "jaar":
                parts.append("year = ANY(%s::smallint[])")
                params.append([int(v) for v in values])
            else:
                parts.append("item_type = ANY(%s::text[])")
                params.append(values)
        return (" AND ".join(parts) or "TRUE"), params

    def facet_rows(self) -> list[tuple[str, str, str, int, int]]:
        """Rows of (facet, value, term name, term number, count) for every
        facet, each counted with the other facets' choices applied; the
        number of hits with every choice applied is kept for ``count``."""
        columns = list(_DOCUMENT_COLUMNS.values())
        counted: list[str] = []
        params: list[Any] = []
        for param in ["", *_DOCUMENT_COLUMNS]:
            condition, condition_params = self._condition(skip=param)
            counted.append(f"count(*) FILTER (WHERE {condition})")
            params += condition_params
        # The SQL is made of this module's constants only; every value is a
        # parameter.
        sql = (
            f"SELECT GROUPING({', '.join(columns)}), {', '.join(columns)}, "  # noqa: S608  # nosec B608
            f"{', '.join(counted)} FROM knowledge_searchdocument "
            f"WHERE {self.where} "
            f"GROUP BY GROUPING SETS ({', '.join(f'({c})' for c in columns)}, ())"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + self.where_params)
            fetched = cursor.fetchall()
        # GROUPING() has a bit per column, set where the row is not grouped
        # by it: the row of one facet's set has every other bit set.
        width = len(columns)
        everything = 2**width - 1
        set_of = {
            everything ^ (1 << (width - 1 - i)): (i, param)
            for i, param in enumerate(_DOCUMENT_COLUMNS)
        }
        # A term's count is the sum over the sets of terms that hold it.
        summed: Counter[tuple[str, str, str, int]] = Counter()
        for grouping, *values in fetched:
            keys, (all_chosen, *per_facet) = values[:width], values[width:]
            if grouping == everything:
                self._total = all_chosen
                continue
            index, param = set_of[grouping]
            key, n = keys[index], per_facet[index]
            if not n:
                continue
            if param in _DOCUMENT_TERMS:
                # A term deleted since the terms were read has no row.
                known = self.terms.by_id[param]
                for slug, number, name in (known[t] for t in key if t in known):
                    summed[(param, slug, name, number)] += n
            elif key not in (None, ""):
                summed[(param, str(key), "", 0)] += n
        return [(*key, n) for key, n in summed.items()]

    def count(self) -> int:
        if self._total is None:
            self.facet_rows()
        return self._total or 0

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[int]:
        """The ids of the hits in ``window``, best first: ``ts_rank`` with
        the weights of Wagtail's index over title and body together, then
        the newest page. (Wagtail's backend ranks title and body apart and
        scales the title by its length, so the order can differ a little.)"""
        start, stop = window.start or 0, window.stop
        condition, condition_params = self._condition()
        tsquery, tsquery_params = self.tsquery
        with connection.cursor() as cursor:
            # Constants of this module only; every value is a parameter.
            cursor.execute(
                f"SELECT page_id FROM knowledge_searchdocument "  # noqa: S608  # nosec B608
                f"WHERE {self.where} AND {condition} "
                f"ORDER BY ts_rank(%s::real[], document, {tsquery}) DESC, "
                "page_id DESC LIMIT %s OFFSET %s",
                [
                    *self.where_params,
                    *condition_params,
                    get_sql_weights(),
                    *tsquery_params,
                    None if stop is None else stop - start,
                    start,
                ],
            )
            return [row[0] for row in cursor.fetchall()]


@dataclass
class _Terms:
    ids: dict[str, dict[str, int]]
    by_id: dict[str, dict[int, tuple[str, int, str]]]


def _taxonomy_terms() -> _Terms:
    """Every term of the three taxonomy facets, in one query."""
    parts = [
        model.objects.annotate(
            f_param=Value(param, output_field=CharField()),
        ).values_list("f_param", "pk", "slug", "number", "name")
        for param, _relation, model in _TERM_FACETS
    ]
    first, *others = parts
    ids: dict[str, dict[str, int]] = {param: {} for param in _DOCUMENT_TERMS}
    by_id: dict[str, dict[int, tuple[str, int, str]]] = {p: {} for p in _DOCUMENT_TERMS}
    for param, pk, slug, number, name in first.union(*others, all=True):
        ids[param][slug] = pk
        by_id[param][pk] = (slug, number, name)
    return _Terms(ids=ids, by_id=by_id)


def _search_documents(query: str, filters: FacetFilters) -> tuple[Any, list[Facet]]:
    """The hits, best first, and the facets, from the site search's own
    table (PostgreSQL). Pages outside the kennisbank have no facets: they
    drop out as soon as a facet is chosen."""
    search = _DocumentSearch(query, filters)
    return search, _facets_of(search.facet_rows(), filters)


def _search_wagtail(query: str, filters: FacetFilters) -> tuple[Any, list[Facet]]:
    """The same through Wagtail's search backend (SQLite): one full-text
    query ranks the ids of every live, public page that matches; the count,
    the facets (over the kennisbank items among them) and the requested page
    of results all come from that list."""
    matched = _ranked_ids(Page.objects.live().public(), query)
    facet_base = _among(KnowledgeItemPage.objects.all(), "pk", matched)
    hits: list[int] = matched
    if any(filters.values()):
        kept = set(_filtered(facet_base, filters).values_list("pk", flat=True))
        hits = [pk for pk in matched if pk in kept]
    return hits, _facet_counts(facet_base, filters, matched)


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

    hits: Any
    if query:
        search = (
            _search_documents if connection.vendor == "postgresql" else _search_wagtail
        )
        hits, facets = search(query, filters)
    else:
        # Without a query the listing reads its page of results itself (the
        # items as a subquery: a facet on a many-to-many relation would
        # repeat rows in a join).
        hits = (
            Page.objects.filter(pk__in=_filtered(items, filters).values("pk"))
            .select_related(*_RESULT_RELATIONS)
            .order_by("-knowledgeitempage__publication_date", "-pk")
        )
        facets = _facet_counts(items, filters)

    paginator = Paginator(hits, per_page)
    page = paginator.get_page(page_number)
    if query:
        results = _results_for(list(page.object_list), query=query)
    else:
        results = _results_of(list(page.object_list), query=query)
    return SearchOutcome(
        query=query,
        filters=filters,
        total=paginator.count,
        page=page,
        results=results,
        facets=facets,
    )


_RESULT_RELATIONS = ("knowledgeitempage", "themepage", "praatplaatpage")


def _results_for(ids: Sequence[int], *, query: str) -> list[SearchResult]:
    """One page of results, in the order of ``ids``: one query whatever the
    page size."""
    if not ids:
        return []
    pages = {
        p.pk: p
        for p in Page.objects.live()
        .filter(pk__in=ids)
        .select_related(*_RESULT_RELATIONS)
    }
    return _results_of([pages[pk] for pk in ids if pk in pages], query=query)


def _results_of(pages: Sequence[Page], *, query: str) -> list[SearchResult]:
    """Results for pages read with ``_RESULT_RELATIONS``."""
    rows = []
    for page in pages:
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
