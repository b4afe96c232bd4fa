import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


def test_home_introduces_the_programme_and_links_the_four_areas(client, demo_site):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Lokaal &amp; Integraal Werken aan Participatie</h1>" in html
    for url, label in [
        ("/kennisbank/", "Kennisbank"),
        ("/agenda/", "Agenda"),
        ("/leergang/", "Leergang"),
        ("/leernetwerk/", "Leernetwerk"),
    ]:
        assert f'<a href="{url}">{label}</a>' in html
    assert "Niet over, maar met de inwoner" in html


def test_every_page_has_skip_link_landmarks_and_partner_footer(client, demo_site):
    html = client.get("/privacy/").content.decode()

    assert '<a class="skip-link" href="#inhoud">Naar de inhoud</a>' in html
    assert '<main id="inhoud"' in html
    assert 'aria-label="Hoofdmenu"' in html
    assert "<footer" in html
    for partner in ("Hogeschool Utrecht", "Movisie", "Divosa", "Gemeente Houten"):
        assert partner in html
    assert '<a href="/toegankelijkheid/">Toegankelijkheidsverklaring</a>' in html


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/privacy/", "Privacyverklaring"),
        ("/toegankelijkheid/", "Toegankelijkheidsverklaring"),
        ("/kennisbank/", "Kennisbank"),
        ("/leergang/", "Leergang"),
    ],
)
def test_programme_and_statement_pages_render(client, demo_site, url, title):
    response = client.get(url)

    assert response.status_code == 200
    assert f'<h1 class="utrecht-heading-1">{title}</h1>' in response.content.decode()


def test_current_area_is_marked_in_the_navigation(client, demo_site):
    html = client.get("/kennisbank/").content.decode()

    assert '<a href="/kennisbank/" aria-current="page">Kennisbank</a>' in html
    assert '<a href="/agenda/">Agenda</a>' in html


def test_unknown_address_gives_a_dutch_404(client, demo_site):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_public_pages_send_a_content_security_policy(client, demo_site):
    response = client.get("/")

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_partner_footer_follows_changes_to_organisations(client, demo_site):
    from network.models import Organisation

    movisie_link = '<a href="https://www.movisie.nl/">Movisie</a>'
    assert movisie_link in client.get("/privacy/").content.decode()  # now cached
    movisie = Organisation.objects.get(name="Movisie")
    movisie.is_partner = False
    movisie.save()

    assert movisie_link not in client.get("/privacy/").content.decode()


class TestPageTree(WagtailPageTestCase):
    def test_home_sits_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_content_pages_sit_under_home_or_another_content_page(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
