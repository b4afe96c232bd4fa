"""The kennisbank's pages: tree rules, rendering, demo content, feeds."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from knowledge.models import (
    KnowledgeIndexPage,
    PraatplaatPage,
    PublicationPage,
    ThemePage,
    ToolPage,
    WerkzaamElementPage,
)
from portal.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_kennisbank_sits_under_home_and_holds_the_knowledge_pages(self):
        self.assertAllowedParentPageTypes(KnowledgeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(
            KnowledgeIndexPage,
            {PublicationPage, ToolPage, WerkzaamElementPage, ThemePage},
        )

    def test_knowledge_items_live_only_in_the_kennisbank_and_have_no_children(self):
        for model in (PublicationPage, ToolPage, WerkzaamElementPage, ThemePage):
            self.assertAllowedParentPageTypes(model, {KnowledgeIndexPage})
            self.assertAllowedSubpageTypes(model, set())

    def test_praatplaat_sits_under_home(self):
        self.assertAllowedParentPageTypes(PraatplaatPage, {HomePage})
        self.assertCanNotCreateAt(ContentPage, PublicationPage)


def test_demo_replaces_the_placeholder_and_fills_the_kennisbank(demo_site):
    index = KnowledgeIndexPage.objects.get()
    assert index.url_path == "/home/kennisbank/"
    assert not ContentPage.objects.filter(slug="kennisbank").exists()
    assert PublicationPage.objects.live().count() >= 40
    assert set(ToolPage.objects.values_list("title", flat=True)) == {
        "Participatiewiel",
        "Effectencalculator",
    }
    assert ThemePage.objects.count() == 5
    assert WerkzaamElementPage.objects.filter(verdict="werkt_niet").exists()
    assert PraatplaatPage.objects.get().hotspots.count() == 9


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/kennisbank/", "De vijf bouwopgaven"),
        (
            "/kennisbank/eindrapport-lokaal-integraal/",
            "Binkhorst, J., &amp; Burink, Y. (2021)",
        ),
        ("/kennisbank/kennissynthese-zeven-projecten/", "Kennissynthese"),
        ("/kennisbank/participatiewiel/", "Zo gebruikt u het"),
        ("/kennisbank/effectencalculator/", "Ontwikkeld door Gemeente Houten"),
        ("/kennisbank/alleen-sturen-op-snelle-uitstroom-naar-werk/", "Werkt niet"),
        ("/kennisbank/bouwopgave-2/", "In de kennisbank"),
        ("/praatplaat/", "Tekstversie van de praatplaat"),
    ],
)
def test_each_page_type_renders(client, demo_site, path, expected):
    response = client.get(path)

    assert response.status_code == 200
    assert expected in response.content.decode()


def test_publication_shows_its_pdf_with_type_and_size_and_the_blocks(client, demo_site):
    html = client.get("/kennisbank/eindrapport-lokaal-integraal/").content.decode()

    assert "Eindrapport Lokaal &amp; Integraal Werken (PDF)</a>" in html
    assert '<span class="kb-filemeta">(PDF,' in html
    assert "<caption>De drie samenwerkingsverbanden in het onderzoek</caption>" in html
    assert "Uitgeschreven tekst van de video" in html
    assert '<meta property="og:title" content="Lokaal &amp; Integraal' in html
    assert '<meta property="og:type" content="article">' in html


def test_feeds_and_sitemap_list_the_publications(client, demo_site):
    rss = client.get("/kennisbank/feed/rss/")
    atom = client.get("/kennisbank/feed/atom/")
    sitemap = client.get("/sitemap.xml")

    assert rss.status_code == 200
    assert rss.content.count(b"<item>") == 20
    assert b"<category>praktijkverhaal</category>" in rss.content
    assert "<feed" in atom.content.decode()
    assert "/kennisbank/eindrapport-lokaal-integraal/</loc>" in sitemap.content.decode()
