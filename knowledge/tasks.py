"""Background work of the kennisbank. Tasks take ids and are safe to run twice."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="knowledge.tasks.document_extract_text")
def document_extract_text(document_id: int) -> None:
    """Extract the text of an uploaded PDF so search finds it."""
    from .services import document_text_extract

    document_text_extract(document_id=document_id)


@shared_task(name="knowledge.tasks.send_review_reminders")
def send_review_reminders() -> int:
    """Yearly review reminders to page owners (run daily by beat)."""
    from .services import review_reminders_send

    return review_reminders_send(today=timezone.localdate())
