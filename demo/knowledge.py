"""Demo content of the kennisbank, drawn from the programme's source documents.

The end report of 'Lokaal & Integraal Werken aan Participatie', the
kennissynthese of the seven ZonMw projects, the Participatiewiel and the
Effectencalculator, werkzame elementen, a theme page per bouwopgave, the
praatplaat with its bouwstenen, and enough publications (over forty) that
facets and paging mean something. Running it again creates nothing new.
"""

import zlib
from datetime import date
from typing import TextIO

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents.models import Document

from demo.pages import page_publish
from knowledge.models import (
    Author,
    Bouwopgave,
    Doelgroep,
    ItemType,
    KnowledgeAttachment,
    KnowledgeIndexPage,
    LegalFramework,
    ParticipatiewielDomain,
    PraatplaatHotspot,
    PraatplaatPage,
    PublicationPage,
    ThemePage,
    ToolPage,
    Venster,
    WerkzaamElementPage,
)
from knowledge.services.review import review_workflow_setup
from knowledge.taxonomy import LEGAL_FRAMEWORKS, PARTICIPATIEWIEL_DOMAINS
from network.models import Organisation
from portal.models import ContentPage, HomePage

# The fixed taxonomy is made by a migration (knowledge.taxonomy).
DOMAINS = [name for _number, name in PARTICIPATIEWIEL_DOMAINS]

DOELGROEPEN = [
    "Klantmanagers en participatiecoaches",
    "Sociale wijkteams",
    "Beleidsmakers",
    "Inwoners en ervaringsdeskundigen",
    "Professionals van UWV",
    "Professionals in de GGZ",
]

AUTHORS = [
    # (name, family name for APA, initials, organisation)
    ("Joep Binkhorst", "Binkhorst", "J.", "Hogeschool Utrecht"),
    ("Yannick Burink", "Burink", "Y.", "Hogeschool Utrecht"),
    ("Carla Nouwen", "Nouwen", "C.", None),
    ("Ard van Oosten", "Van Oosten", "A.", None),
    ("Jantien van Berkel", "Van Berkel", "J.", None),
    ("Jeanet van de Korput", "Van de Korput", "J.", None),
    ("Carmen Paalman", "Paalman", "C.", None),
]

INDEX_INTRO = (
    "Wat werkt bij integraal werken tussen zorg en welzijn en werk en inkomen? "
    "Hier vindt u het eindrapport, de kennissynthese van zeven projecten, "
    "instrumenten als het Participatiewiel en de Effectencalculator, en de "
    "werkzame elementen. Filter op bouwopgave, venster, soort of jaar."
)

END_REPORT_SUMMARY = (
    "Hoe kunnen professionals op lokaal niveau integrale samenwerking vorm en "
    "inhoud geven, zodat mensen met een meervoudige ondersteuningsbehoefte aan "
    "het werk komen? In drie ontwikkelwerkplaatsen (Ferm Werk, WIL Lekstroom en "
    "RSD Kromme Rijn Heuvelrug) zochten onderzoekers, professionals en "
    "ervaringsdeskundigen het samen uit. Integraal werken blijkt een doorlopend "
    "bouwproces, met vijf bouwopgaven."
)

SYNTHESIS_SUMMARY = (
    "Zeven projecten binnen de programmalijn 'Integraal werken' van het "
    "ZonMw-kennisprogramma Vakkundig aan het Werk onderzochten interventies, "
    "perspectieven en thema's. De kennissynthese brengt de resultaten in "
    "samenhang bij elkaar: welke kennis en tools zijn bruikbaar, wat kunnen we "
    "leren, en welke elementen werken en welke juist niet?"
)

