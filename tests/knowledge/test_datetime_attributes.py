"""Every published page of the demo portal, the kennisbank's search and the
team's printed praatplaat carry valid ``<time datetime>`` values (see
tests/portal/test_datetime_attributes.py for the rule)."""

import pytest
from wagtail.models import Page

from knowledge.models import PraatplaatPage
from network.models import EventBouwopgave
from tests.markup import assert_valid_datetimes, datetime_values, with_microseconds
from tests.network.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_every_published_page_dates_validly(client, demo_site):
    event = EventFactory(title="Met de inwoner", starts_at=with_microseconds(days=9))
    EventBouwopgave.objects.create(event=event, bouwopgave=2)

    dated = []
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        if datetime_values(html):
            assert_valid_datetimes(html)
            dated.append(type(page).__name__)

    # Among them the praatplaat, which lists the event on its bouwopgave.
    assert "PraatplaatPage" in dated
    assert len(dated) >= 3


def test_search_results_date_validly(client, demo_site):
    html = client.get("/kennisbank/", {"q": "participatie"}).content.decode()

    assert_valid_datetimes(html)


def test_the_printed_praatplaat_dates_its_last_change_validly(
    client, demo_site, make_user
):
    client.force_login(make_user())
    hotspot = PraatplaatPage.objects.get().hotspots.first()
    client.post(
        "/praatplaat/invullen/",
        {"team_name": "Sociaal team Houten", f"bouwsteen_{hotspot.pk}": "Goed."},
    )

    html = client.get("/praatplaat/invullen/afdrukken/").content.decode()

    assert_valid_datetimes(html)
