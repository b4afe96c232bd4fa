"""A coordinator reads a municipality's praatplaat and zelfscan in the cohort
space, and cannot change them: no form to fill in, and a POST is refused."""

import pytest
from django.urls import reverse

from leergang.models import PraatplaatNote, Scan, ScanMoment
from portal.models import AuditEntry
from tests.knowledge.factories import praatplaat_create
from tests.leergang.factories import accepted, coordinator, make_scan, member_of

pytestmark = pytest.mark.django_db

READ_ONLY = "Als coördinator leest u mee"


def _main(html: str) -> str:
    """The page's own content, without the header (with its log-out form)."""
    return html[html.index("<main") : html.index("</main>")]


def _workspace(name: str, application, **kwargs) -> str:
    return reverse(
        f"leergang:{name}",
        kwargs={
            "edition_slug": application.edition.slug,
            "municipality_slug": application.municipality.slug,
            **kwargs,
        },
    )


@pytest.fixture
def noted():
    """An accepted municipality with a note on the praatplaat."""
    plate = praatplaat_create(questions=["Wie is de regisseur?"])
    hotspot = plate.hotspots.get()
    application = accepted()
    PraatplaatNote.objects.create(
        application=application, hotspot=hotspot, text="De klantmanager."
    )
    return application, hotspot


def test_a_coordinator_reads_the_praatplaat_without_a_form(client, noted):
    application, _hotspot = noted
    client.force_login(coordinator())

    response = client.get(_workspace("cohort_praatplaat", application))

    main = _main(response.content.decode())
    assert response.status_code == 200
    assert "De klantmanager." in main
    assert "Wie is de regisseur?" in main
    assert "<textarea" not in main
    assert "<form" not in main
    assert "Notities bewaren" not in main
    assert READ_ONLY in main


def test_the_team_still_writes_its_praatplaat(client, noted):
    application, _hotspot = noted
    client.force_login(member_of(application))

    main = _main(
        client.get(_workspace("cohort_praatplaat", application)).content.decode()
    )

    assert "De klantmanager.</textarea>" in main
    assert "Notities bewaren" in main


def test_a_coordinators_post_to_the_praatplaat_changes_nothing(client, noted):
    application, hotspot = noted
    client.force_login(coordinator())

    response = client.post(
        _workspace("cohort_praatplaat", application),
        {f"note_{hotspot.pk}": "Overschreven door de coördinator."},
    )

    assert response.status_code == 403
    assert "Alleen het team van de gemeente" in response.content.decode()
    assert PraatplaatNote.objects.get().text == "De klantmanager."
    assert not AuditEntry.objects.exists()


def test_a_coordinator_reads_a_draft_zelfscan_without_a_form(client):
    application = accepted()
    scan = make_scan(application, score=3, submitted=False)
    scan.scores.filter(bouwopgave=1, venster=1).update(explanation="Wij beginnen pas.")
    client.force_login(coordinator())

    response = client.get(
        _workspace("cohort_scan", application, moment=ScanMoment.START)
    )

    main = _main(response.content.decode())
    assert response.status_code == 200
    assert "Wij beginnen pas." in main
    assert "3 voor de helft" in main
    assert "<textarea" not in main
    assert "<input" not in main
    assert "<form" not in main
    assert "Zelfscan indienen" not in main
    assert READ_ONLY in main


def test_a_coordinators_post_to_a_zelfscan_changes_nothing(client):
    application = accepted()
    make_scan(application, score=3, submitted=False)
    client.force_login(coordinator())
    scores = {f"score_{b}_{v}": "5" for b in range(1, 6) for v in range(1, 5)}

    response = client.post(
        _workspace("cohort_scan", application, moment=ScanMoment.START),
        {**scores, "indienen": "1"},
    )

    assert response.status_code == 403
    assert "Alleen het team van de gemeente" in response.content.decode()
    scan = Scan.objects.get(application=application)
    assert not scan.is_submitted
    assert set(scan.scores.values_list("score", flat=True)) == {3}
    assert not AuditEntry.objects.exists()
