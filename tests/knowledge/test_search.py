"""Search at /zoeken/ and the kennisbank's facets: what a visitor notices."""

from datetime import date

import pytest
from django.db import connection

from knowledge.models import ItemType
from knowledge.selectors.search import facet_filters_from_querydict, knowledge_search

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"


def result_titles(response) -> list[str]:
    return [r.page.title for r in response.context["search"].results]


def test_search_finds_dutch_word_forms(client, make_publication):
    make_publication(
        title="Samenwerking tussen wijkteam en klantmanager",
        summary="Over de gemeente en haar sociale dienst.",
    )
    make_publication(title="Iets heel anders", summary="Over vrijwilligerswerk.")

    exact = client.get("/zoeken/", {"q": "samenwerking"})
    assert result_titles(exact) == ["Samenwerking tussen wijkteam en klantmanager"]

    if ON_POSTGRES:
        # The 'dutch' text search configuration stems both sides.
        verb = client.get("/zoeken/", {"q": "samenwerken"})
        assert result_titles(verb) == ["Samenwerking tussen wijkteam en klantmanager"]
        plural = client.get("/zoeken/", {"q": "gemeenten"})
        assert result_titles(plural) == ["Samenwerking tussen wijkteam en klantmanager"]


def test_results_show_type_date_and_a_highlighted_snippet(client, make_publication):
    make_publication(
        title="Regie in Houten",
        summary="Een vaste regisseur helpt de samenwerking tussen domeinen.",
        item_type=ItemType.HANDREIKING,
    )

    html = client.get("/zoeken/", {"q": "samenwerking"}).content.decode()

    assert "Handreiking" in html
    assert '<time datetime="2022-05-01">1 mei 2022</time>' in html
    assert "<mark>samenwerking</mark>" in html
    assert "1 resultaat voor \u2018samenwerking\u2019" in html


def test_search_escapes_what_the_visitor_typed(client, make_publication):
    make_publication(title="Samenwerking", summary="Samenwerking <b>vet</b>")

    typed = client.get("/zoeken/", {"q": "<script>x"}).content.decode()
    found = client.get("/zoeken/", {"q": "samenwerking"}).content.decode()

    assert "<script>x" not in typed
    assert "&lt;script&gt;x" in typed
    assert "<b>vet</b>" not in found
    assert "vet" in found


def test_facet_counts_follow_the_results(make_publication):
    make_publication(item_type=ItemType.FACTSHEET, bouwopgaven=[1, 2], vensters=[1])
    make_publication(item_type=ItemType.FACTSHEET, bouwopgaven=[2], vensters=[2])
    make_publication(item_type=ItemType.ARTIKEL, bouwopgaven=[2], vensters=[1])
    make_publication(item_type=ItemType.ARTIKEL, live=False, bouwopgaven=[2])

    outcome = knowledge_search(query="", filters={})
    facets = {f.param: {o.value: o.count for o in f.options} for f in outcome.facets}

    assert outcome.total == 3  # the draft is not counted
    assert facets["soort"] == {"factsheet": 2, "artikel": 1}
    assert facets["bouwopgave"] == {
        "integraal-werken-als-een-doorlopend-bouwproces": 1,
        "niet-over-maar-met-de-inwoner": 3,
    }
    assert facets["venster"] == {"de-inwoner": 2, "de-professional": 1}
    assert facets["jaar"] == {"2022": 3}


def test_facets_combine_and_other_values_keep_their_counts(make_publication):
    make_publication(item_type=ItemType.FACTSHEET, vensters=[1])
    make_publication(item_type=ItemType.FACTSHEET, vensters=[2])
    make_publication(item_type=ItemType.ARTIKEL, vensters=[1])

    outcome = knowledge_search(
        query="", filters={"soort": ["factsheet"], "venster": ["de-inwoner"]}
    )
    facets = {f.param: {o.value: o.count for o in f.options} for f in outcome.facets}

    assert outcome.total == 1
    # Counted with the other facet applied, so a second type stays choosable.
    assert facets["soort"] == {"factsheet": 1, "artikel": 1}
    assert facets["venster"] == {"de-inwoner": 1, "de-professional": 1}


def test_a_search_counts_facets_over_its_matches_only(make_publication):
    make_publication(
        summary="Schuldhulp in de wijk.", item_type=ItemType.FACTSHEET, vensters=[1]
    )
    make_publication(
        summary="Schuldhulp bij de klantmanager.",
        item_type=ItemType.ARTIKEL,
        vensters=[1, 2],
        publication_date=date(2021, 3, 1),
    )
    make_publication(summary="Over dagbesteding.", item_type=ItemType.FACTSHEET)
    make_publication(summary="Schuldhulp, nog niet af.", live=False, vensters=[2])

    outcome = knowledge_search(query="schuldhulp", filters={})
    facets = {f.param: {o.value: o.count for o in f.options} for f in outcome.facets}

    assert outcome.total == 2
    assert facets["soort"] == {"factsheet": 1, "artikel": 1}
    assert facets["venster"] == {"de-inwoner": 2, "de-professional": 1}
    assert facets["jaar"] == {"2022": 1, "2021": 1}

    narrowed = knowledge_search(
        query="schuldhulp", filters={"venster": ["de-professional"]}
    )
    facets = {f.param: {o.value: o.count for o in f.options} for f in narrowed.facets}

    assert [r.page.title for r in narrowed.results] == [
        r.page.title for r in outcome.results if r.type_label == "artikel"
    ]
    # The chosen facet keeps the counts of its other values; the other facets
    # count only what the choice leaves.
    assert facets["venster"] == {"de-inwoner": 2, "de-professional": 1}
    assert facets["soort"] == {"artikel": 1}
    assert facets["jaar"] == {"2021": 1}