END_REPORT_BODY = [
    (
        "text",
        "<h2>Op papier ziet het mooi uit</h2><p>Gemeenten zeggen maatwerk te "
        "bieden, breder te kijken dan betaald werk en de ondersteuningsbehoefte "
        "van de inwoner leidend te laten zijn. De praktijk is weerbarstiger: "
        "inwoners zijn niet altijd tevreden over de samenwerking tussen "
        "professionals, sociale teams besteden weinig aandacht aan werk en "
        "inkomen en klantmanagers hebben beperkt zicht op andere leefgebieden."
        "</p>",
    ),
    (
        "quote",
        {
            "quote": "De ondersteuningsbehoefte van de burger is leidend. Budget, "
            "processen, wettelijke regelingen en organisaties zijn dat niet.",
            "attribution": "Beleidsnota van een deelnemende gemeente",
        },
    ),
    (
        "text",
        "<h2>Onderzoeksaanpak: de ontwikkelwerkplaats</h2><p>In een "
        "ontwikkelwerkplaats werken beleidsmedewerkers, professionals en "
        "inwoners samen aan het meetbaar verbeteren van hun praktijk. Ze leren "
        "van elkaar over de grenzen van hun organisatie heen ('boundary "
        "crossing').</p>",
    ),
    (
        "table",
        {
            "caption": "De drie samenwerkingsverbanden in het onderzoek",
            "header": ["Samenwerkingsverband", "Gemeenten"],
            "rows": [
                ["Ferm Werk", "Woerden, Montfoort, Oudewater, Bodegraven-Reeuwijk"],
                [
                    "WIL Werk en Inkomen Lekstroom",
                    "Houten, Lopik, IJsselstein, Nieuwegein, Vianen",
                ],
                [
                    "RSD Kromme Rijn Heuvelrug",
                    "De Bilt, Bunnik, Utrechtse Heuvelrug, Wijk bij Duurstede, Zeist",
                ],
            ],
        },
    ),
    (
        "callout",
        {
            "title": "Drie ordes van leren",
            "text": "<p>Eerste orde: leren vanuit eigen kennis en ervaring. Tweede "
            "orde: reflecteren op het handelen en al doende bijsturen. Derde "
            "orde: veranderen van aannames en handelingsrepertoires, tot "
            "systeemverandering toe.</p>",
            "tone": "info",
        },
    ),
    (
        "video",
        {
            "title": "Presentatie van de bevindingen (8 april 2022)",
            "url": "https://www.hu.nl/",
            "transcript": "Joep Binkhorst en Yannick Burink presenteren de "
            "centrale vraag, de vier vensters en de vijf bouwopgaven. Integraal "
            "werken heeft binnen ieder venster een andere betekenis; integraal "
            "werken betekent daarom ook de vensters in samenhang brengen.",
        },
    ),
]

END_REPORT_PDF_TEXT = [
    "Lokaal en Integraal Werken aan Participatie - eindrapport",
    "Hogeschool Utrecht, Kenniscentrum Sociale Innovatie",
    "In drie ontwikkelwerkplaatsen onderzochten wij integrale aanpakken.",
    "Een opvallende bevinding is de rol van de casusregisseur bij",
    "schuldenproblematiek en de toeleiding naar vrijwilligerswerk.",
]

TOOLS = [
    {
        "title": "Participatiewiel",
        "organisation": "Movisie",
        "summary": "Het Participatiewiel van Movisie helpt professionals om samen "
        "met de inwoner in kaart te brengen waar hij staat op zes domeinen van "
        "participatie, van zelfstandig functioneren tot betaald werk.",
        "purpose": "<p>Het wiel maakt zichtbaar waar iemand nu staat en waar hij "
        "naartoe wil. In het onderzoek diende het als toetsingskader om integraal "
        "te werken vanuit het perspectief van de cliënt.</p>",
        "audience": "<p>Klantmanagers, participatiecoaches, medewerkers van "
        "sociale wijkteams en de inwoner zelf.</p>",
        "usage": "<ol><li>Bespreek de zes domeinen met de inwoner.</li><li>Geef "
        "samen aan waar hij nu staat en wat de volgende stap is.</li><li>Maak "
        "afspraken over wie helpt bij welke stap en kijk na een paar maanden "
        "opnieuw.</li></ol>",
        "url": "https://www.movisie.nl/",
        "domains": DOMAINS,
    },
    {
        "title": "Effectencalculator",
        "organisation": "Gemeente Houten",
        "summary": "De Effectencalculator van de aanpak Op Koers in Houten maakt "
        "de maatschappelijke effecten van integrale ondersteuning zichtbaar: wat "
        "levert het op voor de inwoner en wat voor de gemeente?",
        "purpose": "<p>Onderbouwen of een integrale aanpak loont, zodat "
        "beleidsmakers en bestuurders kunnen kiezen voor duurzame oplossingen in "
        "plaats van korte termijn.</p>",
        "audience": "<p>Beleidsmakers, controllers en teamleiders van gemeenten "
        "en uitvoeringsorganisaties.</p>",
        "usage": "<p>Vul per casus de ondersteuning in die een inwoner krijgt en "
        "de verwachte uitkomsten. De calculator rekent de effecten door op "
        "uitkeringen, zorgkosten en participatie.</p>",
        "url": "https://www.houten.nl/",
        "domains": ["Betaald werk", "Maatschappelijk bijdragen"],
    },
]

