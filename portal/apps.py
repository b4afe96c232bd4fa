from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self) -> None:
        from . import sitemaps
        from .signals import site_address_after_migrate

        post_migrate.connect(
            site_address_after_migrate,
            sender=self,
            dispatch_uid="portal-site-address",
        )
        # Wagtail's pages; the apps add their own addresses in their ready().
        sitemaps.register(name="pages", sitemap=sitemaps.PageSitemap)
        sitemaps.register(name="portal", sitemap=sitemaps.PortalSitemap)
