"""Dutch words and sentences for the generated benchmark content: the field
of the kennisbank (werk en inkomen, zorg en welzijn, the Wmo, schuldhulp,
re-integratie, sociale wijkteams), so that search works on text that looks
like the real thing: realistic word frequencies, stems that the ``dutch``
configuration folds together, and words that only a few pages contain."""

# Subjects of a publication: (title form, the same in a running sentence).
TOPICS = [
    ("Schuldhulpverlening", "schuldhulpverlening"),
    ("Vroegsignalering van schulden", "vroegsignalering van schulden"),
    ("Re-integratie naar betaald werk", "re-integratie naar betaald werk"),
    ("Het sociaal wijkteam", "het sociaal wijkteam"),
    ("Integrale toegang", "een integrale toegang"),
    ("Maatwerk in de Wmo", "maatwerk in de Wmo"),
    ("Beschut werk", "beschut werk"),
    ("Loonkostensubsidie", "loonkostensubsidie"),
    ("Jobcoaching", "jobcoaching"),
    ("Dagbesteding", "dagbesteding"),
    ("Vrijwilligerswerk als opstap", "vrijwilligerswerk als opstap"),
    ("Participatie van statushouders", "de participatie van statushouders"),
    ("Inburgering en werk", "inburgering en werk"),
    ("Armoedebestrijding", "armoedebestrijding"),
    ("Bestaanszekerheid", "bestaanszekerheid"),
    ("Casusregie", "casusregie"),
    ("Eén huishouden, één plan", "één plan per huishouden"),
    ("Ervaringsdeskundigheid", "de inzet van ervaringsdeskundigen"),
    ("Mantelzorg en werk", "mantelzorg naast werk"),
    ("Jongeren zonder startkwalificatie", "jongeren zonder startkwalificatie"),
    ("Nuggers in beeld", "nuggers (niet-uitkeringsgerechtigden)"),
    ("Werkgeversdienstverlening", "werkgeversdienstverlening"),
    ("Samenwerking met UWV", "de samenwerking met UWV"),
    ("Samenwerking met de GGZ", "de samenwerking met de GGZ"),
    ("Leefgebieden in samenhang", "het werken aan alle leefgebieden tegelijk"),
    ("Eigen regie van de inwoner", "de eigen regie van de inwoner"),
    ("Het keukentafelgesprek", "het keukentafelgesprek"),
    ("Sociale activering", "sociale activering"),
    ("Taal en werk", "taal als sleutel tot werk"),
    ("Wachtlijsten in de schuldhulp", "wachtlijsten in de schuldhulp"),
    ("Budgetcoaching", "budgetcoaching"),
    ("De participatieladder", "de participatieladder"),
    ("Werkfit maken", "het werkfit maken van inwoners"),
    ("Leerwerktrajecten", "leerwerktrajecten"),
    ("Beleidsregels en maatwerk", "ruimte in beleidsregels voor maatwerk"),
    ("Bijzondere bijstand", "bijzondere bijstand"),
    ("Gezondheid en werk", "gezondheid en werk"),
    ("Regionale arbeidsmarkt", "de regionale arbeidsmarkt"),
    ("Ontschotting van budgetten", "het ontschotten van budgetten"),
    ("Privacy bij samenwerking", "privacy en gegevensdeling bij samenwerking"),
]

ANGLES = [
    "wat werkt?",
    "lessen uit de praktijk",
    "een handreiking voor gemeenten",
    "ervaringen van inwoners",
    "resultaten van een pilot",
    "een verkenning",
    "zo pakt u het aan",
    "de rol van de klantmanager",
    "tussen beleid en uitvoering",
    "acht werkzame elementen",
    "wat vraagt het van professionals?",
    "een evaluatie na twee jaar",
]

TITLE_FORMS = [
    "{topic}: {angle}",
    "{topic} in {place}",
    "{topic} in {place}: {angle}",
    "Handreiking: {topic_lower} voor {audience}",
    "Factsheet {topic_lower}",
    "{topic} en {topic2_lower}",
]

AUDIENCES = [
    "klantmanagers",
    "participatiecoaches",
    "sociale wijkteams",
    "beleidsmakers",
    "schuldhulpverleners",
    "jobcoaches",
    "werkgevers",
    "wethouders",
    "ervaringsdeskundigen",
    "consulenten van UWV",
]

PLACES = [
    "Amersfoort",
    "Houten",
    "Nieuwegein",
    "Zeist",
    "Woerden",
    "Utrecht",
    "De Bilt",
    "Veenendaal",
    "Lopik",
    "IJsselstein",
    "Bunnik",
    "Montfoort",
    "Oudewater",
    "Wijk bij Duurstede",
    "de regio Rivierenland",
    "de regio Foodvalley",
    "Zwolle",
    "Deventer",
    "Tilburg",
    "Groningen",
    "Leeuwarden",
    "Maastricht",
    "Almere",
    "Dordrecht",
]