WERKZAME_ELEMENTEN = [
    # title, verdict, bouwopgave numbers, venster numbers, summary
    (
        "Eén vast aanspreekpunt voor de inwoner",
        "werkt",
        [4, 2],
        [1, 3],
        "Inwoners met vragen op meerdere leefgebieden hebben baat bij één "
        "professional die de regie houdt en de anderen erbij haalt.",
    ),
    (
        "Gezamenlijke intake van sociaal team en werk en inkomen",
        "werkt",
        [3, 4],
        [2, 3],
        "Een intake met een klantmanager en een medewerker van het sociaal team "
        "voorkomt dat de inwoner zijn verhaal twee keer moet doen.",
    ),
    (
        "Werken vanuit de leefwereld van de inwoner",
        "werkt",
        [2],
        [1, 2],
        "Starten bij wat de inwoner zelf wil en kan, op alle leefgebieden, "
        "vergroot de kans op duurzame participatie.",
    ),
    (
        "Alleen sturen op snelle uitstroom naar werk",
        "werkt_niet",
        [5],
        [3, 4],
        "Een eenzijdige focus op uitstroom levert korte termijn resultaten op, "
        "maar mensen vallen vaak terug als andere problemen blijven liggen.",
    ),
    (
        "Casuïstiekbespreking met meerdere disciplines",
        "werkt",
        [1, 3],
        [2],
        "Regelmatig samen casussen bespreken bouwt vertrouwen en kennis van "
        "elkaars expertise op.",
    ),
    (
        "Ruimte voor maatwerk binnen de regels",
        "wisselend",
        [4, 1],
        [4],
        "Professionals die ruimte voelen om regels flexibel toe te passen, vinden "
        "vaker passende oplossingen; zonder steun van beleid blijft het bij "
        "incidenten.",
    ),
]

# Publications beyond the end report and the kennissynthese: generated from
# topics and places of the research so facets and paging have something to do.
TOPICS = [
    ("Integrale toegang", "een gemeenschappelijke toegang tot zorg en werk", 4, 3),
    ("Samenwerking tussen klantmanager en wijkteam", "de samenwerking tussen klantmanagers en sociale wijkteams", 3, 2),  # noqa: E501
    ("Eigen regie van de inwoner", "eigen regie en keuzevrijheid van inwoners", 2, 1),
    ("Vrijwilligerswerk als opstap", "vrijwilligerswerk als stap naar betaald werk", 5, 1),  # noqa: E501
    ("Schulden en werk", "de samenhang tussen schuldhulpverlening en re-integratie", 4, 2),  # noqa: E501
    ("Verticale verbinding met bestuur", "de verbinding tussen uitvoering, beleid en bestuur", 3, 4),  # noqa: E501
    ("Leren in de ontwikkelwerkplaats", "samen leren in een ontwikkelwerkplaats", 1, 2),
    ("Regie bij meervoudige problematiek", "regie bij inwoners met meervoudige problematiek", 4, 2),  # noqa: E501
    ("Participatie en GGZ", "samenwerking tussen GGZ en werk en inkomen", 3, 2),
    ("Heldere opdracht aan uitvoeringsorganisaties", "de opdracht van gemeenten aan sociale diensten", 4, 4),  # noqa: E501
    ("Ervaringsdeskundigheid", "de inzet van ervaringsdeskundigen", 2, 1),
    ("Van cooperation naar collaboration", "samenwerken vanuit één gedeelde visie", 1, 3),  # noqa: E501
]  # fmt: skip

PLACES = ["Houten", "Woerden", "Wijk bij Duurstede", "Zeist", "Nieuwegein"]

GENERATED_TYPES = [
    ItemType.PRAKTIJKVERHAAL,
    ItemType.HANDREIKING,
    ItemType.FACTSHEET,
    ItemType.ARTIKEL,
    ItemType.ONDERZOEKSRAPPORT,
    ItemType.METHODIEKBESCHRIJVING,
]

PRAATPLAAT_INTRO = (
    "De praatplaat laat de bouwstenen van integraal werken zien: de vijf "
    "bouwopgaven in het huis, en de vier vensters waardoor u ernaar kijkt. "
    "Gebruik haar om met uw team stap voor stap te bespreken hoe het bij u gaat."
)

