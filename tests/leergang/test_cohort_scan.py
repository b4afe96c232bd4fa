"""The zelfscan: saving drafts and submitting, the form page, the chart data
and the results page."""

import pytest
from django.urls import reverse

from leergang.charts import chart_layout, chart_table
from leergang.exceptions import NotInCohort, ScanAlreadySubmitted, ScanIncomplete
from leergang.models import Application, Scan, ScanMoment
from leergang.selectors.scans import ScoreRow, chart_data_compute, chart_data_for
from leergang.services.cohort import ScoreInput, scan_save
from portal.taxonomy import Bouwopgave, Venster
from tests.leergang.factories import (
    ApplicationFactory,
    accepted,
    cohort,
    make_scan,
    member_of,
)

pytestmark = pytest.mark.django_db

ALL = {
    (b, v): ScoreInput(score=(b + v) % 5 + 1)
    for b in Bouwopgave.values
    for v in Venster.values
}


def _post_data(scores, **extra):
    data = {f"score_{b}_{v}": value for (b, v), value in scores.items()}
    data.update(extra)
    return data


# --- service ------------------------------------------------------------------


def test_a_draft_keeps_an_explanation_without_a_score(client):
    application = accepted()
    client.force_login(member_of(application))
    data = _post_data({}, explanation_1_1="Hier moeten we nog over praten", concept="1")

    assert client.post(_scan_url(application), data).status_code == 302

    page = client.get(_scan_url(application)).content.decode()
    assert "Hier moeten we nog over praten</textarea>" in page
    with pytest.raises(ScanIncomplete):
        scan_save(
            application=application,
            moment="start",
            scores={
                (1, 1): ScoreInput(score=None, explanation="Nog steeds geen score")
            },
            by=None,
            submit=True,
        )


def test_a_draft_may_miss_scores_and_can_be_changed():
    application = accepted()
    user = member_of(application)
    scan = scan_save(
        application=application,
        moment="start",
        scores={(1, 1): ScoreInput(score=4, explanation=" Goed begin ")},
        by=user,
        submit=False,
    )
    assert scan.submitted_at is None
    assert scan.updated_by == user
    row = scan.scores.get()
    assert (row.score, row.explanation) == (4, "Goed begin")

    scan_save(
        application=application, moment="start", scores=ALL, by=user, submit=False
    )
    assert Scan.objects.get(pk=scan.pk).scores.count() == 20


def test_submitting_needs_all_twenty_scores_and_is_final():
    application = accepted()
    user = member_of(application)
    partial = dict(list(ALL.items())[:19])
    with pytest.raises(ScanIncomplete):
        scan_save(
            application=application, moment="end", scores=partial, by=user, submit=True
        )
    assert not Scan.objects.filter(submitted_at__isnull=False).exists()

    scan = scan_save(
        application=application, moment="end", scores=ALL, by=user, submit=True
    )
    assert scan.submitted_at is not None
    assert scan.scores.count() == 20
    with pytest.raises(ScanAlreadySubmitted):
        scan_save(
            application=application, moment="end", scores=ALL, by=user, submit=False
        )


def test_only_accepted_municipalities_fill_in_a_scan():
    application = ApplicationFactory(status=Application.Status.RESERVE)
    with pytest.raises(NotInCohort):
        scan_save(
            application=application, moment="start", scores=ALL, by=None, submit=False
        )


# --- chart numbers -------------------------------------------------------------


def _rows(app, moment, per_bouwopgave):
    return [
        ScoreRow(app, moment, b, s)
        for b, scores in per_bouwopgave.items()
        for s in scores
    ]


def test_chart_data_averages_own_and_of_the_others():
    rows = (
        _rows(1, "start", {1: [1, 2, 3, 4], 2: [5, 5, 5, 5]})
        + _rows(2, "start", {1: [2, 2, 2, 2], 2: [4, 4, 4, 4]})
        + _rows(3, "start", {1: [3, 3, 3, 3], 2: [3, 3, 3, 3]})
        + _rows(4, "start", {1: [4, 4, 4, 4], 2: [1, 1, 1, 2]})
        + _rows(1, "end", {1: [5, 5, 5, 5]})
        + _rows(2, "end", {1: [1, 1, 1, 1]})
    )
    data = chart_data_compute(rows=rows, application_id=1, cohort_count=4)

    start, end = data.series
    assert start.moment == "start"
    assert start.own == {1: 2.5, 2: 5.0}
    # The others' averages are 2, 3, 4 (bouwopgave 1) and 4, 3, 1.25 (2).
    assert start.cohort == {1: 3.0, 2: 2.75}
    assert start.contributors == 3
    # At the end only one other municipality submitted: no cohort average.
    assert end.own == {1: 5.0}
    assert end.cohort is None
    assert end.contributors == 1
    assert end.waiting_for == 2
    assert data.cohort_hidden_for == [end]


