"""The kennisbank's own views in the sitemap (registered in ``ready()``): a
page per legal framework. The Wagtail pages are in the pages section."""

from django.urls import reverse

from knowledge.models import LegalFramework
from knowledge.selectors.pages import legal_framework_list
from portal.sitemaps import PublicSitemap


class LegalFrameworkSitemap(PublicSitemap):
    def items(self) -> list[LegalFramework]:
        return legal_framework_list()

    def location(self, item: LegalFramework) -> str:
        return reverse("knowledge:legal_framework", kwargs={"slug": item.slug})