# label, bouwopgave number or None, venster number or None, x%, y%, question
HOTSPOTS = [
    ("De inwoner", None, 1, 33, 10, "Hoe bepaalt de inwoner bij u mee?"),
    ("De professional", None, 2, 52, 10, "Kennen professionals elkaars expertise?"),
    ("De organisatie", None, 3, 70, 10, "Is er een gezamenlijke toegang of intake?"),
    ("De overheid", None, 4, 89, 10, "Geeft het beleid ruimte voor maatwerk?"),
    ("Doorlopend bouwproces", 1, None, 12, 26, "Hoe leert en stuurt u bij?"),
    ("Met de inwoner", 2, None, 12, 42, "Waar staat de inwoner zelf aan het roer?"),
    ("In verbinding brengen", 3, None, 12, 58, "Wie moet u (ook verticaal) betrekken?"),
    ("Regie en werkprocessen", 4, None, 12, 74, "Wie houdt de regie, wie doet wat?"),
    ("Participatie als stip", 5, None, 12, 90, "Welke stip op de horizon ziet u?"),
]


def seed(*, out: TextIO) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    _seed_doelgroepen_and_authors()
    index = _seed_index(home=home, out=out)
    _seed_themes(index=index)
    tools = _seed_tools(index=index)
    _seed_werkzame_elementen(index=index, tools=tools)
    _seed_publications(index=index, out=out)
    _seed_praatplaat(home=home, out=out)
    review_workflow_setup(index=index)
    out.write(f"Kennisbank: {PublicationPage.objects.count()} publicaties.\n")


def _seed_doelgroepen_and_authors() -> None:
    """The terms that grow with the content; the fixed taxonomy (bouwopgaven,
    vensters, domains, legal frameworks) is there from the migrations."""
    for name in DOELGROEPEN:
        Doelgroep.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name, family, initials, organisation in AUTHORS:
        Author.objects.get_or_create(
            name=name,
            defaults={
                "family_name": family,
                "initials": initials,
                "organisation": Organisation.objects.filter(name=organisation).first()
                if organisation
                else None,
            },
        )


def _seed_index(*, home: HomePage, out: TextIO) -> KnowledgeIndexPage:
    index = KnowledgeIndexPage.objects.first()
    if index is not None:
        return index
    # An earlier seed of the site may have left a plain placeholder at /kennisbank/.
    for placeholder in ContentPage.objects.child_of(home).filter(slug="kennisbank"):
        placeholder.delete()
    index = KnowledgeIndexPage(
        title="Kennisbank",
        slug="kennisbank",
        intro=INDEX_INTRO,
        last_reviewed=timezone.localdate(),
        search_description="Publicaties, instrumenten en werkzame elementen over "
        "integraal werken tussen zorg en welzijn en werk en inkomen.",
    )
    page_publish(parent=home, page=index)
    out.write("Kennisbank gemaakt.\n")
    return index


def _seed_themes(*, index: KnowledgeIndexPage) -> None:
    for bouwopgave in Bouwopgave.objects.all():
        if ThemePage.objects.filter(bouwopgave=bouwopgave).exists():
            continue
        page_publish(
            parent=index,
            page=ThemePage(
                title=bouwopgave.name,
                slug=f"bouwopgave-{bouwopgave.number}",
                bouwopgave=bouwopgave,
                intro=bouwopgave.description,
                body=f"<p>Bouwopgave {bouwopgave.number} uit het onderzoek "
                "'Lokaal &amp; Integraal Werken aan Participatie'. Hieronder staan "
                "de publicaties, instrumenten en werkzame elementen die erbij "
                "horen.</p>",
                last_reviewed=timezone.localdate(),
            ),
        )


def _tag(
    page, *, bouwopgaven=(), vensters=(), domains=(), frameworks=(), doelgroepen=()
):
    page.bouwopgaven.set(Bouwopgave.objects.filter(number__in=bouwopgaven))
    page.vensters.set(Venster.objects.filter(number__in=vensters))
    page.domains.set(ParticipatiewielDomain.objects.filter(name__in=domains))
    page.legal_frameworks.set(LegalFramework.objects.filter(name__in=frameworks))
    page.doelgroepen.set(Doelgroep.objects.filter(name__in=doelgroepen))


