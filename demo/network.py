"""Demo content of the leernetwerk: partners, regions and municipalities.

From the source documents: the partners of the VIMP, the three
samenwerkingsverbanden of the research, and all 26 municipalities of the
province of Utrecht (plus Bodegraven-Reeuwijk, in Zuid-Holland but part of
Ferm Werk).
"""

from datetime import datetime, time, timedelta
from typing import TextIO

from django.utils import timezone
from django.utils.text import slugify

from demo.members import seed_members
from network.models import (
    Event,
    EventBouwopgave,
    Municipality,
    Organisation,
    Province,
    Region,
    Registration,
)
from portal.models import ContentPage, User
from portal.taxonomy import Bouwopgave

UTRECHT_MUNICIPALITIES = [
    "Amersfoort", "Baarn", "De Bilt", "Bunnik", "Bunschoten", "Eemnes",
    "Houten", "IJsselstein", "Leusden", "Lopik", "Montfoort", "Nieuwegein",
    "Oudewater", "Renswoude", "Rhenen", "De Ronde Venen", "Soest",
    "Stichtse Vecht", "Utrecht", "Utrechtse Heuvelrug", "Veenendaal",
    "Vijfheerenlanden", "Wijk bij Duurstede", "Woerden", "Woudenberg", "Zeist",
]  # fmt: skip

OTHER_MUNICIPALITIES = [("Bodegraven-Reeuwijk", Province.ZUID_HOLLAND)]

MUNICIPALITY_NOTES = {
    "Vijfheerenlanden": "Sinds 2019 samen met het voormalige Vianen.",
}

REGIONS = {
    "Ferm Werk": (
        "Sociale dienst van Woerden, Montfoort, Oudewater en Bodegraven-Reeuwijk.",
        ["Woerden", "Montfoort", "Oudewater", "Bodegraven-Reeuwijk"],
    ),
    "WIL Werk en Inkomen Lekstroom": (
        "Werk en inkomen voor Houten, Lopik, IJsselstein, Nieuwegein en het "
        "voormalige Vianen (nu Vijfheerenlanden).",
        ["Houten", "Lopik", "IJsselstein", "Nieuwegein", "Vijfheerenlanden"],
    ),
    "RSD Kromme Rijn Heuvelrug": (
        "Regionale sociale dienst van De Bilt, Bunnik, Utrechtse Heuvelrug, "
        "Wijk bij Duurstede en Zeist.",
        ["De Bilt", "Bunnik", "Utrechtse Heuvelrug", "Wijk bij Duurstede", "Zeist"],
    ),
}

PARTNERS = [
    ("Hogeschool Utrecht", Organisation.Kind.KNOWLEDGE, "https://www.hu.nl/"),
    ("Movisie", Organisation.Kind.KNOWLEDGE, "https://www.movisie.nl/"),
    ("Divosa", Organisation.Kind.ASSOCIATION, "https://www.divosa.nl/"),
    ("SAM", Organisation.Kind.ASSOCIATION, ""),
    ("Gemeente Houten", Organisation.Kind.MUNICIPALITY, "https://www.houten.nl/"),
    (
        "Kennisplatform Utrecht Sociaal Domein",
        Organisation.Kind.ASSOCIATION,
        "https://www.utrechtsociaal.nl/",
    ),
    ("ZonMw", Organisation.Kind.FUNDER, "https://www.zonmw.nl/"),
]


def seed(*, out: TextIO) -> None:
    municipalities = {}
    for name in UTRECHT_MUNICIPALITIES:
        municipalities[name] = _municipality(name, Province.UTRECHT)
    for name, province in OTHER_MUNICIPALITIES:
        municipalities[name] = _municipality(name, province)

    for name, (description, members) in REGIONS.items():
        region, _ = Region.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )
        region.municipalities.add(*(municipalities[m] for m in members))

    for order, (name, kind, website) in enumerate(PARTNERS, start=1):
        Organisation.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "website": website,
                "is_partner": True,
                "partner_order": order,
                "municipality": municipalities["Houten"]
                if name == "Gemeente Houten"
                else None,
            },
        )
    _seed_events(out=out)
    seed_members(out=out)
    partners = Organisation.objects.filter(is_partner=True).count()
    out.write(
        f"{Municipality.objects.count()} gemeenten, {Region.objects.count()} "
        f"samenwerkingsverbanden, {partners} partners.\n"
    )


def _municipality(name: str, province: str) -> Municipality:
    municipality, _ = Municipality.objects.get_or_create(
        slug=slugify(name),
        defaults={
            "name": name,
            "province": province,
            "note": MUNICIPALITY_NOTES.get(name, ""),
        },
    )
    return municipality


