from django.apps import AppConfig


class LeergangConfig(AppConfig):
    name = "leergang"
    verbose_name = "Leergang"

    def ready(self) -> None:
        from portal import member_areas
        from portal import sitemaps as portal_sitemaps

        from . import my_page
        from .sitemaps import LeergangSitemap

        member_areas.register(
            name="leergang",
            section=my_page.my_page_section,
            data=my_page.personal_data,
            erase=my_page.erase_personal_data,
            models=my_page.PERSONAL_DATA,
        )
        portal_sitemaps.register(name="leergang", sitemap=LeergangSitemap)