SENTENCES = [
    "In {place} werken professionals aan {topic}.",
    "Het sociaal wijkteam en de klantmanager van werk en inkomen bespreken "
    "samen met de inwoner wat nodig is op alle leefgebieden.",
    "Inwoners met schulden melden zich vaak pas laat; vroegsignalering helpt "
    "om eerder in beeld te komen.",
    "Voor {audience} betekent {topic} vooral: de tijd nemen voor het gesprek "
    "aan de keukentafel.",
    "De Participatiewet en de Wmo 2015 geven gemeenten ruimte voor maatwerk, "
    "maar die ruimte wordt nog weinig benut.",
    "Re-integratie lukt beter als zorg, schuldhulp en begeleiding naar werk "
    "op elkaar aansluiten.",
    "Een vaste contactpersoon houdt de regie en voorkomt dat inwoners tussen "
    "wal en schip raken.",
    "Ervaringsdeskundigen laten zien waar regels en processen schuren.",
    "De gemeente maakte afspraken met UWV, de GGZ en de sociale "
    "werkvoorziening over de overdracht.",
    "Dagbesteding, vrijwilligerswerk en beschut werk vormen samen een "
    "trap naar betaald werk.",
    "Klantmanagers hebben vaak beperkt zicht op andere leefgebieden, zoals "
    "gezondheid, wonen en schulden.",
    "De evaluatie laat zien dat {topic} vraagt om vertrouwen tussen "
    "organisaties en tijd om te leren.",
    "Budgetten zijn nog vaak geschot, waardoor een integrale aanpak op "
    "papier mooier is dan in de praktijk.",
    "Werkgevers vragen om één aanspreekpunt en snelle begeleiding op de werkvloer.",
    "Met loonkostensubsidie en jobcoaching vonden inwoners met een "
    "arbeidsbeperking een duurzame baan.",
    "Jongeren zonder startkwalificatie hebben baat bij een leerwerktraject "
    "dicht bij huis.",
    "Het Participatiewiel hielp {audience} om samen met de inwoner te kijken "
    "waar hij staat.",
    "Armoede en stress over geld maken het moeilijk om aan werk te denken; "
    "bestaanszekerheid komt eerst.",
    "In de ontwikkelwerkplaats leerden beleidsmakers, professionals en "
    "inwoners van elkaar.",
    "Privacyregels worden soms strenger uitgelegd dan nodig, wat de "
    "samenwerking tussen domeinen bemoeilijkt.",
    "Mantelzorgers combineren zorg en werk en hebben baat bij flexibele "
    "afspraken met hun werkgever.",
    "Statushouders leren de taal sneller als inburgering en werk tegelijk beginnen.",
    "Wachtlijsten in de schuldhulpverlening zijn korter geworden sinds de "
    "gemeente met een vast team werkt.",
    "De wethouder noemt {topic} een speerpunt voor de komende jaren.",
    "Bij een casusoverleg schuiven de wijkcoach, de klantmanager en de "
    "schuldhulpverlener samen aan.",
    "Het rapport beschrijft acht werkzame elementen en drie valkuilen.",
    "Sociale activering is voor sommige inwoners het doel, voor anderen een "
    "eerste stap richting werk.",
    "Gemeenten in {place} en omgeving delen hun ervaringen in het leernetwerk.",
]

HEADINGS = [
    "Aanleiding",
    "Wat we deden",
    "Wat we zagen",
    "Wat werkt",
    "Wat beter kan",
    "Aanbevelingen",
    "Ervaringen van inwoners",
    "Tot slot",
]

# Tags besides the ones the demo made; taggit makes them when missing.
TAGS = [
    "schuldhulp",
    "re-integratie",
    "wijkteam",
    "wmo",
    "participatiewet",
    "maatwerk",
    "armoede",
    "jongeren",
    "werkgevers",
    "ervaringsdeskundigheid",
    "vroegsignalering",
    "dagbesteding",
    "inburgering",
    "casusregie",
]

# Parts of generated municipality names: '<prefix><stem>' ('Oosterdijk'),
# then '<prefix><stem> aan <water>' when the plain names run out.
NAME_PREFIXES = [
    "Ooster",
    "Wester",
    "Noorder",
    "Zuider",
    "Hoog",
    "Laag",
    "Nieuw",
    "Oud",
    "Groot",
    "Klein",
    "Sint-",
    "Ter ",
    "Over",
    "Neder",
    "Midden-",
    "Elsen",
    "Berken",
    "Eiken",
    "Linden",
    "Haren",
]
NAME_STEMS = [
    "broek",
    "dam",
    "dijk",
    "veen",
    "wijk",
    "horst",
    "hoven",
    "burg",
    "meer",
    "woude",
    "berg",
    "loo",
    "kerk",
    "dorp",
    "haven",
    "zande",
    "vliet",
    "beek",
    "heide",
    "wolde",
]
NAME_WATERS = ["de Vecht", "de Maas", "de Rijn", "de IJssel", "Zee", "de Lek"]

FIRST_NAMES = [
    "Anouk",
    "Bas",
    "Daan",
    "Emma",
    "Fatima",
    "Gijs",
    "Hanna",
    "Iris",
    "Jeroen",
    "Karim",
    "Lotte",
    "Mees",
    "Noor",
    "Olivier",
    "Priya",
    "Ruben",
    "Sanne",
    "Thijs",
    "Yara",
    "Zeynep",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "de Boer",
    "Bos",
    "Yilmaz",
    "El Amrani",
    "Peters",
    "Hendriks",
    "Dekker",
]

EVENT_SUBJECTS = [
    "Schuldhulp en werk",
    "Het sociaal wijkteam als toegang",
    "Re-integratie met zorg",
    "Werkgevers aan tafel",
    "Ervaringsdeskundigen in het team",
    "De Wmo en de Participatiewet samen",
    "Jongeren in beeld",
    "Regie bij meervoudige vragen",
]
