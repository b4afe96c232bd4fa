"""The site search's own table (PostgreSQL): what a visitor finds follows
every publish, edit, unpublish, move and delete at once, and it gives the
same hits and facet counts as a search through Wagtail's backend."""

import threading
from datetime import date
from itertools import product

import psycopg
import pytest
from django.db import connection, transaction
from wagtail.models import PageViewRestriction

from knowledge.models import (
    Bouwopgave,
    ItemType,
    KnowledgeIndexPage,
    ParticipatiewielDomain,
    SearchDocument,
)
from knowledge.selectors.search import (
    _search_documents,
    _search_wagtail,
    knowledge_search,
)
from portal.models import HomePage
from tests.knowledge.factories import publication_create

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def found(query: str, **filters: list[str]) -> list[str]:
    outcome = knowledge_search(query=query, filters=filters, per_page=50)
    assert outcome.total == len(outcome.results)
    return [result.page.title for result in outcome.results]


def bouwopgave_counts(query: str) -> dict[str, int]:
    outcome = knowledge_search(query=query, filters={})
    facet = next(f for f in outcome.facets if f.param == "bouwopgave")
    return {option.value: option.count for option in facet.options}


def slug(number: int) -> str:
    return Bouwopgave.objects.get(number=number).slug


def test_a_publication_is_found_from_its_publication_until_it_is_deleted(
    make_publication,
):
    page = make_publication(
        title="Loonkostensubsidie in Houten",
        summary="Wat werkgevers merken van loonkostensubsidie.",
        bouwopgaven=[1],
    )
    assert found("loonkostensubsidie") == ["Loonkostensubsidie in Houten"]
    assert bouwopgave_counts("loonkostensubsidie") == {slug(1): 1}

    # An editor moves it to another bouwopgave and renames it.
    page.title = "Loonkostensubsidie in Zeist"
    page.bouwopgaven.set(Bouwopgave.objects.filter(number=2))
    page.save_revision().publish()
    assert found("loonkostensubsidie") == ["Loonkostensubsidie in Zeist"]
    assert found("houten") == []
    assert bouwopgave_counts("loonkostensubsidie") == {slug(2): 1}

    page.unpublish()
    assert found("loonkostensubsidie") == []

    page.save_revision().publish()
    assert found("loonkostensubsidie") == ["Loonkostensubsidie in Zeist"]

    page_id = page.pk
    page.delete()
    assert found("loonkostensubsidie") == []
    assert not SearchDocument.objects.filter(page_id=page_id).exists()


def test_a_draft_change_is_not_searchable_before_it_is_published(make_publication):
    page = make_publication(title="Schuldhulp in Ede")

    page.title = "Schuldhulp in Wageningen"
    page.save_revision()

    assert found("ede") == ["Schuldhulp in Ede"]
    assert found("wageningen") == []


def closed_section(home: HomePage) -> KnowledgeIndexPage:
    section = KnowledgeIndexPage(title="Besloten", slug="besloten", intro="Intern.")
    home.add_child(instance=section)
    return section


def test_a_section_with_a_view_restriction_is_not_searched(home, make_publication):
    make_publication(title="Jobcoaching in Tiel")
    besloten = closed_section(home)
    publication_create(index=besloten, title="Jobcoaching in Buren")
    assert sorted(found("jobcoaching")) == [
        "Jobcoaching in Buren",
        "Jobcoaching in Tiel",
    ]

    restriction = PageViewRestriction.objects.create(
        page=besloten, restriction_type=PageViewRestriction.LOGIN
    )
    assert found("jobcoaching") == ["Jobcoaching in Tiel"]

    restriction.delete()
    assert sorted(found("jobcoaching")) == [
        "Jobcoaching in Buren",
        "Jobcoaching in Tiel",
    ]


def test_a_page_moved_under_a_restricted_section_is_no_longer_found(
    home, make_publication
):
    page = make_publication(title="Mantelzorg in Culemborg")
    besloten = closed_section(home)
    PageViewRestriction.objects.create(
        page=besloten, restriction_type=PageViewRestriction.LOGIN
    )
    assert found("mantelzorg") == ["Mantelzorg in Culemborg"]

    page.move(besloten, pos="last-child")

    assert found("mantelzorg") == []


def test_a_publication_that_was_rolled_back_is_not_found(make_publication):
    class Undone(Exception):
        pass

    @transaction.atomic
    def publish_then_fail() -> None:
        make_publication(title="Dagbesteding in Oss")
        assert found("dagbesteding") == ["Dagbesteding in Oss"]
        raise Undone

    with pytest.raises(Undone):
        publish_then_fail()

    assert found("dagbesteding") == []
    assert not SearchDocument.objects.exclude(item_type="").exists()


def test_every_statement_that_writes_the_index_updates_the_table(make_publication):
    # Bulk writes (the bench data, a rebuild of Wagtail's index) go past the
    # ORM's signals; the table follows them too.
    page = make_publication(title="Statushouders in Druten")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailsearch_indexentry SET body = to_tsvector('dutch', "
            "'inburgering en taal') WHERE object_id = %s",
            [str(page.pk)],
        )
    assert found("inburgering") == ["Statushouders in Druten"]

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM wagtailsearch_indexentry")
    assert found("statushouders") == []
    assert not SearchDocument.objects.exists()


