from django.urls import path

from knowledge import feeds
from knowledge.views import legal_frameworks, praatplaat, search

app_name = "knowledge"

urlpatterns = [
    path("zoeken/", search.search, name="search"),
    path("praatplaat/invullen/", praatplaat.praatplaat_fill, name="praatplaat_fill"),
    path(
        "praatplaat/invullen/afdrukken/",
        praatplaat.praatplaat_print,
        name="praatplaat_print",
    ),
    path(
        "kennisbank/wettelijk-kader/<slug:slug>/",
        legal_frameworks.legal_framework,
        name="legal_framework",
    ),
    path("kennisbank/feed/rss/", feeds.PublicationRssFeed(), name="feed_rss"),
    path("kennisbank/feed/atom/", feeds.PublicationAtomFeed(), name="feed_atom"),
]
