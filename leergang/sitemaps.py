"""The leergang's public page in the sitemap (registered in ``ready()``); the
cohort spaces are for their participants only."""

from portal.sitemaps import NamedViewSitemap


class LeergangSitemap(NamedViewSitemap):
    names = ("leergang:index",)
