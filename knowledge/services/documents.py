"""The text of uploaded documents, so that search finds what is in them."""

import hashlib
import io

from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from wagtail.documents import get_document_model
from wagtail.search.index import insert_or_update_object

from knowledge.models import DocumentText, KnowledgeItemPage


def document_text_extract(*, document_id: int) -> DocumentText | None:
    """Read the text of an uploaded PDF and put it in the search index of the
    pages it is attached to. Does nothing when the file has not changed."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or document.file_extension.lower() != "pdf":
        return None
    with document.open_file() as handle:
        data = handle.read()
    file_hash = hashlib.sha256(data).hexdigest()
    existing = DocumentText.objects.filter(document_id=document_id).first()
    if existing is not None and existing.file_hash == file_hash:
        return existing
    text = _pdf_text(data)
    record, _created = DocumentText.objects.update_or_create(
        document_id=document_id,
        defaults={"text": text, "file_hash": file_hash, "extracted_at": timezone.now()},
    )
    for page in KnowledgeItemPage.objects.filter(
        attachments__document_id=document_id
    ).specific():
        insert_or_update_object(page)
    return record


def _pdf_text(data: bytes, *, max_chars: int = 200_000) -> str:
    """The text of a PDF, empty when it cannot be read (scans, damaged files)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        parts = []
        for pdf_page in reader.pages:
            parts.append(pdf_page.extract_text() or "")
            if sum(len(p) for p in parts) > max_chars:
                break
    except (PdfReadError, ValueError, KeyError):
        return ""
    return "\n".join(parts)[:max_chars].replace("\x00", "")
