"""Demo content of the leergang: the open edition "Innovatieleergang 2027"
with applications in several states from municipalities of the three
samenwerkingsverbanden of the research."""

from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from network.models import Domain, Municipality
from portal.taxonomy import Bouwopgave

from .models import Application, Edition, TeamMember

EDITION_SLUG = "innovatieleergang-2027"
EDITION_DESCRIPTION = (
    "In de Innovatieleergang 2027 werken vijf gemeenten een jaar lang met een "
    "eigen team aan integraal werken aan participatie. In zes bijeenkomsten "
    "leert u van onderzoekers en van elkaar, en u verbetert een werkproces in "
    "uw eigen gemeente.\n\nDe leergang begint in het voorjaar van 2027."
)

S = Application.Status

# (municipality, status, bouwopgaven, decision message)
APPLICATIONS = [
    ("Houten", S.ACCEPTED, [1, 3], ""),
    ("Woerden", S.SUBMITTED, [2, 5], ""),
    ("Zeist", S.RESERVE, [4], "Wij houden uw gemeente graag op de reservelijst."),
    ("Nieuwegein", S.DRAFT, [2], ""),
    (
        "Oudewater",
        S.DECLINED,
        [5],
        "Uw team is nog niet compleet; meld u gerust aan voor de volgende editie.",
    ),
]

TEAM = [
    ("Beleidsmedewerker participatie", Domain.PARTICIPATION_ACT),
    ("Teamleider sociaal team", Domain.WMO),
    ("Klantmanager werk en inkomen", Domain.PARTICIPATION_ACT),
    ("Adviseur UWV", Domain.UWV),
]


def seed(*, out: TextIO) -> None:
    _remove_placeholder_pages()
    now = timezone.now()
    edition, created = Edition.objects.get_or_create(
        slug=EDITION_SLUG,
        defaults={
            "title": "Innovatieleergang 2027",
            "description": EDITION_DESCRIPTION,
            "cohort_size": 5,
            "applications_open_at": now - timedelta(days=30),
            "applications_close_at": now + timedelta(days=90),
        },
    )
    made = 0
    for name, status, bouwopgaven, message in APPLICATIONS:
        municipality = Municipality.objects.filter(name=name).first()
        if municipality is None:
            continue
        if Application.objects.filter(
            edition=edition, municipality=municipality
        ).exists():
            continue
        slug = municipality.slug
        submitted = status != S.DRAFT
        application = Application.objects.create(
            edition=edition,
            municipality=municipality,
            status=status,
            contact_name=f"Contactpersoon {name}",
            contact_email=f"leergang@{slug}.example.org",
            motivation=(
                f"Gemeente {name} wil dat inwoners met vragen op meerdere "
                "levensgebieden sneller passend werk vinden."
            ),
            bouwopgaven=[Bouwopgave(n).value for n in bouwopgaven],
            commitment_name=f"Wethouder van {name}",
            commitment_role="Wethouder sociaal domein",
            decision_message=message,
            submitted_at=now - timedelta(days=10) if submitted else None,
            decided_at=(
                now - timedelta(days=2)
                if status in (S.ACCEPTED, S.RESERVE, S.DECLINED)
                else None
            ),
        )
        TeamMember.objects.bulk_create(
            TeamMember(
                application=application,
                name=f"Teamlid {position + 1} {name}",
                email=f"team{position + 1}@{slug}.example.org",
                function=function,
                domain=domain,
                position=position,
            )
            for position, (function, domain) in enumerate(TEAM)
        )
        made += 1
    if created or made:
        out.write(f"Leergang: {edition.title}, {made} aanmeldingen\n")


def _remove_placeholder_pages() -> None:
    """The leergang was a placeholder page before it was built; its address
    belongs to the leergang's own pages now."""
    from portal.models import ContentPage

    for page in ContentPage.objects.filter(slug="leergang", depth=3):
        page.delete()
