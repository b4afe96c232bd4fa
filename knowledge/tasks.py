"""Background work of the kennisbank: thin entry points into the services.
Tasks take ids and are safe to run twice."""

from celery import shared_task
from django.utils import timezone

from knowledge.services.documents import document_text_extract
from knowledge.services.review import review_reminders_send


@shared_task(name="knowledge.tasks.document_extract_text")
def document_extract_text(document_id: int) -> None:
    """Extract the text of an uploaded PDF so search finds it."""
    document_text_extract(document_id=document_id)


@shared_task(name="knowledge.tasks.send_review_reminders")
def send_review_reminders() -> int:
    """Yearly review reminders to page owners (run daily by beat)."""
    return review_reminders_send(today=timezone.localdate())
