"""The site's root finds a page by its address in one lookup, however deep
it lies, and still answers 404 where Wagtail's own walk would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


def _content_page(parent, slug: str, *, live: bool = True) -> ContentPage:
    page = ContentPage(
        title=f"Pagina {slug}", slug=slug, live=live, body="<p>Over het programma.</p>"
    )
    parent.add_child(instance=page)
    return page


@pytest.fixture
def chain(demo_site):
    """/over/ with four levels below it: /over/a/b/c/d/."""
    home = HomePage.objects.get()
    pages = [_content_page(home, "over")]
    for slug in "abcd":
        pages.append(_content_page(pages[-1], slug))
    return pages


def _queries(client, url: str) -> tuple[int, int]:
    client.get(url)  # warm the site lookup of this client
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def test_a_deep_page_costs_no_more_queries_than_a_shallow_one(client, chain):
    status_top, top = _queries(client, "/over/")
    status_deep, deep = _queries(client, "/over/a/b/c/d/")

    assert (status_top, status_deep) == (200, 200)
    assert deep == top


def test_the_page_at_the_address_is_served(client, chain):
    response = client.get("/over/a/b/")

    assert response.status_code == 200
    assert "Pagina b" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/over/a/x/",  # no such page
        "/over/b/",  # b exists, but not at this address
        "/a/b/",  # nor does the path without its first part
    ],
)
def test_an_address_without_a_page_is_not_found(client, chain, url):
    assert client.get(url).status_code == 404


def test_a_draft_is_not_found_but_a_live_page_below_a_draft_is(client, chain):
    draft = _content_page(chain[0], "concept", live=False)
    _content_page(draft, "daaronder")

    assert client.get("/over/concept/").status_code == 404
    # Wagtail's walk passes through a page that is not live: so does this.
    assert client.get("/over/concept/daaronder/").status_code == 200


def test_no_page_type_routes_below_its_own_address():
    """The root's one-lookup routing is only Wagtail's answer while no page
    type overrides route() (RoutablePageMixin and the like)."""
    from django.apps import apps
    from wagtail.models import Page

    routing = [
        model.__name__
        for model in apps.get_models()
        if issubclass(model, Page)
        and model is not HomePage
        and model.route is not Page.route
    ]

    assert routing == []
