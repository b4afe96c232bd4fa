from django.apps import AppConfig
from django.db.models.signals import post_save


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Kennisbank"

    def ready(self) -> None:
        from wagtail.documents import get_document_model
        from wagtail.signals import page_published

        from portal import member_areas
        from portal import sitemaps as portal_sitemaps

        from . import personal_data
        from .models import (
            KnowledgeIndexPage,
            PraatplaatPage,
            PublicationPage,
            ThemePage,
            ToolPage,
            WerkzaamElementPage,
        )
        from .signals import document_saved, knowledge_item_published
        from .sitemaps import LegalFrameworkSitemap
        from .views import pages

        post_save.connect(
            document_saved,
            sender=get_document_model(),
            dispatch_uid="knowledge-document-text",
        )
        page_published.connect(
            knowledge_item_published, dispatch_uid="knowledge-item-reindex"
        )
        # What each page shows beside its own fields (see PageViewMixin).
        KnowledgeIndexPage.set_page_view(pages.knowledge_index)
        ThemePage.set_page_view(pages.theme)
        PublicationPage.set_page_view(pages.publication)
        ToolPage.set_page_view(pages.tool)
        WerkzaamElementPage.set_page_view(pages.werkzaam_element)
        PraatplaatPage.set_page_view(pages.praatplaat)
        portal_sitemaps.register(name="legal-frameworks", sitemap=LegalFrameworkSitemap)
        member_areas.register(
            name="knowledge",
            data=personal_data.personal_data,
            erase=personal_data.erase_personal_data,
            models=personal_data.PERSONAL_DATA,
        )
