"""The agenda and the leernetwerk in the sitemap (registered in ``ready()``)."""

from django.db.models import QuerySet

from portal.sitemaps import NamedViewSitemap, PublicSitemap

from .models import Event


class NetworkSitemap(NamedViewSitemap):
    names = ("network:event_list", "network:event_archive", "network:join")


class EventSitemap(PublicSitemap):
    """Every published event, upcoming and past (the archive stays public)."""

    def items(self) -> QuerySet[Event]:
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event: Event):
        return event.updated_at
