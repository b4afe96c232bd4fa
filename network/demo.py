"""Demo content of the leernetwerk: partners, regions and municipalities.

From the source documents: the partners of the VIMP, the three
samenwerkingsverbanden of the research, and all 26 municipalities of the
province of Utrecht (plus Bodegraven-Reeuwijk, in Zuid-Holland but part of
Ferm Werk).
"""

from typing import TextIO

from django.utils.text import slugify

from .models import Municipality, Organisation, Province, Region

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
        Organisation.objects.update_or_create(
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
