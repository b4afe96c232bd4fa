"""RSS and Atom feeds of new publications.

Each item is dated by the publication's own date (the date on the report),
not by the moment it went live; every link is at the public address.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from knowledge.models import PublicationPage
from knowledge.selectors.pages import publication_list_latest
from portal.site import page_public_url, site_url


class PublicationRssFeed(Feed):
    title = "Kennisbank Lokaal & Integraal Werken aan Participatie: nieuwe publicaties"
    description = (
        "Nieuwe rapporten, handreikingen en praktijkverhalen over integraal werken "
        "tussen zorg en welzijn en werk en inkomen."
    )
    language = "nl"
    url_name = "knowledge:feed_rss"

    def link(self) -> str:
        return site_url("/kennisbank/")

    def feed_url(self) -> str:
        return site_url(reverse(self.url_name))

    def items(self) -> list[PublicationPage]:
        return publication_list_latest(limit=20)

    def item_title(self, item: PublicationPage) -> str:
        return item.title

    def item_description(self, item: PublicationPage) -> str:
        return item.summary

    def item_link(self, item: PublicationPage) -> str:
        return page_public_url(item) or self.link()

    def item_pubdate(self, item: PublicationPage) -> datetime:
        """The start of the publication date, in the portal's time zone."""
        return datetime.combine(
            item.publication_date, time.min, tzinfo=timezone.get_default_timezone()
        )

    def item_updateddate(self, item: PublicationPage) -> datetime | None:
        return item.last_published_at

    def item_author_name(self, item: PublicationPage) -> str:
        return ", ".join(author.name for author in item.authors.all())

    def item_categories(self, item: PublicationPage) -> list[str]:
        return [item.type_label]


class PublicationAtomFeed(PublicationRssFeed):
    feed_type = Atom1Feed
    subtitle = PublicationRssFeed.description
    url_name = "knowledge:feed_atom"
