"""With Redis (the cache) unreachable, the public site still works from the
database, and logging in is refused with a clear message instead of going on
without its limit on wrong passwords."""

import pytest
from django.test import Client, override_settings
from django.utils.html import escape

from knowledge.models import PublicationPage
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

UNREACHABLE = {
    "default": {
        "BACKEND": "portal.cache.PrefixedRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "KEY_PREFIX": "leernetwerk-test",
    }
}


@pytest.fixture
def cache_down():
    with override_settings(
        CACHES=UNREACHABLE, PAGE_CACHE_SECONDS=300, FRAGMENT_CACHE_SECONDS=300
    ):
        yield


def test_public_pages_render_from_the_database(demo_site, cache_down, caplog):
    publication = PublicationPage.objects.live().order_by("path").first()
    pages = {
        "/": "Lokaal &amp; Integraal",
        "/kennisbank/": "Kennisbank",
        publication.url: escape(publication.title),
        "/agenda/": "Agenda",
        "/zoeken/?q=werk": "werk",
    }
    for url, text in pages.items():
        for _ in range(2):  # the second would come from the page/fragment cache
            response = Client().get(url)
            assert response.status_code == 200, url
            assert text in response.content.decode(), url
    assert "cache unreachable" in caplog.text


def test_logging_in_is_refused_with_a_clear_message(db, cache_down):
    member = UserFactory(email="r.jansen@example.nl")
    client = Client()

    response = client.post(
        "/account/login/", {"login": member.email, "password": PASSWORD}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Inloggen kan op dit moment niet door een storing" in html
    assert "r.jansen@example.nl" in html  # what was typed is kept
    assert "_auth_user_id" not in client.session
    assert client.get("/mijn/").status_code == 302  # still logged out


def test_logging_in_works_again_once_the_cache_is_back(db):
    member = UserFactory(email="r.jansen@example.nl")
    client = Client()

    response = client.post(
        "/account/login/", {"login": member.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get("/mijn/").status_code == 200
