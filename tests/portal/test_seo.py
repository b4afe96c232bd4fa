"""Findable and shareable: robots.txt, the sitemap, and in the head of every
page a canonical link, a description, Open Graph and Twitter card tags and
schema.org JSON-LD. Everything is read back with an HTML or XML parser, as a
search engine or a link preview reads it."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils import timezone, translation
from PIL import Image
from wagtail.images.models import Image as WagtailImage
from wagtail.images.tests.utils import get_test_image_file

from knowledge.models import (
    ItemType,
    KnowledgeIndexPage,
    LegalFramework,
    PraatplaatPage,
    PublicationPage,
)
from network.models import Event
from portal.seo import SITE_DESCRIPTION
from tests.network.factories import (
    EventFactory,
    OrganisationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

BASE = "https://leernetwerk.example.org"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SCHEMA = "https://schema.org/"
OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")

PUBLIC_PAGES = [
    "/",
    "/privacy/",
    "/kennisbank/",
    "/kennisbank/eindrapport-lokaal-integraal/",
    "/kennisbank/participatiewiel/",
    "/kennisbank/bouwopgave-2/",
    "/praatplaat/",
    "/agenda/",
    "/agenda/archief/",
    "/agenda/kennisatelier-regie/",
    "/leergang/",
    "/leernetwerk/",
    "/zoeken/",
    "/account/login/",
]


@pytest.fixture
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    return BASE


def _soup(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def _meta(soup: BeautifulSoup, key: str) -> str:
    """The content of the one meta tag named ``key`` (property or name)."""
    attribute = "property" if key.startswith(("og:", "article:")) else "name"
    tags = soup.head.find_all("meta", attrs={attribute: key})
    assert len(tags) == 1, (key, tags)
    return tags[0]["content"]


def _canonical(soup: BeautifulSoup) -> str:
    links = soup.head.find_all("link", rel="canonical")
    assert len(links) == 1, links
    return links[0]["href"]


def _json_ld(soup: BeautifulSoup) -> list[dict]:
    return [
        json.loads(script.string)
        for script in soup.find_all("script", type="application/ld+json")
    ]


def _sitemap_locations(client) -> list[str]:
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


# --- robots.txt and the sitemap ---------------------------------------------


def test_robots_txt_points_at_the_sitemap_by_its_public_address(client, public_address):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert "Disallow: /beheer/" in lines
    assert "Disallow: /mijn/" in lines
    # The public areas stay open.
    disallowed = [line.split(": ", 1)[1] for line in lines if line.startswith("Dis")]
    for path in ("/", "/kennisbank/", "/agenda/", "/leergang/", "/leernetwerk/"):
        assert path not in disallowed


def test_sitemap_lists_the_agenda_its_events_the_leergang_and_the_leernetwerk(
    client, demo_site, public_address
):
    hidden = EventFactory(is_published=False)
    past = EventFactory(past=True)

    locations = _sitemap_locations(client)

    for path in ("/agenda/", "/agenda/archief/", "/leergang/", "/leernetwerk/"):
        assert BASE + path in locations
    published = Event.objects.published()
    assert published.count() >= 8
    for event in published:
        assert BASE + event.get_absolute_url() in locations
    assert BASE + past.get_absolute_url() in locations
    assert BASE + hidden.get_absolute_url() not in locations
    # Wagtail's pages are still there, each address once.
    assert BASE + "/kennisbank/eindrapport-lokaal-integraal/" in locations
    assert len(locations) == len(set(locations))


def test_sitemap_lists_the_legal_frameworks_and_the_accessibility_statement(
    client, demo_site, public_address
):
    locations = _sitemap_locations(client)

    assert BASE + "/toegankelijkheid/" in locations
    frameworks = LegalFramework.objects.all()
    assert frameworks.count() >= 3
    for framework in frameworks:
        assert BASE + f"/kennisbank/wettelijk-kader/{framework.slug}/" in locations
    assert len(locations) == len(set(locations))


# --- The head of every page -------------------------------------------------


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_search_and_share_tags(
    client, demo_site, public_address, path
):
    soup = _soup(client, path)

    canonical = _canonical(soup)
    assert canonical == BASE + path
    description = _meta(soup, "description")
    assert 20 < len(description) <= 200
    assert _meta(soup, "og:description") == description
    assert _meta(soup, "og:url") == canonical
    assert _meta(soup, "og:type") in {"website", "article"}
    title = _meta(soup, "og:title")
    assert title
    assert soup.title.string.startswith(title + " | ")
    image = _meta(soup, "og:image")
    assert image.startswith(BASE + "/")
    assert _meta(soup, "og:image:width").isdigit()
    assert _meta(soup, "og:image:height").isdigit()
    assert _meta(soup, "og:image:alt")
    assert _meta(soup, "twitter:card") == "summary_large_image"
    assert _meta(soup, "twitter:title") == title
    assert _meta(soup, "twitter:description") == description
    assert _meta(soup, "twitter:image") == image


def test_description_falls_back_from_the_search_description_to_the_site(
    client, demo_site, public_address
):
    index = KnowledgeIndexPage.objects.get()
    report = PublicationPage.objects.get(slug="eindrapport-lokaal-integraal")
    assert index.search_description
    assert not report.search_description

    # 1. The editor's search description.
    assert _meta(_soup(client, "/kennisbank/"), "description") == (
        index.search_description
    )
    # 2. The summary, cut to a length search engines show.
    summary = " ".join(report.summary.split())
    described = _meta(_soup(client, report.url), "description")
    assert summary.startswith(described.rstrip("…"))
    # 3. The introduction.
    assert _meta(_soup(client, "/privacy/"), "description") == (
        "Welke gegevens wij van u bewaren, waarom, en wat uw rechten zijn."
    )
    # 4. What the template says (the event's summary).
    event = Event.objects.get(slug="kennisatelier-regie")
    assert _meta(_soup(client, event.get_absolute_url()), "description") == (
        event.summary
    )
    # 5. The site's own description.
    with translation.override("nl"):
        site_description = str(SITE_DESCRIPTION)
    assert _meta(_soup(client, "/account/login/"), "description") == site_description


def test_search_description_wins_over_the_summary_and_is_the_share_text(
    client, demo_site, public_address
):
    report = PublicationPage.objects.get(slug="eindrapport-lokaal-integraal")
    report.search_description = "Het eindrapport in één zin."
    report.save_revision().publish()

    soup = _soup(client, report.url)

    assert _meta(soup, "description") == "Het eindrapport in één zin."
    assert _meta(soup, "og:description") == "Het eindrapport in één zin."


def test_canonical_keeps_the_page_number_and_drops_filters(
    client, demo_site, public_address
):
    assert _canonical(_soup(client, "/kennisbank/?pagina=2&bouwopgave=2")) == (
        BASE + "/kennisbank/?pagina=2"
    )
    assert _canonical(_soup(client, "/kennisbank/?pagina=1&utm_source=x")) == (
        BASE + "/kennisbank/"
    )
    assert _canonical(_soup(client, "/agenda/?soort=webinar")) == BASE + "/agenda/"


def test_knowledge_items_are_articles_and_the_rest_websites(
    client, demo_site, public_address
):
    report = _soup(client, "/kennisbank/eindrapport-lokaal-integraal/")

    assert _meta(report, "og:type") == "article"
    assert _meta(report, "article:published_time") == "2021-11-15"
    assert _meta(_soup(client, "/kennisbank/"), "og:type") == "website"
    assert _meta(_soup(client, "/agenda/"), "og:type") == "website"


def test_a_page_without_an_image_shares_the_default_image(
    client, demo_site, public_address
):
    soup = _soup(client, "/agenda/")

    assert _meta(soup, "og:image") == BASE + static("img/og-default.png")
    assert (_meta(soup, "og:image:width"), _meta(soup, "og:image:height")) == (
        "1200",
        "630",
    )
    path = finders.find("img/og-default.png")
    assert path
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_a_page_with_an_image_shares_that_image(client, demo_site, public_address):
    page = PraatplaatPage.objects.get()
    page.image = WagtailImage.objects.create(
        title="Praatplaat", file=get_test_image_file(size=(1600, 1000))
    )
    page.save_revision().publish()

    soup = _soup(client, page.url)

    rendition = page.image.get_rendition("max-1200x1200")
    assert _meta(soup, "og:image") == BASE + rendition.url
    assert (_meta(soup, "og:image:width"), _meta(soup, "og:image:height")) == (
        "1200",
        "750",
    )
    assert _meta(soup, "og:image:alt") == page.image_alt
    assert _meta(soup, "twitter:image") == BASE + rendition.url


def test_share_tags_escape_quotes_and_ampersands(client, public_address):
    event = EventFactory(
        title='Het "wiel" & meer', summary="Over <b>regie</b> & 'afspraken'."
    )

    soup = _soup(client, event.get_absolute_url())

    assert _meta(soup, "og:title") == 'Het "wiel" & meer'
    assert _meta(soup, "description") == "Over <b>regie</b> & 'afspraken'."
    assert soup.head.find("b") is None


# --- schema.org: events -----------------------------------------------------


def _event_data(client, event) -> dict:
    [data] = _json_ld(_soup(client, event.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    return data


def test_event_on_location_with_places_left(client, public_address, settings):
    # Numbers a person reads get a thousands separator; the data must not.
    settings.USE_THOUSAND_SEPARATOR = True
    organiser = OrganisationFactory(
        name="Kennisplatform Sociaal", website="https://sociaal.example.org"
    )
    event = EventFactory(
        title="Conferentie",
        location="Stadskantoor Houten",
        online_url="",
        capacity=1500,
        organiser=organiser,
    )
    RegistrationFactory(event=event)

    with translation.override("nl"):
        data = _event_data(client, event)

    assert data["name"] == "Conferentie"
    assert data["url"] == BASE + event.get_absolute_url()
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Stadskantoor Houten",
        "address": "Stadskantoor Houten",
    }
    assert data["startDate"] == timezone.localtime(event.starts_at).isoformat()
    assert data["endDate"] == timezone.localtime(event.ends_at).isoformat()
    assert OFFSET.match(data["startDate"])
    assert OFFSET.match(data["endDate"])
    assert data["maximumAttendeeCapacity"] == 1500
    assert data["remainingAttendeeCapacity"] == 1499
    assert data["offers"]["availability"] == SCHEMA + "InStock"
    assert data["offers"]["url"] == data["url"]
    assert data["offers"]["price"] == 0
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Kennisplatform Sociaal",
        "url": "https://sociaal.example.org",
    }
    assert data["image"] == [BASE + static("img/og-default.png")]


def test_online_event_is_a_virtual_location_that_hides_the_meeting_link(
    client, public_address
):
    event = EventFactory(location="", online_url="https://meet.example.org/geheim")

    response = client.get(event.get_absolute_url())
    [data] = _json_ld(BeautifulSoup(response.content, "html.parser"))

    assert data["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": BASE + event.get_absolute_url(),
    }
    assert "meet.example.org" not in response.content.decode()


def test_event_on_location_and_online_is_mixed(client, public_address):
    event = EventFactory(location="Woerden", online_url="https://meet.example.org/x")

    data = _event_data(client, event)

    assert data["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == [
        "Place",
        "VirtualLocation",
    ]


def test_full_event_is_sold_out(client, public_address):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)

    data = _event_data(client, event)

    assert data["offers"]["availability"] == SCHEMA + "SoldOut"
    assert data["remainingAttendeeCapacity"] == 0


def test_cancelled_event_says_so(client, public_address):
    event = EventFactory(status=Event.Status.CANCELLED)

    assert _event_data(client, event)["eventStatus"] == SCHEMA + "EventCancelled"


def test_event_without_organiser_is_organised_by_the_programme(
    client, public_address, settings
):
    event = EventFactory(organiser=None)

    organizer = _event_data(client, event)["organizer"]

    assert organizer["name"] == settings.WAGTAIL_SITE_NAME
    assert organizer["url"] == BASE + "/"


def test_a_title_with_a_script_end_tag_stays_inside_the_json(client, public_address):
    title = 'Atelier </script><script>alert("x")</script> & <!-- meer'
    event = EventFactory(title=title)

    response = client.get(event.get_absolute_url())
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert '<script>alert("x")' not in html
    assert "\\u003C/script\\u003E" in html
    scripts = soup.find_all("script")
    assert [s for s in scripts if "alert" in (s.string or "")] == scripts[:1]
    assert scripts[0]["type"] == "application/ld+json"
    assert _event_data(client, event)["name"] == title


# --- schema.org: publications -----------------------------------------------


def test_research_report_is_a_report_with_its_date_and_authors(
    client, demo_site, public_address
):
    report = PublicationPage.objects.get(slug="eindrapport-lokaal-integraal")

    [data] = _json_ld(_soup(client, report.url))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Report"
    assert data["name"] == report.title
    assert data["headline"] == report.title
    assert data["datePublished"] == "2021-11-15"
    assert OFFSET.match(data["dateModified"])
    assert data["url"] == BASE + "/kennisbank/eindrapport-lokaal-integraal/"
    assert data["inLanguage"] == "nl"
    assert [author["name"] for author in data["author"]] == [
        "Joep Binkhorst",
        "Yannick Burink",
    ]
    assert {author["@type"] for author in data["author"]} == {"Person"}
    assert data["publisher"] == {"@type": "Organization", "name": "Hogeschool Utrecht"}


def test_practice_story_is_an_article(client, demo_site, public_address):
    story = (
        PublicationPage.objects.live()
        .filter(item_type=ItemType.PRAKTIJKVERHAAL)
        .first()
    )

    [data] = _json_ld(_soup(client, story.url))

    assert data["@type"] == "Article"
    assert data["datePublished"] == story.publication_date.isoformat()
    assert data["description"] == story.summary


def test_pages_without_structured_data_have_no_json_ld(
    client, demo_site, public_address
):
    assert _json_ld(_soup(client, "/agenda/")) == []
    assert _json_ld(_soup(client, "/kennisbank/")) == []


def test_error_pages_have_no_canonical_address_and_are_not_indexed(
    client, demo_site, public_address
):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    missing = BeautifulSoup(response.content, "html.parser")
    home = _soup(client, "/")

    assert missing.find("link", rel="canonical") is None
    assert _meta(missing, "robots") == "noindex"
    assert missing.find("meta", property="og:url") is None
    assert _canonical(home) == BASE + "/"
    assert home.find("meta", attrs={"name": "robots"}) is None
