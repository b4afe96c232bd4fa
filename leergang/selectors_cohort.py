"""Reads of the cohort space: who may enter, the session plan, the zelfscan and
its chart data, reflections and the coordinator's overview."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from portal.taxonomy import Bouwopgave, Venster

from .models import (
    Application,
    Edition,
    PraatplaatNote,
    Reflection,
    Scan,
    ScanMoment,
    ScanScore,
    Session,
    SessionMaterial,
    TeamMember,
)

REVIEW_PERMISSION = "leergang.review_application"

# The cohort average is only shown when at least this many other
# municipalities contributed, so no single municipality can be recognised.
COHORT_MIN_CONTRIBUTORS = 3

MOMENTS = list(ScanMoment)


@dataclass(frozen=True)
class CohortAccess:
    """What the signed-in user may see in one edition's cohort space."""

    edition: Edition
    is_coordinator: bool
    # The municipalities whose team the user is in (an adviser of UWV may
    # serve more than one gemeente in the same cohort).
    applications: tuple[Application, ...] = ()

    @property
    def application(self) -> Application | None:
        """The workspace the cohort page opens with: the user's first team."""
        return self.applications[0] if self.applications else None

    def may_see(self, application: Application) -> bool:
        return self.is_coordinator or self.may_edit(application)

    def may_edit(self, application: Application) -> bool:
        """Only the municipality's own team writes in its workspace."""
        return any(own.pk == application.pk for own in self.applications)


def edition_get_by_slug(*, slug: str) -> Edition:
    return Edition.objects.get(slug=slug)


def cohort_access_for(*, edition: Edition, user: Any) -> CohortAccess | None:
    """None when the user may not enter this edition's cohort space."""
    if not user.is_authenticated:
        return None
    is_coordinator = user.has_perm(REVIEW_PERMISSION)
    applications = tuple(
        membership.application
        for membership in TeamMember.objects.filter(
            user=user,
            application__edition=edition,
            application__status=Application.Status.ACCEPTED,
        )
        .select_related("application__municipality")
        .order_by("application__municipality__name", "application_id")
    )
    if not is_coordinator and not applications:
        return None
    return CohortAccess(
        edition=edition, is_coordinator=is_coordinator, applications=applications
    )


def cohort_application_list(*, edition: Edition) -> QuerySet[Application]:
    """The accepted municipalities of an edition: the cohort."""
    return (
        Application.objects.filter(edition=edition, status=Application.Status.ACCEPTED)
        .select_related("municipality")
        .order_by("municipality__name")
    )


def cohort_application_get(*, edition: Edition, municipality_slug: str) -> Application:
    return cohort_application_list(edition=edition).get(
        municipality__slug=municipality_slug
    )


def session_list(*, edition: Edition) -> QuerySet[Session]:
    return (
        Session.objects.filter(edition=edition)
        .select_related("event")
        .prefetch_related(
            Prefetch(
                "materials",
                queryset=SessionMaterial.objects.select_related("document"),
            )
        )
    )


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
    return [
        ScoreRow(*values)
        for values in ScanScore.objects.filter(
            scan__application__edition=edition,
            scan__application__status=Application.Status.ACCEPTED,
            scan__submitted_at__isnull=False,
            score__isnull=False,
        ).values_list("scan__application_id", "scan__moment", "bouwopgave", "score")
    ]


def chart_data_for(*, application: Application) -> ChartData:
    return chart_data_compute(
        rows=score_rows_submitted(edition=application.edition),
        application_id=application.pk,
        cohort_count=cohort_application_list(edition=application.edition).count(),
    )


# --- Reflections and praatplaat -----------------------------------------------


def reflection_list_for(*, application: Application) -> QuerySet[Reflection]:
    return Reflection.objects.filter(application=application).select_related(
        "session", "author"
    )


def praatplaat_for_workspace(*, application: Application) -> tuple[Any, list]:
    """The live praatplaat and, per bouwsteen, the municipality's note."""
    from knowledge.models import PraatplaatPage

    page = PraatplaatPage.objects.live().select_related("image").first()
    if page is None:
        return None, []
    hotspots = list(page.hotspots.all())
    notes = {
        note.hotspot_id: note
        for note in PraatplaatNote.objects.filter(
            application=application, hotspot__in=hotspots
        )
    }
    return page, [(hotspot, notes.get(hotspot.pk)) for hotspot in hotspots]


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
    rows = [
        ScoreRow(*values)
        for values in ScanScore.objects.filter(
            scan__application__in=applications, score__isnull=False
        ).values_list("scan__application_id", "scan__moment", "bouwopgave", "score")
    ]
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


VENSTER_CHOICES = list(Venster.choices)
