"""The feeds date each publication by its own publication date (the date on
the report), not by the moment an editor put it on the site."""

from datetime import date

import pytest
from defusedxml import ElementTree

from tests.knowledge.factories import (
    home_page_create,
    knowledge_index_create,
    publication_create,
)

pytestmark = pytest.mark.django_db

ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def publications():
    index = knowledge_index_create(home=home_page_create())
    # Published today, in this order, but written years apart.
    return [
        publication_create(
            index=index, title="Oud rapport", publication_date=date(2019, 3, 1)
        ),
        publication_create(
            index=index, title="Nieuw rapport", publication_date=date(2024, 11, 15)
        ),
    ]


def test_rss_items_carry_their_publication_date(client, publications):
    rss = ElementTree.fromstring(client.get("/kennisbank/feed/rss/").content)

    dates = {
        item.findtext("title"): item.findtext("pubDate")
        for item in rss.iterfind("channel/item")
    }
    assert dates == {
        "Nieuw rapport": "Fri, 15 Nov 2024 00:00:00 +0100",
        "Oud rapport": "Fri, 01 Mar 2019 00:00:00 +0100",
    }
    # Newest publication first, whatever the order of going live.
    assert [item.findtext("title") for item in rss.iterfind("channel/item")] == [
        "Nieuw rapport",
        "Oud rapport",
    ]


def test_atom_entries_carry_their_publication_date(client, publications):
    atom = ElementTree.fromstring(client.get("/kennisbank/feed/atom/").content)

    published = {
        entry.findtext("atom:title", namespaces=ATOM_NS): entry.findtext(
            "atom:published", namespaces=ATOM_NS
        )
        for entry in atom.iterfind("atom:entry", ATOM_NS)
    }
    assert published == {
        "Nieuw rapport": "2024-11-15T00:00:00+01:00",
        "Oud rapport": "2019-03-01T00:00:00+01:00",
    }
