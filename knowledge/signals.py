"""Decoupled reactions: read the text of uploaded documents in the background,
and index a published item again once its attachments are saved."""

from typing import Any

from django.db import transaction
from wagtail.search.index import insert_or_update_object

from knowledge.models import KnowledgeItemPage
from portal.jobs import enqueue


def document_saved(*, instance: Any, **kwargs: Any) -> None:
    if instance.file_extension.lower() == "pdf":
        enqueue("knowledge.tasks.document_extract_text", instance.pk)


def knowledge_item_published(*, instance: Any, **kwargs: Any) -> None:
    """Index a published item again once its attachments are saved: the text of
    attached documents only becomes searchable after that."""
    if isinstance(instance, KnowledgeItemPage):
        page_id = instance.pk

        def reindex() -> None:
            page = KnowledgeItemPage.objects.filter(pk=page_id).specific().first()
            if page is not None:
                insert_or_update_object(page)

        transaction.on_commit(reindex)