def test_moments_not_taken_are_left_out_and_own_scores_do_not_count_for_the_others():
    rows = (
        _rows(2, "start", {1: [1]})
        + _rows(3, "start", {1: [1]})
        + _rows(4, "start", {1: [1]})
    )
    assert chart_data_compute(rows=rows, application_id=1, cohort_count=4).series == []
    rows += _rows(1, "halfway", {1: [5]})
    data = chart_data_compute(rows=rows, application_id=1, cohort_count=4)
    assert [s.moment for s in data.series] == ["halfway"]
    assert data.series[0].cohort is None


def test_the_group_average_waits_for_every_municipality():
    """Shown while scans come in, the average would give away the newest
    municipality's scores: (average after x 4) - (average before x 3)."""
    others = (
        _rows(2, "start", {1: [3]})
        + _rows(3, "start", {1: [3]})
        + _rows(4, "start", {1: [3]})
    )
    own = _rows(1, "start", {1: [4]})

    before = chart_data_compute(rows=own + others, application_id=1, cohort_count=5)
    assert before.series[0].cohort is None
    assert before.series[0].waiting_for == 1

    last = _rows(5, "start", {1: [1]})
    after = chart_data_compute(
        rows=own + others + last, application_id=1, cohort_count=5
    )
    assert after.series[0].cohort == {1: 2.5}
    assert after.series[0].waiting_for == 0


def test_chart_data_for_uses_only_submitted_scans_of_accepted_municipalities():
    apps = cohort(size=4)
    for n, app in enumerate(apps):
        make_scan(app, score=n + 1)
    make_scan(apps[0], moment=ScanMoment.HALFWAY, score=5, submitted=False)
    outsider = ApplicationFactory(edition=apps[0].edition, status="reserve")
    make_scan(outsider, score=5)

    data = chart_data_for(application=apps[0])
    assert [s.moment for s in data.series] == ["start"]
    assert data.series[0].own == dict.fromkeys(Bouwopgave.values, 1.0)
    assert data.series[0].cohort == dict.fromkeys(Bouwopgave.values, 3.0)

    chart = chart_layout(data=data)
    bar = chart.groups[0].bars[0]
    assert bar.value_label == "1,0"
    assert bar.marker is not None
    table = chart_table(data=data)
    assert table[0].cells == [("1,0", "3,0")]


# --- form page -------------------------------------------------------------------


def _scan_url(application, moment="start"):
    return reverse(
        "leergang:cohort_scan",
        kwargs={
            "edition_slug": application.edition.slug,
            "municipality_slug": application.municipality.slug,
            "moment": moment,
        },
    )


def test_the_form_lists_errors_with_links_and_keeps_the_input(client):
    application = accepted()
    client.force_login(member_of(application))
    data = _post_data(
        {(1, 1): 4, (2, 3): 2}, explanation_1_1="Wij beginnen pas.", indienen="1"
    )
    response = client.post(_scan_url(application), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_score_1_2_0"' in html
    assert html.count("Kies een score van 1 tot 5.") == 2 * 18  # summary + field
    assert 'value="4" id="id_score_1_1_3" checked' in html
    assert "Wij beginnen pas.</textarea>" in html
    assert not Scan.objects.exists()


def test_an_explanation_that_is_too_long_is_refused(client):
    application = accepted()
    client.force_login(member_of(application))
    data = _post_data({(1, 1): 4}, explanation_1_1="x" * 501, concept="1")
    response = client.post(_scan_url(application), data)
    assert response.status_code == 200
    assert 'href="#id_explanation_1_1"' in response.content.decode()


def test_save_a_draft_then_submit_and_see_the_results(client):
    application = accepted()
    client.force_login(member_of(application))
    scores = {cell: value.score for cell, value in ALL.items()}

    response = client.post(_scan_url(application), _post_data({(1, 1): 5}, concept="1"))
    assert response.status_code == 302
    page = client.get(_scan_url(application)).content.decode()
    assert 'value="5" id="id_score_1_1_4" checked' in page

    response = client.post(_scan_url(application), _post_data(scores, indienen="1"))
    assert response.status_code == 302
    assert "uitkomsten" in response.url
    scan = Scan.objects.get(application=application)
    assert scan.is_submitted

    results = client.get(response.url).content.decode()
    assert 'role="img"' in results
    assert "<caption>" in results
    assert 'scope="row"' in results
    # Nobody else in the cohort submitted: the cohort average is not shown.
    assert "data-cohort-hidden" in results

    # A submitted scan is read-only.
    page = client.get(_scan_url(application)).content.decode()
    assert "Zelfscan indienen" not in page
    assert (
        client.post(_scan_url(application), _post_data(scores, concept="1")).status_code
        == 403
    )


def test_an_unknown_moment_is_not_found(client):
    application = accepted()
    client.force_login(member_of(application))
    assert client.get(_scan_url(application, moment="later")).status_code == 404
