"""Demo members of the leernetwerk: profiles for the demo accounts and a
dozen more people across roles and municipalities of the region.

The extra demo members cannot log in (no usable password). Running it again
creates nothing: accounts and profiles that exist are left alone.
"""

from typing import TextIO

from network.models import (
    Domain,
    MemberProfile,
    MemberRole,
    Municipality,
    Organisation,
)
from portal.models import User
from portal.roles import Role
from portal.services import user_assign_role
from portal.taxonomy import Bouwopgave

B = Bouwopgave

# (email, first name, last name, role, organisation (list) or name (typed),
#  municipality, domains, interests, in directory, newsletter)
DEMO_ACCOUNT_PROFILES = [
    ("lid@example.org", None, None, MemberRole.PROFESSIONAL, "Gemeente Houten",
     "Houten", [Domain.WMO, Domain.PARTICIPATION_ACT],
     [B.WITH_RESIDENT, B.PARTICIPATION], True, True),
    ("coordinator@example.org", None, None, MemberRole.RESEARCHER,
     "Hogeschool Utrecht", "Utrecht", [Domain.PARTICIPATION_ACT],
     [B.CONTINUOUS_BUILDING, B.CONNECTING], True, False),
    ("gemeente@example.org", None, None, MemberRole.POLICY_MAKER,
     "Gemeente Woerden", "Woerden", [Domain.WMO, Domain.PARTICIPATION_ACT],
     [B.AGREEMENTS], False, True),
]  # fmt: skip

DEMO_MEMBERS = [
    ("anouk.jansen@example.org", "Anouk", "Jansen", MemberRole.PROFESSIONAL,
     "WIL Werk en Inkomen Lekstroom", "Nieuwegein", [Domain.PARTICIPATION_ACT],
     [B.WITH_RESIDENT], True, True),
    ("mohammed.elamrani@example.org", "Mohammed", "El Amrani",
     MemberRole.PROFESSIONAL, "Ferm Werk", "Woerden",
     [Domain.PARTICIPATION_ACT, Domain.DEBT], [B.CONNECTING, B.PARTICIPATION],
     True, False),
    ("sanne.devries@example.org", "Sanne", "de Vries", MemberRole.PROFESSIONAL,
     "Sociaal wijkteam Zeist", "Zeist", [Domain.WMO, Domain.YOUTH],
     [B.WITH_RESIDENT, B.CONNECTING], True, True),
    ("kees.bakker@example.org", "Kees", "Bakker", MemberRole.EXPERIENCE_EXPERT,
     "", "Houten", [Domain.WMO], [B.WITH_RESIDENT], True, False),
    ("fatma.yilmaz@example.org", "Fatma", "Yilmaz", MemberRole.POLICY_MAKER,
     "Gemeente IJsselstein", "IJsselstein", [Domain.WMO, Domain.PARTICIPATION_ACT],
     [B.AGREEMENTS, B.CONTINUOUS_BUILDING], True, True),
    ("joost.vandam@example.org", "Joost", "van Dam", MemberRole.MANAGER,
     "RSD Kromme Rijn Heuvelrug", "De Bilt", [Domain.PARTICIPATION_ACT],
     [B.AGREEMENTS], True, False),
    ("lieke.smit@example.org", "Lieke", "Smit", MemberRole.RESEARCHER,
     "Movisie", "Utrecht", [Domain.WMO, Domain.MENTAL_HEALTH],
     [B.CONTINUOUS_BUILDING], True, True),
    ("ruud.hendriks@example.org", "Ruud", "Hendriks", MemberRole.ADMINISTRATOR,
     "Gemeente Bunnik", "Bunnik", [Domain.WMO, Domain.PARTICIPATION_ACT],
     [B.PARTICIPATION], False, True),
    ("esther.mulder@example.org", "Esther", "Mulder", MemberRole.PROFESSIONAL,
     "UWV", "Amersfoort", [Domain.UWV], [B.CONNECTING], True, False),
    ("daan.visser@example.org", "Daan", "Visser", MemberRole.PROFESSIONAL,
     "GGZ Centraal", "Veenendaal", [Domain.MENTAL_HEALTH],
     [B.WITH_RESIDENT, B.CONNECTING], False, False),
    ("noor.peters@example.org", "Noor", "Peters", MemberRole.POLICY_MAKER,
     "Divosa", "Utrecht", [Domain.PARTICIPATION_ACT],
     [B.AGREEMENTS, B.PARTICIPATION], True, True),
    ("henk.dejong@example.org", "Henk", "de Jong", MemberRole.EXPERIENCE_EXPERT,
     "", "Lopik", [Domain.PARTICIPATION_ACT], [B.WITH_RESIDENT, B.PARTICIPATION],
     False, True),
    ("yvonne.kok@example.org", "Yvonne", "Kok", MemberRole.MANAGER,
     "SAM", "Wijk bij Duurstede", [Domain.WMO, Domain.EDUCATION],
     [B.CONTINUOUS_BUILDING], True, False),
]  # fmt: skip


def seed_members(*, out: TextIO) -> None:
    """Give the demo accounts a member profile and add the demo members."""
    created_users = created_profiles = 0
    for spec in [*DEMO_ACCOUNT_PROFILES, *DEMO_MEMBERS]:
        email, first_name, last_name = spec[0], spec[1], spec[2]
        user = User.objects.filter(email=email).first()
        if user is None:
            if first_name is None:
                continue  # a demo account that the site's seed did not make
            user = User(email=email, first_name=first_name, last_name=last_name)
            user.set_unusable_password()
            user.save()
            user_assign_role(user=user, role=Role.MEMBER)
            created_users += 1
        if MemberProfile.objects.filter(user=user).exists():
            continue
        _profile(user, *spec[3:])
        user_assign_role(user=user, role=Role.MEMBER)
        created_profiles += 1
    if created_users or created_profiles:
        out.write(
            f"{created_profiles} leden van het leernetwerk gemaakt "
            f"({created_users} nieuwe demo-leden).\n"
        )


def _profile(
    user: User,
    role: str,
    organisation: str,
    municipality: str,
    domains: list[str],
    interests: list[int],
    show_in_directory: bool,
    receive_newsletter: bool,
) -> MemberProfile:
    known = (
        Organisation.objects.filter(name=organisation).first() if organisation else None
    )
    return MemberProfile.objects.create(
        user=user,
        role=role,
        organisation=known,
        organisation_name="" if known else organisation,
        municipality=Municipality.objects.filter(name=municipality).first(),
        domains=[str(d) for d in domains],
        interests=[int(i) for i in interests],
        show_in_directory=show_in_directory,
        receive_newsletter=receive_newsletter,
    )
