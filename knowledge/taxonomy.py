"""The fixed taxonomy of the kennisbank, from the research: five bouwopgaven,
four vensters, the six domains of Movisie's Participatiewiel and the laws the
content is about.

Plain data plus one function that writes it through an app registry, so that
the data migration (with its historical models) and tests (with the real ones)
make the same rows. The numbers match ``portal.taxonomy``.
"""

from typing import Any

from django.utils.text import slugify

# (number, name, description)
BOUWOPGAVEN = (
    (
        1,
        "Integraal werken als een doorlopend bouwproces",
        "Integraal werken is nooit af. Het vraagt van gemeenten en professionals "
        "blijvende aandacht: leren, bijsturen en opnieuw afspraken maken.",
    ),
    (
        2,
        "Niet over, maar met de inwoner",
        "De inwoner bepaalt mee. Zijn wensen en behoeften op alle leefgebieden "
        "zijn het vertrekpunt, niet de regeling of de organisatie.",
    ),
    (
        3,
        "Betrokkenen (ook verticaal) met elkaar in verbinding brengen",
        "Professionals, managers, beleidsmakers en bestuurders kennen elkaar en "
        "elkaars expertise en werken vanuit een gedeelde visie.",
    ),
    (
        4,
        "Duidelijke afspraken over regie en werkprocessen",
        "Wie houdt de regie, wie doet wat, en hoe gaat de overdracht? Heldere "
        "afspraken voorkomen dat inwoners tussen wal en schip raken.",
    ),
    (
        5,
        "Participatie als stip op de horizon",
        "Meedoen, waar mogelijk in (vrijwilligers)werk, is het doel op lange "
        "termijn, ook als er eerst aan andere leefgebieden gewerkt wordt.",
    ),
)

# (number, name, description)
VENSTERS = (
    (
        1,
        "De inwoner",
        "Ondersteuningsbehoeften op verschillende leefgebieden, behoefte aan "
        "keuzevrijheid en eigen regie, zelf oplossingen aandragen.",
    ),
    (
        2,
        "De professional",
        "Starten vanuit de leefwereld, deskundigheid samenbrengen, samenwerken "
        "op basis van een gemeenschappelijke visie en vertrouwen.",
    ),
    (
        3,
        "De organisatie",
        "Een effectief interdisciplinair samenwerkingsmodel, met een "
        "gemeenschappelijke toegang en gezamenlijke intakes.",
    ),
    (
        4,
        "De overheid (beleid en bestuur)",
        "Een heldere integrale visie, een heldere opdracht aan "
        "uitvoeringsorganisaties en ruimte om regels flexibel toe te passen.",
    ),
)

# (number, name)
PARTICIPATIEWIEL_DOMAINS = (
    (1, "Zelfstandig functioneren"),
    (2, "Sociale contacten"),
    (3, "Maatschappelijk deelnemen"),
    (4, "Maatschappelijk bijdragen"),
    (5, "Vaardigheden opdoen"),
    (6, "Betaald werk"),
)

LEGAL_FRAMEWORKS = (
    "Participatiewet",
    "Wmo 2015",
    "Jeugdwet",
    "Wet gemeentelijke schuldhulpverlening",
    "Wet inburgering 2021",
)


def taxonomy_ensure(apps: Any) -> None:
    """Make or update the taxonomy's rows; running it again changes nothing.

    ``apps`` is an app registry: the historical one in a migration,
    ``django.apps.apps`` elsewhere.
    """
    numbered = (
        ("Bouwopgave", BOUWOPGAVEN),
        ("Venster", VENSTERS),
        (
            "ParticipatiewielDomain",
            tuple((n, name, "") for n, name in PARTICIPATIEWIEL_DOMAINS),
        ),
    )
    for model_name, rows in numbered:
        model = apps.get_model("knowledge", model_name)
        for number, name, description in rows:
            model.objects.update_or_create(
                number=number,
                defaults={
                    "name": name,
                    "slug": slugify(name),
                    "description": description,
                },
            )
    legal_framework = apps.get_model("knowledge", "LegalFramework")
    for name in LEGAL_FRAMEWORKS:
        legal_framework.objects.update_or_create(
            name=name, defaults={"slug": slugify(name)}
        )
