from django.contrib.sitemaps.views import sitemap
from django.urls import path
from wagtail.contrib.sitemaps import Sitemap

from knowledge import feeds
from knowledge.views import praatplaat, search

app_name = "knowledge"

urlpatterns = [
    path("zoeken/", search.search, name="search"),
    path("praatplaat/invullen/", praatplaat.praatplaat_fill, name="praatplaat_fill"),
    path(
        "praatplaat/invullen/afdrukken/",
        praatplaat.praatplaat_print,
        name="praatplaat_print",
    ),
    path("kennisbank/feed/rss/", feeds.PublicationRssFeed(), name="feed_rss"),
    path("kennisbank/feed/atom/", feeds.PublicationAtomFeed(), name="feed_atom"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": Sitemap}},
        name="sitemap",
    ),
]
