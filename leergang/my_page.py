"""The leergang's part of a member's own page (/mijn/), data download and
account deletion.

Registered with `portal.member_areas` in `LeergangConfig.ready()`: the network
app owns /mijn/, the download and the deletion and does not import the
leergang. ``PERSONAL_DATA`` declares, for each of the leergang's models that
holds personal data, where the download has it or why it does not
(``tests/privacy/`` checks that none is missing).
"""

from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q

from portal.audit import FORGOTTEN
from portal.member_areas import DataUse, Exported, MyPageSection, NotExported
from portal.models import User
from portal.roles import Role

from .models import Application, Reflection, TeamMember
from .selectors.cohort import cohort_space_list_for

PERSONAL_DATA: dict[str, DataUse] = {
    # decided_by (the coordinator who decided) is their work for the
    # programme, not the coordinator's personal data; emptied with the account.
    "leergang.Application": Exported("leergang.applications", owner="applicant"),
    "leergang.TeamMember": Exported("leergang.team_memberships", owner="user"),
    "leergang.Reflection": Exported("leergang.reflections", owner="author"),
    "leergang.Scan": NotExported(
        "the gemeente's zelfscan is the team's, not a person's; updated_by "
        "(who saved it last) is emptied with the account"
    ),
    "leergang.PraatplaatNote": NotExported(
        "the team's notes on the praatplaat; updated_by (who saved last) is "
        "emptied with the account"
    ),
    "leergang.PracticeStory": NotExported(
        "links a cohort's story to its page in the kennisbank; created_by "
        "(the coordinator) is emptied with the account"
    ),
}


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


def _emails(user: User) -> set[str]:
    return {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }


def _applications_of(user: User) -> Q:
    """Applications the user made or in which they are the contact person."""
    condition = Q(applicant=user)
    for email in _emails(user):
        condition |= Q(contact_email__iexact=email)
    return condition


def personal_data(user: User) -> dict[str, Any] | None:
    """What the leergang keeps about the user as a person: the applications
    they made or are the contact person of, their place in teams and the
    reflections they wrote. The
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
        for application in Application.objects.filter(_applications_of(user))
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


def erase_personal_data(user: User) -> Iterable[str]:
    """Before the account of ``user`` is deleted: the teams they are in
    keep a place for them without their name and address, and applications
    with them as contact person keep the application without their name,
    address and phone number. (The applicant and the author of reflections
    are emptied by the deletion itself; the reflections are the team's.)
    Returns the names, addresses and numbers that were erased."""
    by_address = Q(pk__in=[])
    contact = Q(pk__in=[])
    for email in _emails(user):
        by_address |= Q(email__iexact=email)
        contact |= Q(contact_email__iexact=email)
    full_name = user.get_full_name().strip()
    if full_name:
        contact |= Q(applicant=user, contact_name__iexact=full_name)
    erased: list[str] = []
    members = TeamMember.objects.filter(Q(user=user) | by_address)
    for name, email in members.values_list("name", "email"):
        erased += [name, email]
    members.update(name=str(FORGOTTEN), email="", user=None)
    applications = Application.objects.filter(contact)
    for values in applications.values_list(
        "contact_name", "contact_email", "contact_phone"
    ):
        erased += values
    applications.update(contact_name=str(FORGOTTEN), contact_email="", contact_phone="")
    return [value for value in erased if value]