def test_a_title_match_ranks_first_on_every_page_of_results(make_publication):
    for n in range(12):
        make_publication(title=f"Verslag {n}", summary="Over re-integratie en werk.")
    make_publication(title="Re-integratie", summary="Een handreiking.")

    first = knowledge_search(query="re-integratie", filters={}, per_page=5)
    pages = [
        knowledge_search(query="re-integratie", filters={}, page_number=n, per_page=5)
        for n in (1, 2, 3)
    ]
    titles = [r.page.title for outcome in pages for r in outcome.results]

    assert first.total == 13
    assert titles[0] == "Re-integratie"
    assert sorted(titles) == sorted(
        ["Re-integratie", *(f"Verslag {n}" for n in range(12))]
    )


def test_filters_are_a_shareable_address_that_works_without_javascript(
    client, make_publication
):
    make_publication(title="Over de inwoner", vensters=[1], summary="Meedoen.")
    make_publication(title="Over de professional", vensters=[2], summary="Meedoen.")

    response = client.get("/kennisbank/?venster=de-inwoner")
    html = response.content.decode()

    assert result_titles(response) == ["Over de inwoner"]
    assert (
        '<input type="checkbox" name="venster" value="de-inwoner" '
        'id="f-venster-de-inwoner" checked>'
    ) in html
    assert (
        '<button type="submit" class="utrecht-button utrecht-button--primary-action">'
        "Filters toepassen</button>"
    ) in html
    search = client.get("/zoeken/?q=meedoen&venster=de-professional")
    assert result_titles(search) == ["Over de professional"]


def test_unknown_or_malformed_filters_are_ignored():
    from django.http import QueryDict

    filters = facet_filters_from_querydict(
        QueryDict("jaar=twintig&jaar=2021&soort=&venster=de-inwoner&x=1")
    )

    assert filters == {"jaar": ["2021"], "venster": ["de-inwoner"]}


def test_index_pages_through_many_items(client, make_publication):
    for n in range(14):
        make_publication(title=f"Verhaal {n:02d}")

    first = client.get("/kennisbank/")
    second = client.get("/kennisbank/", {"pagina": 2})

    assert len(first.context["search"].results) == 12
    assert len(second.context["search"].results) == 2
    assert "Pagina 2 van 2" in second.content.decode()


# Fewer rows than a page, and three dozen beyond a page (12 on the index,
# 10 in search): the number of queries must not follow the number of rows.
@pytest.mark.parametrize("rows", [10, 48])
def test_index_query_count_does_not_grow_with_the_results(
    client, make_publication, django_assert_max_num_queries, rows
):
    for n in range(rows):
        make_publication(
            bouwopgaven=sorted({2, 1 + n % 5}), vensters=[1 + n % 4], domains=[1]
        )

    with django_assert_max_num_queries(25):
        response = client.get("/kennisbank/?bouwopgave=niet-over-maar-met-de-inwoner")

    assert response.status_code == 200
    assert response.context["search"].total == rows


@pytest.mark.parametrize("rows", [10, 48])
def test_search_query_count_does_not_grow_with_the_results(
    client, make_publication, django_assert_max_num_queries, rows
):
    for n in range(rows):
        make_publication(summary="Samenwerking in de wijk.", bouwopgaven=[1 + n % 5])

    with django_assert_max_num_queries(25):
        response = client.get("/zoeken/", {"q": "samenwerking", "jaar": "2022"})

    assert response.context["search"].total == rows


def _checkbox(param: str, value: str) -> str:
    return (
        f'<input type="checkbox" name="{param}" value="{value}" '
        f'id="f-{param}-{value}" checked>'
    )


def test_chosen_filters_without_results_stay_visible_and_ticked(
    client, make_publication
):
    make_publication(title="Verhaal uit 2022", item_type=ItemType.PRAKTIJKVERHAAL)

    response = client.get("/zoeken/?soort=instrument&jaar=1999")

    html = response.content.decode()
    assert response.status_code == 200
    assert result_titles(response) == []
    assert "Niets gevonden." in html
    assert _checkbox("soort", "instrument") in html
    assert _checkbox("jaar", "1999") in html
    assert "Alle filters wissen" in html


def test_a_year_in_other_digits_is_ignored(client, make_publication):
    make_publication(title="Verhaal uit 2022")

    response = client.get("/zoeken/", {"jaar": "²⁰²²"})

    assert response.status_code == 200
    assert result_titles(response) == ["Verhaal uit 2022"]
    assert response.context["search"].filters == {}


def test_an_unknown_type_is_ignored(client, make_publication):
    make_publication(title="Verhaal uit 2022")

    response = client.get("/zoeken/?soort=onbekend")

    assert response.status_code == 200
    assert result_titles(response) == ["Verhaal uit 2022"]
    assert 'value="onbekend"' not in response.content.decode()


def test_a_nul_character_in_the_search_words_is_dropped(client, make_publication):
    make_publication(title="Samenwerking in de wijk", summary="Samenwerking.")

    response = client.get("/zoeken/?q=samenwerking%00")
    only_nul = client.get("/zoeken/?q=%00&venster=%00")

    assert response.status_code == 200
    assert result_titles(response) == ["Samenwerking in de wijk"]
    assert "voor \u2018samenwerking\u2019" in response.content.decode()
    assert only_nul.status_code == 200
    assert result_titles(only_nul) == ["Samenwerking in de wijk"]


def test_an_editors_preview_of_the_kennisbank_lists_its_items(
    kennisbank, make_publication
):
    make_publication(title="Verhaal in de voorvertoning", vensters=[1])

    response = kennisbank.make_preview_request()

    html = response.content.decode()
    assert response.status_code == 200
    assert "Verhaal in de voorvertoning" in html
    assert 'name="venster" value="de-inwoner"' in html
