"""The page cache serves kennisportal pages to anonymous visitors without
touching the database, never shows one visitor's page to another, and forgets
a page as soon as it changes."""

import pytest
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.utils.html import escape
from wagtail import hooks

from knowledge.models import PublicationPage
from portal.page_cache import HEADER
from portal.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


@pytest.fixture
def publication(demo_site):
    return PublicationPage.objects.live().order_by("path").first()


def test_an_anonymous_visitor_gets_a_cached_page_without_database_queries(
    publication, django_assert_num_queries
):
    url = publication.url
    first = Client().get(url)
    assert first.status_code == 200
    assert first[HEADER] == "miss"

    with django_assert_num_queries(0):
        second = Client().get(url)

    assert second.status_code == 200
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert escape(publication.title) in second.content.decode()


def test_a_logged_in_member_never_gets_or_fills_the_cache(publication, make_user):
    member = make_user(Role.MEMBER, email="gulsen.yildiz@example.nl")
    visitor = Client()
    visitor.get(publication.url)  # cached for anonymous visitors

    logged_in = Client()
    logged_in.force_login(member)
    for _ in range(2):
        response = logged_in.get(publication.url)
        assert response.status_code == 200
        assert HEADER not in response
        assert "gulsen.yildiz@example.nl" in response.content.decode()
        assert "Uitloggen" in response.content.decode()

    anonymous = Client().get(publication.url)
    assert anonymous[HEADER] == "hit"
    html = anonymous.content.decode()
    assert "gulsen.yildiz@example.nl" not in html
    assert "Uitloggen" not in html
    assert "Inloggen" in html


def test_a_member_visiting_first_leaves_nothing_for_the_next_visitor(
    publication, make_user
):
    member = make_user(Role.MEMBER, email="a.bakker@example.nl")
    logged_in = Client()
    logged_in.force_login(member)
    assert "a.bakker@example.nl" in logged_in.get(publication.url).content.decode()

    anonymous = Client().get(publication.url)

    assert anonymous[HEADER] == "miss"
    assert "a.bakker@example.nl" not in anonymous.content.decode()


def test_a_page_that_hands_out_a_csrf_token_is_never_cached(publication):
    def page_with_a_form(page, request, serve_args, serve_kwargs):
        get_token(request)  # what {% csrf_token %} in a page's form does

    with hooks.register_temporarily("before_serve_page", page_with_a_form):
        first = Client().get(publication.url)
        second = Client().get(publication.url)

    assert HEADER not in first
    assert HEADER not in second
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_publishing_a_change_is_visible_to_the_next_anonymous_visitor(publication):
    Client().get(publication.url)
    assert Client().get(publication.url)[HEADER] == "hit"

    publication.title = "Werk en zorg in één gesprek (herzien)"
    publication.save_revision().publish()

    response = Client().get(publication.url)
    assert response[HEADER] == "miss"
    assert "Werk en zorg in één gesprek (herzien)" in response.content.decode()


def test_an_unpublished_page_is_gone_for_anonymous_visitors_at_once(publication):
    url = publication.url
    Client().get(url)
    assert Client().get(url)[HEADER] == "hit"

    publication.unpublish()

    assert Client().get(url).status_code == 404


def test_pages_that_are_not_kennisportal_pages_are_not_cached(demo_site):
    for url in ("/agenda/", "/zoeken/?q=werk", "/account/login/"):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert HEADER not in response, url


@override_settings(PAGE_CACHE_SECONDS=0)
def test_without_a_shared_cache_nothing_is_cached(publication):
    Client().get(publication.url)

    assert HEADER not in Client().get(publication.url)
