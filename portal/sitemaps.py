"""The sitemap (``/sitemap.xml``): Wagtail's pages and the apps' own pages.

The agenda, the leernetwerk and the leergang are Django views, not Wagtail
pages, and the core may not import those apps. Each app registers its
sections here in ``AppConfig.ready()``, as with ``portal.member_areas``.
Every address in the sitemap is built from the public address
(``portal.site``), not from the request or Wagtail's Site record.
"""

from typing import Any
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .site import site_base_url, site_url_for

# Section name -> sitemap class; the sitemap view reads it on each request.
registry: dict[str, type[Sitemap]] = {}


def register(*, name: str, sitemap: type[Sitemap]) -> None:
    """Add a section; registering the same name again replaces it."""
    registry[name] = sitemap


class PublicSitemap(Sitemap):
    """A section whose addresses start with the public address."""

    def get_urls(
        self, page: int | str = 1, site: Any = None, protocol: str | None = None
    ) -> list[dict[str, Any]]:
        parts = urlsplit(site_base_url())
        # Django's own builder, with the public address as protocol and domain.
        return self._urls(  # type: ignore[attr-defined]
            page, parts.scheme, parts.netloc + parts.path
        )


class NamedViewSitemap(PublicSitemap):
    """Fixed pages of an app, by the names of their URLs."""

    names: tuple[str, ...] = ()

    def items(self) -> list[str]:
        return list(self.names)

    def location(self, item: str) -> str:
        return reverse(item)


class PortalSitemap(NamedViewSitemap):
    """The core's own public pages."""

    names = ("accessibility_statement",)


class PageSitemap(WagtailSitemap):
    """Wagtail's live, public pages at the public address."""

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict]:
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = site_url_for(url_info["location"])
        return urls
