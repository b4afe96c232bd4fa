"""Reads of the cohort space: who may enter, the cohort, the session plan,
reflections and the municipality's notes on the praatplaat."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from knowledge.models import PraatplaatHotspot, PraatplaatPage
from portal.models import User

from ..models import (
    REVIEW_PERMISSION,
    Application,
    Edition,
    PraatplaatNote,
    Reflection,
    Session,
    SessionMaterial,
    TeamMember,
)


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


def cohort_access_for(*, edition: Edition, user: User) -> CohortAccess | None:
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


@dataclass(frozen=True)
class CohortSpace:
    """A team the user is in, in an edition's cohort space."""

    application: Application
    # The cohort page opens with the user's first team of an edition (see
    # ``CohortAccess.application``); another team is reached through its
    # own workspace.
    opens_cohort_page: bool


def cohort_space_list_for(*, user: User | AnonymousUser) -> list[CohortSpace]:
    """The accepted teams the user is in, newest edition first: where the
    user works in a cohort space."""
    if not user.is_authenticated:
        return []
    applications = (
        Application.objects.filter(
            team_members__user=user, status=Application.Status.ACCEPTED
        )
        .select_related("edition", "municipality")
        .order_by(
            "-edition__applications_open_at",
            "edition_id",
            "municipality__name",
            "pk",
        )
        .distinct()
    )
    spaces: list[CohortSpace] = []
    seen: set[int] = set()
    for application in applications:
        spaces.append(
            CohortSpace(
                application=application,
                opens_cohort_page=application.edition_id not in seen,
            )
        )
        seen.add(application.edition_id)
    return spaces


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


def reflection_list_for(*, application: Application) -> QuerySet[Reflection]:
    return Reflection.objects.filter(application=application).select_related(
        "session", "author"
    )


def praatplaat_for_workspace(
    *, application: Application
) -> tuple[
    PraatplaatPage | None, list[tuple[PraatplaatHotspot, PraatplaatNote | None]]
]:
    """The live praatplaat and, per bouwsteen, the municipality's note."""
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