# (slug, title, kind, days from today, start hour, hours, capacity, online,
#  location, bouwopgaven, summary)
EVENTS = [
    ("webinar-kennissynthese", "Webinar: wat werkt bij integraal werken?",
     Event.Kind.WEBINAR, 9, 15, 1.5, None, True, "", [1, 4],
     "De kennissynthese van zeven projecten in een uur: welke elementen werken, "
     "en welke juist niet."),
    ("kennisatelier-met-de-inwoner", "Kennisatelier: niet over, maar met de inwoner",
     Event.Kind.KENNISATELIER, 16, 13, 3, 3, False, "Stadskantoor Houten", [2],
     "Samen met ervaringsdeskundigen werken aan een aanpak waarin de inwoner "
     "meebeslist."),
    ("kennisatelier-regie", "Kennisatelier: regie en werkprocessen",
     Event.Kind.KENNISATELIER, 23, 9, 3, 20, False, "Hogeschool Utrecht",
     [4, 3], "Hoe maak je duidelijke afspraken over regie tussen sociaal team en "
     "werk en inkomen?"),
    ("inspiratiebijeenkomst-op-koers", "Inspiratiebijeenkomst: Op Koers in Houten",
     Event.Kind.INSPIRATION, 30, 14, 2.5, 40, False, "Gemeentehuis Houten", [5, 1],
     "De aanpak Op Koers en de Effectencalculator: wat levert integraal werken op?"),
    ("conferentie-integraal-werken", "Conferentie Lokaal & Integraal Werken",
     Event.Kind.CONFERENCE, 60, 10, 6, 150, False, "Utrecht", [1, 2, 3, 4, 5],
     "De jaarlijkse conferentie van het leernetwerk voor professionals, "
     "inwoners en beleidsmakers."),
    ("webinar-participatiewiel", "Webinar: het Participatiewiel in de praktijk",
     Event.Kind.WEBINAR, -20, 15, 1, None, True, "", [2, 5],
     "Movisie laat zien hoe professionals het Participatiewiel gebruiken."),
    ("kennisatelier-verbinding", "Kennisatelier: verticaal verbinden",
     Event.Kind.KENNISATELIER, -45, 13, 3, 25, False, "Woerden", [3],
     "Managers, beleidsmakers en uitvoerders met elkaar in gesprek."),
]  # fmt: skip


def _at(days: int, hour: float) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    start = datetime.combine(day, time(int(hour), int(hour % 1 * 60)))
    return timezone.make_aware(start)


def _remove_placeholder_pages() -> None:
    """The agenda and the leernetwerk were placeholder pages before they were
    built; their addresses belong to the leernetwerk's own pages now."""
    for page in ContentPage.objects.filter(slug__in=["agenda", "leernetwerk"], depth=3):
        page.delete()


def _seed_events(*, out: TextIO) -> None:
    _remove_placeholder_pages()
    movisie = Organisation.objects.filter(slug="movisie").first()
    hu = Organisation.objects.filter(slug="hogeschool-utrecht").first()
    made = 0
    for (slug, title, kind, days, hour, hours, capacity, online, location,
         bouwopgaven, summary) in EVENTS:  # fmt: skip
        if Event.objects.filter(slug=slug).exists():
            continue
        starts_at = _at(days, hour)
        event = Event.objects.create(
            slug=slug,
            title=title,
            kind=kind,
            summary=summary,
            description=summary
            + "\n\nVoor professionals in zorg en welzijn en in werk en inkomen, "
            "beleidsmakers en ervaringsdeskundigen uit de regio Utrecht.",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            capacity=capacity,
            online_url="https://meet.example.org/leernetwerk-" + slug if online else "",
            location=location,
            organiser=movisie if "participatiewiel" in slug else hu,
            contact_email="leernetwerk@example.org",
            recording_url="https://video.example.org/" + slug if days < 0 else "",
        )
        EventBouwopgave.objects.bulk_create(
            EventBouwopgave(event=event, bouwopgave=Bouwopgave(n)) for n in bouwopgaven
        )
        made += 1
    _seed_registrations()
    if made:
        out.write(f"{made} bijeenkomsten gemaakt.\n")


def _seed_registrations() -> None:
    """The small kennisatelier is full with a waitlist; the demo member is
    registered for some events and attended a past one."""
    member = User.objects.filter(email="lid@example.org").first()
    full = Event.objects.filter(slug="kennisatelier-met-de-inwoner").first()
    if member is None or full is None or full.registrations.exists():
        return
    people = [
        User.objects.get_or_create(
            email=f"deelnemer{n}@example.org",
            defaults={"first_name": name, "last_name": "Demo"},
        )[0]
        for n, name in enumerate(["Anouk", "Bram", "Chaima", "Daan", "Esra"], 1)
    ]
    now = timezone.now()
    for index, person in enumerate(people):
        Registration.objects.create(
            event=full,
            member=person,
            status=Registration.Status.CONFIRMED
            if index < 3
            else Registration.Status.WAITLISTED,
            requested_at=now - timedelta(minutes=10 - index),
            confirmed_at=now if index < 3 else None,
        )
    for slug, status, attended in [
        ("webinar-kennissynthese", Registration.Status.CONFIRMED, None),
        ("kennisatelier-regie", Registration.Status.CONFIRMED, None),
        ("webinar-participatiewiel", Registration.Status.CONFIRMED, True),
    ]:
        event = Event.objects.get(slug=slug)
        Registration.objects.get_or_create(
            event=event,
            member=member,
            defaults={"status": status, "confirmed_at": now, "attended": attended},
        )
