"""The praatplaat: each bouwsteen with the knowledge and events behind it, and
a team's own filled-in plate."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, Value

from knowledge.models import (
    ItemType,
    KnowledgeItemPage,
    PraatplaatFilling,
    PraatplaatHotspot,
    PraatplaatPage,
)
from network.models import Event
from network.selectors.events import event_list
from portal.models import User


@dataclass
class Bouwsteen:
    hotspot: PraatplaatHotspot
    publications: list[KnowledgeItemPage]
    tools: list[KnowledgeItemPage]
    werkzame_elementen: list[KnowledgeItemPage]
    events: list[Event]


def praatplaat_bouwstenen(*, page: PraatplaatPage) -> list[Bouwsteen]:
    """Each hotspot with its curated content, grouped by kind.

    Editors curate links per hotspot; when they have not, the items tagged
    with the hotspot's bouwopgave (and venster) are shown. Three queries in all.
    """
    hotspots = list(
        page.hotspots.select_related("bouwopgave", "venster").order_by("sort_order")
    )
    curated_ids: dict[int, list[int]] = {}
    for hotspot in hotspots:
        curated_ids[hotspot.pk] = [
            block.value.pk for block in hotspot.links if block.value is not None
        ]
    bouwopgave_ids = {h.bouwopgave_id for h in hotspots if h.bouwopgave_id}
    curated = {pk for ids in curated_ids.values() for pk in ids}
    items = list(
        KnowledgeItemPage.objects.live()
        .public()
        .filter(Q(pk__in=curated) | Q(bouwopgaven__in=bouwopgave_ids))
        .distinct()
    )
    by_id = {item.pk: item for item in items}
    tagged = _item_terms(by_id)
    bouwstenen = []
    per_kind = 4
    events_by_bouwopgave = _upcoming_events_by_bouwopgave(hotspots)
    for hotspot in hotspots:
        chosen = [by_id[pk] for pk in curated_ids[hotspot.pk] if pk in by_id]
        if not chosen and hotspot.bouwopgave_id:
            chosen = [
                item
                for item in sorted(
                    by_id.values(), key=lambda i: i.publication_date, reverse=True
                )
                if hotspot.bouwopgave_id in tagged[item.pk][0]
                and (not hotspot.venster_id or hotspot.venster_id in tagged[item.pk][1])
            ]
        tools = [i for i in chosen if i.item_type == ItemType.INSTRUMENT]
        elements = [i for i in chosen if i.item_type == ItemType.WERKZAAM_ELEMENT]
        publications = [i for i in chosen if i not in tools and i not in elements]
        bouwstenen.append(
            Bouwsteen(
                hotspot=hotspot,
                publications=publications[:per_kind],
                tools=tools[:per_kind],
                werkzame_elementen=elements[:per_kind],
                events=events_by_bouwopgave.get(hotspot.bouwopgave_id, []),
            )
        )
    return bouwstenen


def _item_terms(
    by_id: Mapping[int, KnowledgeItemPage],
) -> dict[int, tuple[set[int], set[int]]]:
    """The bouwopgaven (0) and vensters (1) of each item, in one query."""
    terms: dict[int, tuple[set[int], set[int]]] = {pk: (set(), set()) for pk in by_id}
    through_b = KnowledgeItemPage.bouwopgaven.through
    through_v = KnowledgeItemPage.vensters.through
    rows = (
        through_b.objects.filter(knowledgeitempage_id__in=list(by_id))
        .order_by()
        .annotate(kind=Value(0), term_id=F("bouwopgave_id"))
        .values_list("kind", "knowledgeitempage_id", "term_id")
        .union(
            through_v.objects.filter(knowledgeitempage_id__in=list(by_id))
            .order_by()
            .annotate(kind=Value(1), term_id=F("venster_id"))
            .values_list("kind", "knowledgeitempage_id", "term_id"),
            all=True,
        )
    )
    for kind, item_id, term_id in rows:
        terms[item_id][kind].add(term_id)
    return terms


def _upcoming_events_by_bouwopgave(
    hotspots: Iterable[PraatplaatHotspot], *, per_bouwsteen: int = 3
) -> dict[int, list[Event]]:
    """Upcoming events of the leernetwerk per bouwopgave snippet id, in one
    query: events carry the bouwopgave's number (``portal.taxonomy``), which
    the kennisbank's snippets share."""
    numbers = {h.bouwopgave.number: h.bouwopgave.pk for h in hotspots if h.bouwopgave}
    if not numbers:
        return {}
    events = (
        event_list()
        .filter(
            status=Event.Status.SCHEDULED,
            bouwopgave_links__bouwopgave__in=list(numbers),
        )
        .distinct()
    )
    grouped: dict[int, list[Event]] = {}
    for event in events:
        for link in event.bouwopgave_links.all():
            snippet_id = numbers.get(link.bouwopgave)
            if snippet_id and len(grouped.setdefault(snippet_id, [])) < per_bouwsteen:
                grouped[snippet_id].append(event)
    return grouped


def praatplaat_filling_get(
    *, page: PraatplaatPage, user: User
) -> PraatplaatFilling | None:
    """The user's filled-in praatplaat with its answers, or None."""
    return (
        PraatplaatFilling.objects.filter(page=page, owner=user)
        .prefetch_related(Prefetch("answers"))
        .first()
    )


def praatplaat_page_get() -> PraatplaatPage | None:
    """The site's live praatplaat, or None when it has none."""
    return PraatplaatPage.objects.live().first()


def praatplaat_hotspot_list(*, page: PraatplaatPage) -> list[PraatplaatHotspot]:
    """The bouwstenen of the plate, in the editors' order."""
    return list(page.hotspots.order_by("sort_order"))


def praatplaat_print_rows(
    *, page: PraatplaatPage, filling: PraatplaatFilling
) -> list[tuple[PraatplaatHotspot, str]]:
    """Each bouwsteen with the team's answer (empty when it gave none)."""
    answers = {a.hotspot_id: a.text for a in filling.answers.all()}
    return [
        (hotspot, answers.get(hotspot.pk, ""))
        for hotspot in praatplaat_hotspot_list(page=page)
    ]
