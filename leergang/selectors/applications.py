"""Reads of applying for the leergang: the open editions, a municipality's
applications and the coordinator's review pages."""

from django.contrib.auth.models import Permission
from django.db.models import Count, Prefetch, Q, QuerySet

from network.models import Municipality
from portal.models import User
from portal.roles import Role

from ..models import Application, Edition, TeamMember

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


def application_active_for(
    *, edition: Edition, municipality: Municipality
) -> Application | None:
    return (
        Application.objects.filter(edition=edition, municipality=municipality)
        .exclude(status__in=Application.INACTIVE_STATUSES)
        .prefetch_related("team_members")
        .first()
    )


def _team_members_in_order() -> Prefetch:
    return Prefetch(
        "team_members",
        queryset=TeamMember.objects.select_related("user").order_by("position", "pk"),
    )


def application_list_for_municipality(
    *, municipality: Municipality
) -> QuerySet[Application]:
    return (
        Application.objects.filter(municipality=municipality)
        .select_related("edition", "municipality")
        .prefetch_related(_team_members_in_order())
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
        .prefetch_related(_team_members_in_order())
        .get(pk=pk)
    )


def application_get_for_mail(*, pk: int) -> Application | None:
    """The application with what its mails show; None when it is gone."""
    return (
        Application.objects.select_related(
            "edition", "municipality", "applicant", "carried_over_from__edition"
        )
        .filter(pk=pk)
        .first()
    )


def edition_list_for_carry_over() -> QuerySet[Edition]:
    return Edition.objects.order_by("-applications_open_at")


def coordinator_emails() -> list[str]:
    """The addresses of everyone who reviews leergang applications: the
    permission through a group or directly, or the Coördinator group."""
    permission = Permission.objects.filter(
        content_type__app_label="leergang", codename="review_application"
    ).first()
    condition = Q(groups__name=Role.COORDINATOR.value)
    if permission is not None:
        condition |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    users = (
        User.objects.filter(condition, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )
    return list(users)
