from django.apps import AppConfig
from django.db.models.signals import post_save


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Kennisbank"

    def ready(self) -> None:
        from wagtail.documents import get_document_model
        from wagtail.signals import page_published

        from .signals import document_saved, knowledge_item_published

        post_save.connect(
            document_saved,
            sender=get_document_model(),
            dispatch_uid="knowledge-document-text",
        )
        page_published.connect(
            knowledge_item_published, dispatch_uid="knowledge-item-reindex"
        )
