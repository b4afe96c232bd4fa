"""Demo content of the leergang: the open edition "Innovatieleergang 2027"
with applications in every state from municipalities of the three
samenwerkingsverbanden of the research, and the finished edition
"Innovatieleergang 2025" with its cohort space filled in: sessions,
zelfscans at start, halfway and end, and reflections."""

from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from leergang.models import (
    Application,
    Edition,
    Reflection,
    Scan,
    ScanMoment,
    ScanScore,
    Session,
    SessionMaterial,
    TeamMember,
)
from network.models import Domain, Municipality
from portal.models import ContentPage, User
from portal.taxonomy import Bouwopgave

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
    ("IJsselstein", S.WITHDRAWN, [3], ""),
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
            withdrawn_at=now - timedelta(days=3) if status == S.WITHDRAWN else None,
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
    _seed_past_edition(out=out)


def _remove_placeholder_pages() -> None:
    """The leergang was a placeholder page before it was built; its address
    belongs to the leergang's own pages now."""
    for page in ContentPage.objects.filter(slug="leergang", depth=3):
        page.delete()


# --- The finished edition with its cohort space -------------------------------

PAST_EDITION_SLUG = "innovatieleergang-2025"
PAST_EDITION_DESCRIPTION = (
    "De eerste Innovatieleergang: vijf gemeenten uit de samenwerkingsverbanden "
    "van het onderzoek werkten een jaar lang aan integraal werken aan participatie."
)
# (municipality, starting level, growth per moment, bouwopgaven)
PAST_COHORT = [
    ("Woerden", 2, 1, [1, 4]),
    ("Montfoort", 2, 1, [2]),
    ("Oudewater", 1, 1, [3, 5]),
    ("Bodegraven-Reeuwijk", 3, 0, [4]),
    ("Lopik", 2, 0, [2, 3]),
]
# The demo account of a municipality works in Woerden's team.
TEAM_ACCOUNT_EMAIL = "gemeente@example.org"

PAST_SESSIONS = [
    (
        "Kick-off: waar staan we?",
        None,
        "Kennismaken, de praatplaat verkennen en de zelfscan bij de start.",
    ),
    (
        "Integraal werken als doorlopend bouwproces",
        1,
        "Hoe houdt u integraal werken vast als mensen en regels veranderen?",
    ),
    (
        "Niet over, maar met de inwoner",
        2,
        "Met ervaringsdeskundigen: de inwoner aan tafel bij het plan.",
    ),
    (
        "Regie en werkprocessen",
        4,
        "Halverwege: afspraken over regie, en de tweede zelfscan.",
    ),
    (
        "Participatie als stip op de horizon",
        5,
        "Wat levert het op? Werken met de Effectencalculator van Op Koers.",
    ),
    (
        "Slotbijeenkomst: oogsten en borgen",
        3,
        "Wat neemt u mee? De laatste zelfscan en uw praktijkverhaal.",
    ),
]

REFLECTIONS = [
    (
        0,
        "We merkten dat iedereen vanuit de eigen wet dacht.",
        "We zijn een gezamenlijke casustafel gestart en hebben die na vier weken "
        "bijgesteld.",
        "",
    ),
    (
        2,
        "Inwoners gaven aan dat ze hun verhaal steeds opnieuw moesten vertellen.",
        "We vragen nu bij de intake wie er al betrokken is.",
        "We zien dat ons idee van 'zelfredzaam' niet altijd past bij wat "
        "inwoners zelf willen.",
    ),
    (
        3,
        "",
        "De regie lag bij niemand; we hebben één regisseur per huishouden afgesproken.",
        "De bestuurders in de regio moeten de budgetten samen durven inzetten.",
    ),
]


def _score(level: int, growth: int, moment: int, b: int, v: int) -> int:
    """A plausible score: a level that grows over the moments, with a little
    variation per bouwopgave and venster."""
    variation = (b * 7 + v * 3 + moment) % 3 - 1
    return max(1, min(5, level + growth * moment + variation))


def _seed_past_edition(*, out: TextIO) -> None:
    now = timezone.now()
    edition, _created = Edition.objects.get_or_create(
        slug=PAST_EDITION_SLUG,
        defaults={
            "title": "Innovatieleergang 2025",
            "description": PAST_EDITION_DESCRIPTION,
            "cohort_size": 5,
            "applications_open_at": now - timedelta(days=700),
            "applications_close_at": now - timedelta(days=620),
        },
    )
    sessions = []
    for position, (title, bouwopgave, description) in enumerate(PAST_SESSIONS):
        session, _made = Session.objects.get_or_create(
            edition=edition,
            title=title,
            defaults={
                "starts_at": now - timedelta(days=560 - position * 70),
                "bouwopgave": bouwopgave,
                "description": description,
                "position": position,
            },
        )
        sessions.append(session)
    if not SessionMaterial.objects.filter(session=sessions[0]).exists():
        SessionMaterial.objects.create(
            session=sessions[0],
            title="Het Participatiewiel (Movisie)",
            url="https://www.movisie.nl/",
        )
    team_account = User.objects.filter(email=TEAM_ACCOUNT_EMAIL).first()
    made = 0
    for name, level, growth, bouwopgaven in PAST_COHORT:
        municipality = Municipality.objects.filter(name=name).first()
        if municipality is None:
            continue
        if Application.objects.filter(
            edition=edition, municipality=municipality
        ).exists():
            continue
        slug = municipality.slug
        application = Application.objects.create(
            edition=edition,
            municipality=municipality,
            status=S.ACCEPTED,
            contact_name=f"Contactpersoon {name}",
            contact_email=f"leergang@{slug}.example.org",
            motivation=(
                f"Gemeente {name} wil de samenwerking tussen het sociaal team en "
                "werk en inkomen verbeteren."
            ),
            bouwopgaven=bouwopgaven,
            commitment_name=f"Wethouder van {name}",
            commitment_role="Wethouder sociaal domein",
            submitted_at=now - timedelta(days=640),
            decided_at=now - timedelta(days=610),
        )
        members = TeamMember.objects.bulk_create(
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
        author = None
        if name == "Woerden" and team_account is not None:
            TeamMember.objects.filter(pk=members[0].pk).update(
                user=team_account,
                name=team_account.get_full_name() or members[0].name,
                email=team_account.email,
                invited_at=now - timedelta(days=600),
                joined_at=now - timedelta(days=598),
            )
            author = team_account
        for index, moment in enumerate(ScanMoment):
            scan = Scan.objects.create(
                application=application,
                moment=moment,
                submitted_at=now - timedelta(days=550 - index * 200),
                updated_by=author,
            )
            ScanScore.objects.bulk_create(
                ScanScore(
                    scan=scan,
                    bouwopgave=b,
                    venster=v,
                    score=_score(level, growth, index, b, v),
                    explanation=(
                        "Dit bespraken we in het team." if (b + v) % 7 == 0 else ""
                    ),
                )
                for b in Bouwopgave.values
                for v in range(1, 5)
            )
        if name in ("Woerden", "Montfoort"):
            Reflection.objects.bulk_create(
                Reflection(
                    application=application,
                    session=sessions[session_index],
                    author=author,
                    first_order=first,
                    second_order=second,
                    third_order=third,
                )
                for session_index, first, second, third in REFLECTIONS
            )
        made += 1
    if made:
        out.write(f"Leergang: {edition.title}, cohort van {made} gemeenten\n")
