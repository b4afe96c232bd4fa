from django.contrib.sitemaps.views import sitemap
from django.urls import path
from wagtail.contrib.sitemaps import Sitemap

from . import feeds, views

app_name = "knowledge"

urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("praatplaat/invullen/", views.praatplaat_fill, name="praatplaat_fill"),
    path(
        "praatplaat/invullen/afdrukken/",
        views.praatplaat_print,
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
