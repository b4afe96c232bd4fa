"""Decoupled reactions: read the text of uploaded documents in the background."""

from typing import Any

from django.db import transaction


def document_saved(*, instance: Any, **kwargs: Any) -> None:
    from .tasks import document_extract_text

    if instance.file_extension.lower() == "pdf":
        transaction.on_commit(lambda: document_extract_text.delay(instance.pk))


def knowledge_item_published(*, instance: Any, **kwargs: Any) -> None:
    """Index a published item again once its attachments are saved: the text of
    attached documents only becomes searchable after that."""
    from wagtail.search.index import insert_or_update_object

    from .models import KnowledgeItemPage

    if isinstance(instance, KnowledgeItemPage):
        page_id = instance.pk

        def reindex() -> None:
            page = KnowledgeItemPage.objects.filter(pk=page_id).specific().first()
            if page is not None:
                insert_or_update_object(page)

        transaction.on_commit(reindex)
