"""Who may do what in the leergang, with the portal's one idiom: a check that
raises ``AccessDenied`` (shown as a 403 page) and a decorator per kind of page.

- Applying and the own application: a municipality contact
  (``contact_required``).
- Reviewing applications: whoever has the review permission, the coordinators
  (``reviewer_required``).
- The cohort space of an edition: the team members of its accepted
  municipalities and the coordinators (``cohort_member``); each team writes
  only in its own workspace, the coordinators read every workspace.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from portal.models import User
from portal.permissions import AccessDenied, login_and, require
from portal.roles import Role

from .models import REVIEW_PERMISSION, Application, Edition, Scan
from .selectors.cohort import (
    CohortAccess,
    cohort_access_for,
    cohort_application_get,
    edition_get_by_slug,
)

COHORT_REFUSED_TEMPLATE = "leergang/cohort/refused.html"
COHORT_REFUSED = _(
    "Deze pagina is alleen voor de teams van de gemeenten die meedoen aan deze "
    "leergang, en voor de coördinator."
)
WORKSPACE_READ_ONLY_TEMPLATE = "leergang/cohort/read_only.html"
WORKSPACE_READ_ONLY = _(
    "Als coördinator leest u mee in de werkruimte van een gemeente, maar u "
    "wijzigt er niets. Alleen het team van de gemeente vult de zelfscan, de "
    "reflecties en de praatplaat in."
)


def is_reviewer(user: User) -> bool:
    return user.has_perm(REVIEW_PERMISSION)


def is_municipality_contact(user: User) -> bool:
    return user.has_role(Role.MUNICIPALITY_CONTACT)


reviewer_required = login_and(
    is_reviewer,
    _("Aanmeldingen voor de leergang beoordelen kan alleen de coördinator."),
    template="leergang/review_refused.html",
)

contact_required = login_and(
    is_municipality_contact,
    _("Alleen de gemeentelijk contactpersoon kan de gemeente aanmelden."),
    template="leergang/not_contact.html",
)


def contact_municipality(user: User) -> Municipality | None:
    """The municipality a contact applies for: the one on their profile."""
    profile = getattr(user, "member_profile", None)
    return profile.municipality if profile else None


# --- The cohort space ---------------------------------------------------------


def cohort_require(condition: bool, *, access: CohortAccess) -> None:
    """Refuse with the cohort space's own page unless ``condition`` holds."""
    require(
        condition,
        str(COHORT_REFUSED),
        template=COHORT_REFUSED_TEMPLATE,
        context={"edition": access.edition},
    )


CohortView = Callable[Concatenate[HttpRequest, CohortAccess, ...], HttpResponse]


def cohort_member(view: CohortView) -> Callable[..., HttpResponse]:
    """A page of one edition's cohort space (``edition_slug`` in the address):
    an unknown edition is not found, visitors go to the login page, and
    everyone who is neither in the cohort's teams nor a coordinator is
    refused. The view gets the user's ``CohortAccess`` instead of the slug."""

    @wraps(view)
    def wrapped(
        request: HttpRequest, edition_slug: str, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        try:
            edition = edition_get_by_slug(slug=edition_slug)
        except Edition.DoesNotExist as exc:
            raise Http404 from exc
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        access = cohort_access_for(edition=edition, user=request.user)
        if access is None:
            raise AccessDenied(
                str(COHORT_REFUSED),
                template=COHORT_REFUSED_TEMPLATE,
                context={"edition": edition},
            )
        return view(request, access, *args, **kwargs)

    return wrapped


def cohort_coordinator_require(*, access: CohortAccess) -> None:
    """The overview, the export and the practice story: coordinators only."""
    cohort_require(access.is_coordinator, access=access)


def workspace_get(*, access: CohortAccess, municipality_slug: str) -> Application:
    """The municipality's workspace, when the user may see it: not found for
    a municipality outside the cohort, refused for another team's."""
    try:
        application = cohort_application_get(
            edition=access.edition, municipality_slug=municipality_slug
        )
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    cohort_require(access.may_see(application), access=access)
    return application


def workspace_edit_require(*, access: CohortAccess, application: Application) -> None:
    """Only the municipality's own team writes in its workspace. A coordinator
    reads every workspace and writes in none (docs/permissions.md); they are
    told so, with a way back into the workspace."""
    if access.may_see(application) and not access.may_edit(application):
        raise AccessDenied(
            str(WORKSPACE_READ_ONLY),
            template=WORKSPACE_READ_ONLY_TEMPLATE,
            context={"edition": access.edition, "application": application},
        )
    cohort_require(access.may_edit(application), access=access)


def scan_may_edit(
    *, access: CohortAccess, application: Application, scan: Scan | None
) -> bool:
    """The own team fills in a zelfscan until it is submitted."""
    return access.may_edit(application) and (scan is None or scan.is_editable)