@pytest.fixture
def varied_kennisbank(make_publication):
    """Publications over every facet, with words shared in different ways."""
    words = ["wijkteam", "werkgevers", "schulden", "wijkteam werkgevers"]
    types = [ItemType.PRAKTIJKVERHAAL, ItemType.HANDREIKING, ItemType.ONDERZOEKSRAPPORT]
    for n in range(18):
        make_publication(
            title=f"Publicatie {n} over {words[n % 4]}",
            summary=f"Samenwerking in de regio, deel {n}: {words[(n + 1) % 4]}.",
            item_type=types[n % 3],
            publication_date=date(2019 + n % 4, 3, 1),
            bouwopgaven=[1 + n % 5] + ([2] if n % 3 == 0 else []),
            vensters=[1 + n % 4],
            domains=[1 + n % 6, 1 + (n + 2) % 6],
        )


def test_the_table_gives_the_hits_and_counts_of_wagtails_backend(varied_kennisbank):
    bouwopgaven = [slug(1), slug(2)]
    domain = ParticipatiewielDomain.objects.get(number=3).slug
    choices = [
        {},
        {"bouwopgave": bouwopgaven[:1]},
        {"bouwopgave": bouwopgaven},
        {"soort": [ItemType.HANDREIKING.value], "jaar": ["2020", "2021"]},
        {"bouwopgave": bouwopgaven[1:], "venster": ["onbekend"]},
        {"jaar": ["2019"], "domein": [domain]},
    ]
    queries = ["wijkteam", "werkgevers", "samenwerking", "wijkteam werkgevers", "opera"]
    compared = 0
    for query, filters in product(queries, choices):
        hits, facets = _search_documents(query, filters)
        expected_hits, expected_facets = _search_wagtail(query, filters)

        assert len(hits) == len(expected_hits), (query, filters)
        assert sorted(hits[0 : len(hits)]) == sorted(expected_hits), (query, filters)
        assert facets == expected_facets, (query, filters)
        compared += bool(expected_hits)
    assert compared > 12  # most combinations find something


# --- Two transactions on the same page at once -----------------------------


def _session() -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
        # A statement that waits for a lock gives up instead of hanging.
        options="-c lock_timeout=20s",
    )


def _in_thread(work) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # reported by the test
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


SET_BODY = (
    "UPDATE wagtailsearch_indexentry SET body = to_tsvector('dutch', %s) "
    "WHERE object_id = %s"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_and_a_reindex_of_one_page_at_once_do_not_deadlock(
    make_publication,
):
    # An editor publishes (the page row first, then Wagtail's index) while
    # the background task that reads attached PDFs writes the same page's
    # index entry: their row locks come in opposite orders, and the search
    # table must not add a lock between them.
    page = make_publication(title="Wijkteam in Tiel")
    publish, reindex = _session(), _session()
    try:
        publish.execute(
            "UPDATE wagtailcore_page SET title = title WHERE id = %s", [page.pk]
        )
        reindex.execute(SET_BODY, ["schuldhulp uit de bijlage", str(page.pk)])
        thread, errors = _in_thread(
            lambda: (
                publish.execute(SET_BODY, ["jobcoaching na publicatie", str(page.pk)]),
                publish.commit(),
            )
        )
        thread.join(timeout=1)  # the publish waits for the re-index's row
        reindex.commit()
        thread.join(timeout=30)
    finally:
        publish.close()
        reindex.close()

    assert not thread.is_alive()
    assert errors == []
    assert found("jobcoaching") == ["Wijkteam in Tiel"]
    assert found("schuldhulp") == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_unpublished_while_its_index_entry_is_rewritten_is_not_found(
    make_publication,
):
    page = make_publication(title="Wijkteam in Buren", bouwopgaven=[1])
    unpublish, reindex = _session(), _session()
    try:
        unpublish.execute(
            "UPDATE wagtailcore_page SET live = false WHERE id = %s", [page.pk]
        )
        reindex.execute(SET_BODY, ["wijkteam en werkgevers", str(page.pk)])
        unpublish.commit()
        reindex.commit()
    finally:
        unpublish.close()
        reindex.close()

    assert found("wijkteam") == []
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bouwopgave_linked_while_the_index_entry_is_rewritten_is_counted(
    make_publication,
):
    page = make_publication(title="Wijkteam in Zoelen", bouwopgaven=[1])
    second = Bouwopgave.objects.get(number=2)
    link, reindex = _session(), _session()
    try:
        link.execute(
            "INSERT INTO knowledge_knowledgeitempage_bouwopgaven "
            "(knowledgeitempage_id, bouwopgave_id) VALUES (%s, %s)",
            [page.pk, second.pk],
        )
        reindex.execute(SET_BODY, ["wijkteam en werkgevers", str(page.pk)])
        thread, errors = _in_thread(reindex.commit)
        link.commit()
        thread.join(timeout=30)
    finally:
        link.close()
        reindex.close()

    assert errors == []
    assert bouwopgave_counts("werkgevers") == {slug(1): 1, slug(2): 1}