def _seed_tools(*, index: KnowledgeIndexPage) -> list[ToolPage]:
    tools = []
    for spec in TOOLS:
        slug = slugify(spec["title"])
        tool = ToolPage.objects.filter(slug=slug).first()
        if tool is None:
            tool = ToolPage(
                title=spec["title"],
                slug=slug,
                summary=spec["summary"],
                purpose=spec["purpose"],
                audience=spec["audience"],
                usage=spec["usage"],
                external_url=spec["url"],
                source_organisation=Organisation.objects.filter(
                    name=spec["organisation"]
                ).first(),
                publication_date=date(2021, 3, 1),
                last_reviewed=timezone.localdate(),
            )
            _tag(
                tool,
                bouwopgaven=[2, 5],
                vensters=[1, 2],
                domains=spec["domains"],
                frameworks=["Participatiewet", "Wmo 2015"],
                doelgroepen=["Klantmanagers en participatiecoaches"],
            )
            tool.tags.add("instrument", "participatie")
            page_publish(parent=index, page=tool)
        tools.append(tool)
    return tools


def _seed_werkzame_elementen(
    *, index: KnowledgeIndexPage, tools: list[ToolPage]
) -> None:
    for n, (title, verdict, bouwopgaven, vensters, summary) in enumerate(
        WERKZAME_ELEMENTEN
    ):
        slug = slugify(title)
        if WerkzaamElementPage.objects.filter(slug=slug).exists():
            continue
        page = WerkzaamElementPage(
            title=title,
            slug=slug,
            summary=summary,
            verdict=verdict,
            description=f"<p>{summary}</p>",
            evidence="<p>Gevonden in de ontwikkelwerkplaatsen van het onderzoek en "
            "bevestigd in de kennissynthese van zeven projecten van het "
            "ZonMw-programma Vakkundig aan het Werk.</p>",
            source_project="Lokaal & Integraal Werken aan Participatie",
            publication_date=date(2022, 6, 1 + n),
            last_reviewed=timezone.localdate(),
        )
        _tag(page, bouwopgaven=bouwopgaven, vensters=vensters, domains=["Betaald werk"])
        page.related_tools.set(tools[: 1 + n % 2])
        page_publish(parent=index, page=page)


