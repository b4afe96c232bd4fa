from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Leernetwerk"

    def ready(self) -> None:
        from portal import sitemaps as portal_sitemaps

        from .models import Organisation
        from .signals import clear_partner_cache
        from .sitemaps import EventSitemap, NetworkSitemap

        post_save.connect(
            clear_partner_cache, sender=Organisation, dispatch_uid="partners-save"
        )
        post_delete.connect(
            clear_partner_cache, sender=Organisation, dispatch_uid="partners-del"
        )
        portal_sitemaps.register(name="network", sitemap=NetworkSitemap)
        portal_sitemaps.register(name="events", sitemap=EventSitemap)
