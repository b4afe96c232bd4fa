"""Demo content of the core: the page tree and one account per role.

Texts are drawn from the programme's source documents (the VIMP application,
the research description and the presentation of 8 April 2022).
"""

import secrets
from typing import TextIO

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from wagtail.models import Page, Site

from demo.pages import page_publish
from portal.models import ContentPage, HomePage, User
from portal.roles import Role
from portal.services import site_address_update, user_assign_role
from portal.site import site_address

# Printed and set in development only (DEBUG); production gets random ones.
DEMO_PASSWORD = "Leernetwerk-demo-2026"  # noqa: S105  # nosec B105

DEMO_ACCOUNTS = [
    # (e-mail, first name, last name, role or None for the superuser)
    ("beheerder@example.org", "Bea", "Beheerder", None),
    ("coordinator@example.org", "Carla", "Coördinator", Role.COORDINATOR),
    ("redacteur@example.org", "Ruben", "Redacteur", Role.EDITOR),
    ("lid@example.org", "Lotte", "Lid", Role.MEMBER),
    ("gemeente@example.org", "Gijs", "Gemeente", Role.MUNICIPALITY_CONTACT),
]

HOME_INTRO = (
    "Gemeenten willen dat professionals in zorg en welzijn en in werk en inkomen "
    "samenwerken, zodat inwoners met ondersteuningsvragen op meerdere "
    "levensgebieden passend (vrijwilligers)werk vinden. Dit portaal deelt wat "
    "werkt: kennis uit het onderzoek 'Lokaal & Integraal Werken aan "
    "Participatie', een leernetwerk om van elkaar te leren en een leergang "
    "voor vijf gemeenten."
)

HOME_AREAS = [
    (
        "Kennisbank",
        "Publicaties, instrumenten en werkzame elementen over integraal werken, "
        "met de praatplaat en de vijf bouwopgaven.",
        "/kennisbank/",
    ),
    (
        "Agenda",
        "Webinars, kennisateliers en inspiratiebijeenkomsten. Meld u aan en zet "
        "ze in uw agenda.",
        "/agenda/",
    ),
    (
        "Leergang",
        "Een innovatietraject voor vijf gemeenten tegelijk: als team leren en "
        "meetbaar verbeteren.",
        "/leergang/",
    ),
    (
        "Leernetwerk",
        "Professionals, inwoners en beleidsmakers uit de regio Utrecht die "
        "kennis delen en lokale ontwikkelingen versterken.",
        "/leernetwerk/",
    ),
]

HOME_BODY = (
    "<h2>Integraal werken is een doorlopend bouwproces</h2>"
    "<p>Het onderzoek liet zien dat integraal werken op papier mooi oogt, maar "
    "in de praktijk weerbarstiger is. Inwoners zijn niet altijd tevreden over de "
    "samenwerking tussen professionals, sociale teams besteden weinig aandacht "
    "aan werk en inkomen, en klantmanagers hebben beperkt zicht op andere "
    "leefgebieden. Vijf bouwopgaven helpen verder:</p>"
    "<ol><li>Integraal werken als een doorlopend bouwproces</li>"
    "<li>Niet over, maar met de inwoner</li>"
    "<li>Betrokkenen (ook verticaal) met elkaar in verbinding brengen</li>"
    "<li>Duidelijke afspraken over regie en werkprocessen</li>"
    "<li>Participatie als stip op de horizon</li></ol>"
    "<p>Het programma is een samenwerking van Hogeschool Utrecht, Movisie, "
    "Divosa, SAM, gemeente Houten en Kennisplatform Utrecht Sociaal Domein, "
    "mede mogelijk gemaakt door ZonMw.</p>"
)

