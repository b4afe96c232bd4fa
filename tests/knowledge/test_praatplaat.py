"""The team's own praatplaat: saved, editable, printable, only for its owner."""

import pytest

from knowledge.models import PraatplaatAnswer, PraatplaatPage
from knowledge.selectors.praatplaat import praatplaat_bouwstenen

pytestmark = pytest.mark.django_db


@pytest.fixture
def plate(demo_site):
    return PraatplaatPage.objects.get()


def test_visitors_must_log_in_to_fill_in_the_praatplaat(client, plate):
    response = client.get("/praatplaat/invullen/")

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_a_team_saves_edits_and_prints_its_answers(client, plate, make_user):
    client.force_login(make_user())
    hotspots = list(plate.hotspots.order_by("sort_order"))
    field = f"bouwsteen_{hotspots[0].pk}"

    client.post(
        "/praatplaat/invullen/",
        {"team_name": "Sociaal team Houten", field: "De inwoner praat mee."},
    )
    response = client.post(
        "/praatplaat/invullen/",
        {"team_name": "Sociaal team Houten", field: "De inwoner beslist mee."},
        follow=True,
    )

    assert "Uw praatplaat is opgeslagen." in response.content.decode()
    assert PraatplaatAnswer.objects.get(hotspot=hotspots[0]).text == (
        "De inwoner beslist mee."
    )
    printed = client.get("/praatplaat/invullen/afdrukken/").content.decode()
    assert "Praatplaat van Sociaal team Houten" in printed
    assert "De inwoner beslist mee." in printed


def test_errors_are_dutch_and_keep_the_input(client, plate, make_user):
    client.force_login(make_user())
    hotspot = plate.hotspots.first()

    response = client.post(
        "/praatplaat/invullen/",
        {"team_name": "", f"bouwsteen_{hotspot.pk}": "Mijn antwoord"},
    )

    html = response.content.decode()
    assert "Vul de naam van uw team in." in html
    assert "Mijn antwoord</textarea>" in html


def test_a_team_sees_only_its_own_answers(client, plate, make_user):
    hotspot = plate.hotspots.first()
    client.force_login(make_user())
    client.post(
        "/praatplaat/invullen/",
        {"team_name": "Team A", f"bouwsteen_{hotspot.pk}": "Geheim van A"},
    )

    client.force_login(make_user())
    html = client.get("/praatplaat/invullen/").content.decode()

    assert "Geheim van A" not in html


def test_bouwstenen_show_curated_knowledge_in_few_queries(
    plate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        bouwstenen = praatplaat_bouwstenen(page=plate)

    assert len(bouwstenen) == 9
    by_label = {b.hotspot.label: b for b in bouwstenen}
    assert by_label["Met de inwoner"].tools  # Participatiewiel is tagged with 2
    assert by_label["Regie en werkprocessen"].werkzame_elementen


def test_bouwstenen_show_upcoming_events_on_their_bouwopgave(plate):
    from network.models import Event, EventBouwopgave
    from tests.network.factories import EventFactory

    Event.objects.all().delete()  # start without the demo's events
    upcoming = EventFactory(title="Kennisatelier met de inwoner")
    EventBouwopgave.objects.create(event=upcoming, bouwopgave=2)
    cancelled = EventFactory(title="Gaat niet door", status=Event.Status.CANCELLED)
    EventBouwopgave.objects.create(event=cancelled, bouwopgave=2)
    other = EventFactory(title="Over regie")
    EventBouwopgave.objects.create(event=other, bouwopgave=4)

    by_label = {b.hotspot.label: b for b in praatplaat_bouwstenen(page=plate)}

    assert by_label["Met de inwoner"].events == [upcoming]
    assert other in by_label["Regie en werkprocessen"].events
    assert upcoming not in by_label["Regie en werkprocessen"].events


def test_the_plate_is_named_by_its_description(client, plate):
    PraatplaatPage.objects.filter(pk=plate.pk).update(
        image_alt="Een huis met vijf bouwopgaven en vier vensters."
    )

    html = client.get(plate.url).content.decode()

    assert (
        '<figcaption id="praatplaat-caption">'
        "Een huis met vijf bouwopgaven en vier vensters.</figcaption>"
    ) in html
    assert 'role="group" aria-labelledby="praatplaat-caption"' in html


def test_the_plate_without_a_description_is_named_after_its_title(client, plate):
    PraatplaatPage.objects.filter(pk=plate.pk).update(image_alt="  ")

    html = client.get(plate.url).content.decode()

    assert (
        f'<figcaption id="praatplaat-caption">Praatplaat: {plate.title}</figcaption>'
    ) in html
    assert '<figure class="praatplaat" aria-labelledby="praatplaat-caption">' in html
    assert 'role="group" aria-labelledby="praatplaat-caption"' in html
