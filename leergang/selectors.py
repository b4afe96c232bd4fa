"""Reads of the leergang."""

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.db.models import Count, F, Prefetch, Q, QuerySet

from portal.roles import Role

from .exceptions import InvitationExpired, InvitationInvalid
from .models import Application, Edition, TeamMember

INVITATION_SALT = "leergang.team-invitation"
INVITATION_MAX_AGE = timedelta(days=60)

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
        .prefetch_related(
            Prefetch(
                "team_members",
                queryset=TeamMember.objects.select_related("user").order_by(
                    "position", "pk"
                ),
            )
        )
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
            Prefetch(
                "team_members",
                queryset=TeamMember.objects.select_related("user").order_by(
                    "position", "pk"
                ),
            )
        )
        .get(pk=pk)
    )


# --- The reserve list ----------------------------------------------------------

# The reserve list is ordered by the moment the coordinator put an application
# on it (``decided_at``); applications put on it at the same moment keep the
# order in which they were submitted, and then the order they were made in.
RESERVE_ORDER = (
    F("decided_at").asc(nulls_last=True),
    F("submitted_at").asc(nulls_last=True),
    "pk",
)


def application_reserve_list(*, edition: Edition) -> QuerySet[Application]:
    """The reserve list of ``edition``, first in line first."""
    return (
        Application.objects.filter(edition=edition, status=S.RESERVE)
        .select_related("edition", "municipality")
        .order_by(*RESERVE_ORDER)
    )


def edition_reserve_offer(*, edition: Edition) -> Application | None:
    """The first on the reserve list when the cohort has a free place."""
    if edition_places_left(edition=edition) <= 0:
        return None
    return application_reserve_list(edition=edition).first()


def edition_reserve_offers() -> dict[int, Application]:
    """Per edition id: the first on the reserve list, for every edition with
    a free place and a reserve list. Two queries, however many editions."""
    editions = Edition.objects.annotate(
        accepted_count=Count("applications", filter=Q(applications__status=S.ACCEPTED)),
        reserve_count=Count("applications", filter=Q(applications__status=S.RESERVE)),
    ).filter(reserve_count__gt=0, cohort_size__gt=F("accepted_count"))
    edition_ids = list(editions.values_list("pk", flat=True))
    offers: dict[int, Application] = {}
    if not edition_ids:
        return offers
    reserve = (
        Application.objects.filter(edition_id__in=edition_ids, status=S.RESERVE)
        .select_related("edition", "municipality")
        .order_by("edition_id", *RESERVE_ORDER)
    )
    for application in reserve:
        offers.setdefault(application.edition_id, application)
    return offers


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
        get_user_model()
        .objects.filter(condition, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )
    return list(users)


# --- Invitations ----------------------------------------------------------------


def user_has_verified_email(*, user, email: str) -> bool:
    """True when ``email`` (in any case) is a verified address of ``user``."""
    return EmailAddress.objects.filter(
        user=user, email__iexact=email.strip(), verified=True
    ).exists()


def team_member_get_for_review(*, pk: int) -> TeamMember:
    return TeamMember.objects.select_related("application").get(pk=pk)


def team_member_invitation_token(*, team_member: TeamMember) -> str:
    """A signed token for the team member's invitation link, bound to the
    member and the invited address (a changed address voids old links)."""
    return signing.dumps(
        {"m": team_member.pk, "e": team_member.email.strip().lower()},
        salt=INVITATION_SALT,
    )


def team_member_for_invitation(
    *, token: str, max_age: timedelta = INVITATION_MAX_AGE
) -> TeamMember:
    """The team member a token invites; ``InvitationExpired`` or
    ``InvitationInvalid`` when the link is too old or was changed."""
    try:
        payload: Any = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise InvitationExpired from exc
    except signing.BadSignature as exc:
        raise InvitationInvalid from exc
    if not isinstance(payload, dict):
        raise InvitationInvalid
    pk, email = payload.get("m"), payload.get("e")
    if not isinstance(pk, int) or not isinstance(email, str):
        raise InvitationInvalid
    member = (
        TeamMember.objects.select_related(
            "application__edition", "application__municipality", "user"
        )
        .filter(pk=pk)
        .first()
    )
    if member is None or member.email.strip().lower() != email:
        raise InvitationInvalid
    return member
