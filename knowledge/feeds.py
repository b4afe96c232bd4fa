"""RSS and Atom feeds of new publications."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed

from knowledge.models import PublicationPage
from knowledge.selectors.pages import publication_list_latest


class PublicationRssFeed(Feed):
    title = "Kennisbank Lokaal & Integraal Werken aan Participatie: nieuwe publicaties"
    description = (
        "Nieuwe rapporten, handreikingen en praktijkverhalen over integraal werken "
        "tussen zorg en welzijn en werk en inkomen."
    )
    link = "/kennisbank/"
    language = "nl"

    def get_object(self, request: HttpRequest, *args, **kwargs) -> HttpRequest:
        return request

    def items(self, obj: HttpRequest) -> list[PublicationPage]:
        self._request = obj
        return publication_list_latest(limit=20)

    def item_title(self, item: PublicationPage) -> str:
        return item.title

    def item_description(self, item: PublicationPage) -> str:
        return item.summary

    def item_link(self, item: PublicationPage) -> str:
        return item.get_url(self._request) or "/"

    def item_pubdate(self, item: PublicationPage):
        return item.first_published_at

    def item_author_name(self, item: PublicationPage) -> str:
        return ", ".join(author.name for author in item.authors.all())

    def item_categories(self, item: PublicationPage) -> list[str]:
        return [item.type_label]


class PublicationAtomFeed(PublicationRssFeed):
    feed_type = Atom1Feed
    subtitle = PublicationRssFeed.description
