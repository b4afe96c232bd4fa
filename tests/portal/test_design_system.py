"""The portal uses the NL Design System (Utrecht community) components: the
vendored CSS is linked from every page, the shared includes render the
Utrecht class names, and the CSS a page loads stays within its size budget."""

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.knowledge.factories import (
    home_page_create,
    knowledge_index_create,
    publication_create,
)
from tests.leergang.factories import EditionFactory, contact_user
from tests.network.factories import EventFactory

pytestmark = pytest.mark.django_db

VENDORED = "vendor/utrecht/utrecht.css"
CSS_BUDGET_GZIPPED = 40 * 1024


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _classes(soup: BeautifulSoup, selector: str) -> set[str]:
    return {
        name for element in soup.select(selector) for name in element.get("class", [])
    }


def _base_stylesheets() -> list[str]:
    """The static paths of the stylesheets base.html links (all media)."""
    base = Path(settings.BASE_DIR, "templates", "base.html").read_text(encoding="utf-8")
    return re.findall(
        r"<link rel=\"stylesheet\" href=\"\{% static '([^']+)' %\}\"", base
    )


def test_base_links_the_vendored_components_and_the_theme(client):
    home_page_create()
    soup = _soup(client.get("/"))

    hrefs = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert any(href.endswith(VENDORED) for href in hrefs)
    assert any(href.endswith("css/theme.css") for href in hrefs)
    assert "leernetwerk-theme" in soup.body["class"]
    assert "utrecht-page" in _classes(soup, "main")
    assert Path(finders.find(VENDORED)).parent.joinpath("LICENSE.md").exists()


def test_the_css_of_a_page_stays_within_its_gzipped_budget():
    paths = _base_stylesheets()
    assert VENDORED in paths

    total = sum(
        len(gzip.compress(Path(finders.find(path)).read_bytes())) for path in paths
    )

    assert total < CSS_BUDGET_GZIPPED, f"{total} bytes gzipped"


def test_home_uses_the_utrecht_heading(client):
    home_page_create()
    soup = _soup(client.get("/"))

    assert "utrecht-heading-1" in _classes(soup, "h1")


def test_an_event_page_uses_utrecht_headings_and_buttons(client):
    event = EventFactory()
    soup = _soup(client.get(event.get_absolute_url()))

    assert "utrecht-heading-1" in _classes(soup, "h1")
    buttons = _classes(soup, "main button, main a.utrecht-button")
    assert {"utrecht-button", "utrecht-button--primary-action"} <= buttons


def test_the_login_form_uses_utrecht_form_fields_and_buttons(client):
    soup = _soup(client.get(reverse("account_login")))

    assert "utrecht-heading-1" in _classes(soup, "h1")
    assert soup.select(".utrecht-form-field .utrecht-form-label")
    assert "utrecht-textbox" in _classes(soup, "input[type=email], input[type=text]")
    assert "utrecht-textbox" in _classes(soup, "input[type=password]")
    assert "utrecht-button" in _classes(soup, "main form button[type=submit]")


def test_the_application_form_uses_utrecht_form_fields(client):
    EditionFactory()
    client.force_login(contact_user())
    soup = _soup(client.get("/leergang/aanmelden/"))

    assert "utrecht-heading-1" in _classes(soup, "h1")
    assert soup.select(
        ".utrecht-form-field .utrecht-form-field__input .utrecht-textbox"
    )
    assert "utrecht-textarea" in _classes(soup, "textarea")
    assert "utrecht-button" in _classes(soup, "main form button[type=submit]")


def test_the_kennisbank_pages_with_utrecht_pagination(client):
    index = knowledge_index_create(home=home_page_create())
    for n in range(14):
        publication_create(index=index, title=f"Verhaal {n:02d}")

    soup = _soup(client.get("/kennisbank/"))

    assert "utrecht-heading-1" in _classes(soup, "h1")
    nav = soup.select_one("nav.utrecht-pagination")
    assert nav is not None
    assert nav.select_one('a.utrecht-pagination__relative-link--next[rel="next"]')
    assert nav.select_one(".utrecht-pagination__page-link--current[aria-current=page]")
    assert "utrecht-button" in _classes(soup, "main form button[type=submit]")
