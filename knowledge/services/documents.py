"""The text of uploaded documents, so that search finds what is in them."""

import hashlib
import io
import logging

from django.utils import timezone
from pypdf import PdfReader, apply_configuration
from wagtail.documents import get_document_model
from wagtail.search.index import insert_or_update_object

from knowledge.models import DocumentText, KnowledgeItemPage

logger = logging.getLogger(__name__)

# What one PDF may cost to read: a stream that unpacks to more than this (a
# "PDF bomb": kilobytes that inflate to gigabytes) ends the reading, and so
# does a document with more pages than this. pypdf's own limits are 75 MB.
PDF_MAX_DECODED_BYTES = 8 * 1024 * 1024
PDF_MAX_PAGES = 1_000


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
    """The text of a PDF, as far as it can be read within the limits above:
    empty for a scan, and what was read before a damaged part or a limit."""
    limit = PDF_MAX_DECODED_BYTES
    parts: list[str] = []
    length = 0
    with apply_configuration(
        maximum_declared_stream_length=limit,
        array_based_stream_maximum_output_length=limit,
        jbig2_maximum_output_length=limit,
        lzw_maximum_output_length=limit,
        run_length_maximum_output_length=limit,
        zlib_maximum_output_length=limit,
        brotli_maximum_output_length=limit,
        image_maximum_buffer_size=limit,
        stream_decoding_work_maximum_length=4 * limit,
    ):
        try:
            reader = PdfReader(io.BytesIO(data))
            for number, pdf_page in enumerate(reader.pages):
                if number >= PDF_MAX_PAGES or length > max_chars:
                    break
                text = pdf_page.extract_text() or ""
                parts.append(text)
                length += len(text)
        except Exception:
            # pypdf raises many kinds of errors on damaged or hostile files
            # (its own, and ValueError, KeyError, RecursionError, ...); none
            # may stop the upload or the worker: keep what was read.
            logger.warning("Stopped reading the text of a PDF", exc_info=True)
    return "\n".join(parts)[:max_chars].replace("\x00", "")
