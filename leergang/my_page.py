"""The leergang's part of a member's own page (/mijn/) and data download.

Registered with `portal.member_areas` in `LeergangConfig.ready()`: the network
app owns /mijn/ and does not import the leergang.
"""

from typing import Any

from portal.member_areas import MyPageSection
from portal.models import User
from portal.roles import Role

from .models import Application, Reflection, TeamMember
from .selectors.cohort import cohort_space_list_for


def _contact_applications(user: User) -> list[Application]:
    if not user.has_role(Role.MUNICIPALITY_CONTACT):
        return []
    profile = getattr(user, "member_profile", None)
    if profile is None or profile.municipality_id is None:
        return []
    return list(
        Application.objects.filter(municipality_id=profile.municipality_id)
        .select_related("edition", "municipality")
        .order_by("-edition__applications_open_at", "-created_at")
    )


def _team_memberships(user: User) -> list[TeamMember]:
    return list(
        TeamMember.objects.filter(user=user)
        .select_related("application__edition", "application__municipality")
        .order_by("-application__edition__applications_open_at")
    )


def my_page_section(user: User) -> MyPageSection | None:
    """Applications of the contact's gemeente and the teams the user is in."""
    applications = _contact_applications(user)
    teams = _team_memberships(user)
    if not applications and not teams:
        return None
    # A second team in the same edition is linked straight to its own
    # workspace: the cohort page opens with the first.
    workspace_links = {
        space.application.pk
        for space in cohort_space_list_for(user=user)
        if not space.opens_cohort_page
    }
    return MyPageSection(
        template="leergang/my_page_section.html",
        context={
            "applications": applications,
            "teams": teams,
            "accepted": Application.Status.ACCEPTED,
            "workspace_links": workspace_links,
        },
    )


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def personal_data(user: User) -> dict[str, Any] | None:
    """What the leergang keeps about the user as a person: the applications
    they made, their place in teams and the reflections they wrote. The
    gemeente's zelfscan is the team's, not a person's, and is not included."""
    applications = [
        {
            "edition": application.edition.title,
            "municipality": application.municipality.name,
            "status": application.status,
            "status_label": str(application.get_status_display()),
            "contact_name": application.contact_name,
            "contact_email": application.contact_email,
            "contact_phone": application.contact_phone,
            "submitted_at": _iso(application.submitted_at),
        }
        for application in Application.objects.filter(applicant=user)
        .select_related("edition", "municipality")
        .order_by("created_at")
    ]
    teams = [
        {
            "edition": member.application.edition.title,
            "municipality": member.application.municipality.name,
            "name": member.name,
            "email": member.email,
            "function": member.function,
            "domain": member.domain,
            "invited_at": _iso(member.invited_at),
            "joined_at": _iso(member.joined_at),
        }
        for member in _team_memberships(user)
    ]
    reflections = [
        {
            "edition": reflection.application.edition.title,
            "session": reflection.session.title,
            "first_order": reflection.first_order,
            "second_order": reflection.second_order,
            "third_order": reflection.third_order,
            "created_at": _iso(reflection.created_at),
        }
        for reflection in Reflection.objects.filter(author=user)
        .select_related("application__edition", "session")
        .order_by("created_at")
    ]
    if not (applications or teams or reflections):
        return None
    return {
        "applications": applications,
        "team_memberships": teams,
        "reflections": reflections,
    }