def _seed_publications(*, index: KnowledgeIndexPage, out: TextIO) -> None:
    authors = {a.name: a for a in Author.objects.all()}
    hu = Organisation.objects.filter(name="Hogeschool Utrecht").first()
    movisie = Organisation.objects.filter(name="Movisie").first()

    if not PublicationPage.objects.filter(slug="eindrapport-lokaal-integraal").exists():
        report = PublicationPage(
            title="Lokaal & Integraal Werken aan Participatie: eindrapport",
            slug="eindrapport-lokaal-integraal",
            item_type=ItemType.EINDRAPPORT,
            publication_date=date(2021, 11, 15),
            summary=END_REPORT_SUMMARY,
            organisation=hu,
            publisher="Hogeschool Utrecht",
            body=END_REPORT_BODY,
            last_reviewed=timezone.localdate(),
        )
        report.authors.set([authors["Joep Binkhorst"], authors["Yannick Burink"]])
        _tag(
            report,
            bouwopgaven=[1, 2, 3, 4, 5],
            vensters=[1, 2, 3, 4],
            domains=["Betaald werk", "Maatschappelijk deelnemen"],
            frameworks=["Participatiewet", "Wmo 2015"],
            doelgroepen=DOELGROEPEN[:3],
        )
        report.tags.add("ontwikkelwerkplaats", "integraal werken")
        document = Document(title="Eindrapport Lokaal & Integraal Werken (PDF)")
        document.file.save(
            "eindrapport-lokaal-integraal.pdf",
            ContentFile(simple_pdf(END_REPORT_PDF_TEXT)),
            save=False,
        )
        # Size and hash as the admin's upload sets them, so showing the page
        # does not write them later (a GET that saves would also empty the
        # page cache).
        document._set_document_file_metadata()
        document.save()
        report.attachments.add(KnowledgeAttachment(document=document))
        page_publish(parent=index, page=report)
        out.write("Eindrapport gemaakt.\n")

    if not PublicationPage.objects.filter(
        slug="kennissynthese-zeven-projecten"
    ).exists():
        synthesis = PublicationPage(
            title="Kennissynthese: wat werkt bij integraal werken in zeven projecten",
            slug="kennissynthese-zeven-projecten",
            item_type=ItemType.KENNISSYNTHESE,
            publication_date=date(2022, 12, 1),
            summary=SYNTHESIS_SUMMARY,
            organisation=movisie,
            publisher="Movisie",
            body=[
                (
                    "text",
                    "<h2>Drie kernvragen</h2><ol><li>Welke kennis, inzichten en "
                    "tools zijn bruikbaar binnen de gemeentelijke beleids- en "
                    "uitvoeringspraktijk?</li><li>Wat kunnen we leren van deze "
                    "projecten?</li><li>Welke elementen werken en welke juist "
                    "níet?</li></ol>",
                )
            ],
            last_reviewed=timezone.localdate(),
        )
        synthesis.authors.set(
            [
                authors["Carla Nouwen"],
                authors["Ard van Oosten"],
                authors["Jantien van Berkel"],
            ]
        )
        _tag(
            synthesis,
            bouwopgaven=[1, 3, 4],
            vensters=[2, 3, 4],
            domains=["Betaald werk"],
            frameworks=["Participatiewet", "Wmo 2015", "Jeugdwet"],
            doelgroepen=["Beleidsmakers"],
        )
        synthesis.tags.add("kennissynthese", "werkzame elementen")
        page_publish(parent=index, page=synthesis)

    author_list = list(authors.values())
    made = 0
    for n, (topic, phrase, bouwopgave, venster) in enumerate(TOPICS):
        for k, place in enumerate(PLACES[:4] if n % 2 else PLACES[:3]):
            item_type = GENERATED_TYPES[(n + k) % len(GENERATED_TYPES)]
            title = f"{topic} in {place}"
            slug = slugify(title)
            if PublicationPage.objects.filter(slug=slug).exists():
                continue
            year = 2019 + (n + 2 * k) % 5
            page = PublicationPage(
                title=title,
                slug=slug,
                item_type=item_type,
                publication_date=date(year, 1 + (n * 3 + k) % 12, 1 + (n + k) % 27),
                summary=f"Een {ItemType(item_type).label} over {phrase} in {place}. "
                "Professionals en inwoners vertellen wat de samenwerking tussen "
                "zorg en welzijn en werk en inkomen bij hen opleverde en waar het "
                "nog schuurt.",
                organisation=hu if k % 2 == 0 else movisie,
                body=[
                    (
                        "text",
                        f"<p>In {place} werken professionals aan {phrase}. Zij "
                        "bespreken samen met de inwoner wat nodig is op alle "
                        "leefgebieden, en maken afspraken over wie wat doet.</p>",
                    )
                ],
                last_reviewed=timezone.localdate(),
            )
            page.authors.set([author_list[(n + k) % len(author_list)]])
            _tag(
                page,
                bouwopgaven=[bouwopgave, 1 + (bouwopgave + k) % 5],
                vensters=[venster],
                domains=[DOMAINS[(n + k) % len(DOMAINS)]],
                frameworks=[LEGAL_FRAMEWORKS[(n + k) % 3]],
                doelgroepen=[DOELGROEPEN[(n + k) % len(DOELGROEPEN)]],
            )
            page_publish(parent=index, page=page)
            made += 1
    if made:
        out.write(f"{made} publicaties gemaakt.\n")


def _seed_praatplaat(*, home: HomePage, out: TextIO) -> None:
    if PraatplaatPage.objects.exists():
        return
    page = PraatplaatPage(
        title="Praatplaat",
        slug="praatplaat",
        intro=PRAATPLAAT_INTRO,
        image_alt="Een huis met vijf verdiepingen, de vijf bouwopgaven, gezien "
        "door vier vensters: de inwoner, de professional, de organisatie en de "
        "overheid.",
        last_reviewed=timezone.localdate(),
    )
    bouwopgaven = {b.number: b for b in Bouwopgave.objects.all()}
    vensters = {v.number: v for v in Venster.objects.all()}
    for order, (label, b, v, x, y, question) in enumerate(HOTSPOTS):
        explanation = (
            bouwopgaven[b].description if b else vensters[v].description if v else ""
        )
        page.hotspots.add(
            PraatplaatHotspot(
                sort_order=order,
                label=label,
                slug=slugify(label),
                bouwopgave=bouwopgaven.get(b) if b else None,
                venster=vensters.get(v) if v else None,
                x=x,
                y=y,
                explanation=explanation,
                question=question,
            )
        )
    page_publish(parent=home, page=page)
    out.write("Praatplaat gemaakt.\n")


def simple_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF with the given lines of text (Helvetica)."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 12 Tf", "72 760 Td", "16 TL"]
    for line in lines:
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    return pdf_of_page(zlib.compress("\n".join(ops).encode("latin-1")))


def pdf_of_page(stream: bytes) -> bytes:
    """A one-page PDF whose page content is ``stream`` (Flate-compressed),
    with Helvetica as font F1."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf
