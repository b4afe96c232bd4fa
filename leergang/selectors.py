"""Reads of the leergang."""

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Application, Edition, TeamMember

S = Application.Status


def edition_list_open() -> QuerySet[Edition]:
    """Editions open for applications now, with ``accepted_count`` and
    ``places_left``-ready numbers."""
    return (
        Edition.objects.open()
        .annotate(
            accepted_count=Count(
                "applications", filter=Q(applications__status=S.ACCEPTED)
            )
        )
        .order_by("applications_close_at")
    )


def edition_places_left(*, edition: Edition) -> int:
    accepted = getattr(edition, "accepted_count", None)
    if accepted is None:
        accepted = edition.applications.filter(status=S.ACCEPTED).count()
    return max(edition.cohort_size - accepted, 0)


def edition_current() -> Edition | None:
    """The edition a municipality applies for: the open one closing first."""
    return edition_list_open().first()


def application_active_for(*, edition: Edition, municipality) -> Application | None:
    return (
        Application.objects.filter(edition=edition, municipality=municipality)
        .exclude(status__in=Application.INACTIVE_STATUSES)
        .prefetch_related("team_members")
        .first()
    )


def application_list_for_municipality(*, municipality) -> QuerySet[Application]:
    return (
        Application.objects.filter(municipality=municipality)
        .select_related("edition", "municipality")
        .prefetch_related("team_members")
        .order_by("-created_at")
    )


def application_list_for_review() -> QuerySet[Application]:
    """Applications that are no longer drafts, per edition, oldest first."""
    return (
        Application.objects.exclude(status=S.DRAFT)
        .select_related("edition", "municipality")
        .annotate(team_size=Count("team_members"))
        .order_by("edition__title", "submitted_at", "pk")
    )


def application_get_for_review(*, pk: int) -> Application:
    return (
        Application.objects.exclude(status=S.DRAFT)
        .select_related("edition", "municipality", "applicant", "decided_by")
        .prefetch_related(
            Prefetch("team_members", queryset=TeamMember.objects.order_by("position"))
        )
        .get(pk=pk)
    )