CONTENT_PAGES = [
    {
        "slug": "privacy",
        "title": "Privacyverklaring",
        "intro": "Welke gegevens wij van u bewaren, waarom, en wat uw rechten zijn.",
        "body": "<h2>Welke gegevens</h2><p>Als u een account maakt, bewaren wij uw "
        "e-mailadres en wachtwoord (versleuteld). Als u zich aanmeldt voor een "
        "bijeenkomst of de leergang, bewaren wij de gegevens die u daarvoor "
        "invult.</p><h2>Waarvoor</h2><p>Wij gebruiken uw gegevens alleen om u "
        "toegang te geven tot het portaal, om bijeenkomsten en de leergang te "
        "organiseren en om u daarover te berichten. Wij verkopen of delen uw "
        "gegevens niet met anderen.</p><h2>Hoe lang</h2><p>Wij bewaren uw "
        "gegevens zolang u een account heeft. Verwijdert u uw account, dan "
        "verwijderen wij uw persoonsgegevens.</p><h2>Uw rechten</h2><p>U mag uw "
        "gegevens inzien, laten verbeteren of laten verwijderen. Neem daarvoor "
        "contact op met de projectleider via Hogeschool Utrecht. U kunt ook een "
        "klacht indienen bij de Autoriteit Persoonsgegevens.</p>",
    },
]


def seed(*, out: TextIO) -> None:
    home = _seed_home(out=out)
    for spec in CONTENT_PAGES:
        _seed_content_page(parent=home, out=out, **spec)
    _seed_accounts(out=out)


def _seed_home(*, out: TextIO) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Lokaal & Integraal Werken aan Participatie",
            slug="home",
            intro=HOME_INTRO,
            body=HOME_BODY,
            areas=[
                ("area", {"title": title, "text": text, "url": url})
                for title, text, url in HOME_AREAS
            ],
        )
        # Wagtail's first migration leaves a 'Welcome' page at the slug 'home'.
        Page.objects.filter(depth=2, slug="home").exclude(
            content_type__model="homepage"
        ).update(slug="welkom-oud")
        page_publish(parent=root, page=home)
        out.write("Homepagina gemaakt.\n")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        # The public address (WAGTAILADMIN_BASE_URL), as every link uses it.
        hostname, port = site_address()
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    # A Site made before, or before the public address changed, follows it.
    site_address_update()
    return home


def _seed_content_page(
    *, parent: Page, out: TextIO, slug: str, title: str, intro: str, body: str
) -> None:
    if parent.get_children().filter(slug=slug).exists():
        return
    page = ContentPage(
        title=title,
        slug=slug,
        intro=intro,
        body=body,
        last_reviewed=timezone.localdate(),
    )
    page_publish(parent=parent, page=page)
    out.write(f"Pagina '{title}' gemaakt.\n")


def _seed_accounts(*, out: TextIO) -> None:
    """Make the demo accounts that do not exist yet. Existing accounts are
    left alone: their passwords and roles may have been changed since."""
    show_passwords = settings.DEBUG
    # In development every account gets the printed password; hashing it
    # takes most of a second, so it is hashed once and the hash shared.
    demo_hash = ""
    created = []
    for email, first_name, last_name, role in DEMO_ACCOUNTS:
        if User.objects.filter(email=email).exists():
            continue
        password = None if show_passwords else secrets.token_urlsafe(24)
        if role is None:
            user = User.objects.create_superuser(
                email, password, first_name=first_name, last_name=last_name
            )
        else:
            user = User.objects.create_user(
                email, password, first_name=first_name, last_name=last_name
            )
            user_assign_role(user=user, role=role)
            if role is not Role.MEMBER:
                # Staff roles are members of the leernetwerk too.
                user_assign_role(user=user, role=Role.MEMBER)
        if show_passwords:
            demo_hash = demo_hash or make_password(DEMO_PASSWORD)
            user.password = demo_hash
            user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        created.append((email, role))
    if created and show_passwords:
        out.write(
            f"Demo-accounts (alleen in ontwikkeling), wachtwoord '{DEMO_PASSWORD}':\n"
        )
        for email, role in created:
            out.write(f"  {email:<28} {role.value if role else 'beheerder'}\n")
    elif created:
        out.write(f"{len(created)} demo-accounts gemaakt; wachtwoord via 'vergeten'.\n")
