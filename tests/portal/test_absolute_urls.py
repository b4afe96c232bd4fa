"""Every absolute address the portal hands out starts with the site's public
address (``WAGTAILADMIN_BASE_URL``): not with the host name the demo seeded
into Wagtail's Site record (``http://localhost``), nor with the host name a
request happened to come in on."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from icalendar import Calendar
from wagtail.models import Site

from network.selectors.members import member_feed_secret
from network.services.registrations import registration_create
from network.tokens import feed_token
from portal.site import absolute_url, site_address, site_url, site_url_for
from tests.network.factories import EventFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

BASE = "https://leernetwerk.example.org"
PUBLICATION = "/kennisbank/eindrapport-lokaal-integraal/"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def public_address(settings):
    # A trailing slash, as people type it, must not double the slashes.
    settings.WAGTAILADMIN_BASE_URL = BASE + "/"
    return BASE


def _sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def test_sitemap_lists_pages_at_the_public_address(client, demo_site, public_address):
    locations = _sitemap_locations(client)

    assert BASE + PUBLICATION in locations
    assert BASE + "/" in locations
    assert [loc for loc in locations if not loc.startswith(BASE + "/")] == []


def test_publication_shares_and_cites_its_public_address(
    client, demo_site, public_address
):
    soup = BeautifulSoup(client.get(PUBLICATION).content, "html.parser")

    og_url = soup.find_all("meta", attrs={"property": "og:url"})
    assert [tag["content"] for tag in og_url] == [BASE + PUBLICATION]
    citation = soup.select_one(".kb-cite__text").get_text(strip=True)
    assert citation.startswith("Binkhorst, J., & Burink, Y. (2021).")
    assert citation.endswith(" " + BASE + PUBLICATION)


def test_feeds_link_to_the_public_address(client, demo_site, public_address):
    rss = ElementTree.fromstring(client.get("/kennisbank/feed/rss/").content)
    atom = ElementTree.fromstring(client.get("/kennisbank/feed/atom/").content)

    channel = rss.find("channel")
    assert channel.findtext("link") == BASE + "/kennisbank/"
    assert channel.find("atom:link", ATOM_NS).get("href") == (
        BASE + "/kennisbank/feed/rss/"
    )
    item_links = [item.findtext("link") for item in channel.findall("item")]
    assert len(item_links) == 20
    assert all(link.startswith(BASE + "/kennisbank/") for link in item_links)
    atom_links = [link.get("href") for link in atom.iterfind(".//atom:link", ATOM_NS)]
    assert BASE + "/kennisbank/feed/atom/" in atom_links
    assert all(link.startswith(BASE + "/") for link in atom_links)


def test_event_calendar_file_links_to_the_public_address(client, public_address):
    event = EventFactory()

    response = client.get(f"/agenda/{event.slug}/agenda.ics")

    [item] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(item["URL"]) == BASE + event.get_absolute_url()
    assert BASE + event.get_absolute_url() in str(item["DESCRIPTION"])
    assert b"testserver" not in response.content


def test_member_calendar_feed_links_to_the_public_address(client, public_address):
    member = UserFactory()
    event = EventFactory()
    registration_create(event=event, member=member)
    secret = member_feed_secret(user=member)

    response = client.get(
        f"/agenda/feed/{feed_token(user_id=member.pk, secret=secret)}.ics"
    )

    [item] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(item["URL"]) == BASE + event.get_absolute_url()


def test_password_reset_mail_links_to_the_public_address(
    client, mailoutbox, public_address
):
    UserFactory(email="vergeten@example.org")

    client.post("/account/password/reset/", {"email": "vergeten@example.org"})

    [mail] = mailoutbox
    assert BASE + "/account/password/reset/key/" in mail.body
    assert "testserver" not in mail.body
    html = mail.alternatives[0][0]
    assert f'href="{BASE}/account/password/reset/key/' in html


def test_demo_seeding_gives_the_wagtail_site_the_public_address(demo_site):
    site = Site.objects.get(is_default_site=True)

    assert site.root_url == settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def test_migrate_brings_the_wagtail_site_to_a_changed_public_address(
    demo_site, public_address
):
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("leernetwerk.example.org", 443)
    assert site.root_url == BASE


def test_seeding_again_keeps_the_site_at_the_public_address(demo_site, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://portaal.example.org:8080"

    call_command("seed_demo", stdout=StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portaal.example.org", 8080)


def test_site_addresses_are_built_from_the_setting_alone(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://leernetwerk.example.org/"

    assert site_url("/agenda/") == "https://leernetwerk.example.org/agenda/"
    # A full URL Wagtail built from its Site record moves to the public address.
    assert site_url_for("http://localhost/kennisbank/?pagina=2#top") == (
        "https://leernetwerk.example.org/kennisbank/?pagina=2#top"
    )
    # Files on another host (a CDN, object storage) stay where they are.
    assert absolute_url("/static/img/og-default.png") == (
        "https://leernetwerk.example.org/static/img/og-default.png"
    )
    assert absolute_url("https://cdn.example.org/og.png") == (
        "https://cdn.example.org/og.png"
    )
    assert site_address() == ("leernetwerk.example.org", 443)
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert site_address() == ("127.0.0.1", 8000)


@pytest.mark.parametrize("value", ["leernetwerk.example.org", "ftp://x.org", ""])
def test_a_setting_that_is_no_web_address_is_refused(settings, value):
    settings.WAGTAILADMIN_BASE_URL = value

    with pytest.raises(ImproperlyConfigured, match="WAGTAILADMIN_BASE_URL"):
        site_url("/")
