"""Reads of the zelfscan: a municipality's scans, the chart data with the
cohort average, and the coordinator's overview and export."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from django.db.models import Count, QuerySet

from portal.taxonomy import Bouwopgave

from ..models import Application, Edition, Scan, ScanMoment, ScanScore
from .cohort import cohort_application_list

# The cohort average is only shown when at least this many other
# municipalities contributed, so no single municipality can be recognised.
COHORT_MIN_CONTRIBUTORS = 3

MOMENTS = list(ScanMoment)


def scan_list_for(*, application: Application) -> dict[str, Scan]:
    """The municipality's scans by moment."""
    return {scan.moment: scan for scan in Scan.objects.filter(application=application)}


def scan_get_with_scores(*, application: Application, moment: str) -> Scan | None:
    return (
        Scan.objects.filter(application=application, moment=moment)
        .prefetch_related("scores")
        .first()
    )


# --- Chart data ---------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    """One submitted score, stripped to what the averages need."""

    application_id: int
    moment: str
    bouwopgave: int
    score: int


@dataclass
class MomentSeries:
    moment: str
    label: str
    own: dict[int, float]  # bouwopgave -> the municipality's average
    cohort: dict[int, float] | None  # None while hidden (see chart_data_compute)
    contributors: int
    waiting_for: int = 0  # municipalities of the cohort that did not submit yet


@dataclass
class ChartData:
    bouwopgaven: list[tuple[int, Any]]
    series: list[MomentSeries] = field(default_factory=list)
    min_contributors: int = COHORT_MIN_CONTRIBUTORS

    @property
    def cohort_hidden_for(self) -> list[MomentSeries]:
        return [s for s in self.series if s.cohort is None]


def _score_rows(scores: QuerySet[ScanScore]) -> list[ScoreRow]:
    """The given scores that have a value (a draft may leave some empty)."""
    return [
        ScoreRow(application_id, moment, bouwopgave, score)
        for application_id, moment, bouwopgave, score in scores.filter(
            score__isnull=False
        ).values_list("scan__application_id", "scan__moment", "bouwopgave", "score")
        if score is not None
    ]


def _averages(rows: Iterable[ScoreRow]) -> dict[int, dict[int, float]]:
    """application -> bouwopgave -> average score."""
    collected: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        collected[row.application_id][row.bouwopgave].append(row.score)
    return {
        app: {b: round(fmean(scores), 2) for b, scores in per_b.items()}
        for app, per_b in collected.items()
    }


def chart_data_compute(
    *,
    rows: Iterable[ScoreRow],
    application_id: int,
    cohort_count: int,
    min_contributors: int = COHORT_MIN_CONTRIBUTORS,
) -> ChartData:
    """The municipality's average per bouwopgave for each moment it submitted,
    and the cohort average: the mean of the other municipalities' averages.

    The cohort average of a moment is shown only once every one of the
    ``cohort_count`` municipalities submitted that moment, and at least
    ``min_contributors`` others did. Shown earlier, it would change with each
    new scan, and comparing it before and after would reveal the scores of the
    municipality that just submitted."""
    by_moment: dict[str, list[ScoreRow]] = defaultdict(list)
    for row in rows:
        by_moment[row.moment].append(row)
    data = ChartData(bouwopgaven=list(Bouwopgave.choices))
    data.min_contributors = min_contributors
    for moment in MOMENTS:
        averages = _averages(by_moment.get(moment.value, []))
        own = averages.pop(application_id, None)
        if own is None:
            continue
        waiting_for = max(cohort_count - 1 - len(averages), 0)
        cohort: dict[int, float] | None = None
        if len(averages) >= min_contributors and not waiting_for:
            cohort = {}
            for bouwopgave in Bouwopgave.values:
                values = [a[bouwopgave] for a in averages.values() if bouwopgave in a]
                if values:
                    cohort[bouwopgave] = round(fmean(values), 2)
        data.series.append(
            MomentSeries(
                moment=moment.value,
                label=str(moment.label),
                own=own,
                cohort=cohort,
                contributors=len(averages),
                waiting_for=waiting_for,
            )
        )
    return data


def score_rows_submitted(*, edition: Edition) -> list[ScoreRow]:
    """Every submitted score of the cohort, in one query."""
    return _score_rows(
        ScanScore.objects.filter(
            scan__application__edition=edition,
            scan__application__status=Application.Status.ACCEPTED,
            scan__submitted_at__isnull=False,
        )
    )


def chart_data_for(*, application: Application) -> ChartData:
    return chart_data_compute(
        rows=score_rows_submitted(edition=application.edition),
        application_id=application.pk,
        cohort_count=cohort_application_list(edition=application.edition).count(),
    )


# --- Coordinator overview -----------------------------------------------------


@dataclass
class OverviewRow:
    application: Application
    scans: dict[str, Scan]
    averages: dict[str, dict[int, float]]  # moment -> bouwopgave -> average
    reflection_count: int


def cohort_overview(*, edition: Edition) -> list[OverviewRow]:
    """Every accepted municipality with its scans, averages per bouwopgave per
    moment and number of reflections, in a fixed number of queries."""
    applications = list(
        cohort_application_list(edition=edition).annotate(
            reflection_count=Count("reflections", distinct=True)
        )
    )
    scans: dict[int, dict[str, Scan]] = defaultdict(dict)
    for scan in Scan.objects.filter(application__in=applications):
        scans[scan.application_id][scan.moment] = scan
    averages: dict[int, dict[str, dict[int, float]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    rows = _score_rows(ScanScore.objects.filter(scan__application__in=applications))
    by_moment: dict[str, list[ScoreRow]] = defaultdict(list)
    for row in rows:
        by_moment[row.moment].append(row)
    for moment, moment_rows in by_moment.items():
        for application_id, per_b in _averages(moment_rows).items():
            averages[application_id][moment] = per_b
    return [
        OverviewRow(
            application=application,
            scans=scans[application.pk],
            averages=averages[application.pk],
            reflection_count=application.reflection_count,
        )
        for application in applications
    ]


def export_score_rows(*, edition: Edition) -> QuerySet[ScanScore]:
    return (
        ScanScore.objects.filter(
            scan__application__edition=edition,
            scan__application__status=Application.Status.ACCEPTED,
        )
        .select_related("scan__application__municipality")
        .order_by(
            "scan__application__municipality__name",
            "scan__moment",
            "bouwopgave",
            "venster",
        )
    )
