"""Legal frameworks (Participatiewet, Wmo 2015, ...) as a way through the
kennisbank: a page per framework, linked from every page that shows one."""

from datetime import date

import pytest

from tests.knowledge.factories import (
    publication_create,
    tool_create,
    werkzaam_element_create,
)

pytestmark = pytest.mark.django_db

WMO = "/kennisbank/wettelijk-kader/wmo-2015/"


def test_the_framework_page_lists_its_items_newest_first_and_nothing_else(
    client, kennisbank
):
    old = publication_create(
        index=kennisbank,
        title="Wmo en werk in Zeist",
        legal_frameworks=["Wmo 2015"],
        publication_date=date(2020, 1, 1),
    )
    tool = tool_create(
        index=kennisbank,
        title="Gesprekskaart Wmo",
        legal_frameworks=["Wmo 2015", "Participatiewet"],
        publication_date=date(2023, 1, 1),
    )
    element = werkzaam_element_create(
        index=kennisbank,
        title="Eén plan voor het hele gezin",
        legal_frameworks=["Wmo 2015"],
        publication_date=date(2022, 1, 1),
    )
    publication_create(
        index=kennisbank, title="Alleen over werk", legal_frameworks=["Participatiewet"]
    )
    publication_create(
        index=kennisbank,
        title="Concept over de Wmo",
        legal_frameworks=["Wmo 2015"],
        live=False,
    )

    response = client.get(WMO)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Wmo 2015</h1>' in html
    assert "Publicaties, instrumenten en werkzame elementen" in html
    assert [item.pk for item in response.context["page_obj"]] == [
        tool.pk,
        element.pk,
        old.pk,
    ]
    for item in (tool, element, old):
        assert f'href="{item.url}"' in html
    assert "Alleen over werk" not in html
    assert "Concept over de Wmo" not in html
    # Home > Kennisbank > Wmo 2015
    crumbs = html[html.index('class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert 'href="/kennisbank/"' in crumbs
    assert '<span aria-current="page">Wmo 2015</span>' in crumbs


def test_a_long_list_is_paginated(client, kennisbank):
    for n in range(14):
        publication_create(
            index=kennisbank,
            legal_frameworks=["Jeugdwet"],
            publication_date=date(2020, 1, 1 + n),
        )

    first = client.get("/kennisbank/wettelijk-kader/jeugdwet/")
    second = client.get("/kennisbank/wettelijk-kader/jeugdwet/", {"pagina": 2})

    assert len(first.context["page_obj"]) == 12
    assert "Pagina 1 van 2" in first.content.decode()
    assert len(second.context["page_obj"]) == 2
    assert "Pagina 2 van 2" in second.content.decode()


def test_a_framework_without_items_says_so(client, kennisbank):
    response = client.get("/kennisbank/wettelijk-kader/wet-inburgering-2021/")

    assert response.status_code == 200
    assert "Hier is nog niets over gepubliceerd." in response.content.decode()


def test_an_unknown_framework_is_not_found(client, kennisbank):
    assert client.get("/kennisbank/wettelijk-kader/jeugdwet/").status_code == 200
    assert client.get("/kennisbank/wettelijk-kader/bestaat-niet/").status_code == 404


@pytest.mark.parametrize("create", [publication_create, tool_create])
def test_each_page_that_shows_a_framework_links_to_its_page(client, kennisbank, create):
    page = create(index=kennisbank, legal_frameworks=["Wmo 2015", "Jeugdwet"])

    html = client.get(page.url).content.decode()

    assert f'<a href="{WMO}">Wmo 2015</a>' in html
    assert '<a href="/kennisbank/wettelijk-kader/jeugdwet/">Jeugdwet</a>' in html


def test_a_werkzaam_element_links_to_its_framework_page(client, kennisbank):
    page = werkzaam_element_create(index=kennisbank, legal_frameworks=["Wmo 2015"])

    html = client.get(page.url).content.decode()

    assert f'<a href="{WMO}">Wmo 2015</a>' in html


@pytest.mark.parametrize("rows", [10, 48])
def test_query_count_does_not_grow_with_the_items(
    client, kennisbank, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        publication_create(index=kennisbank, legal_frameworks=["Wmo 2015"])

    with django_assert_max_num_queries(15):
        response = client.get(WMO)

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == rows
