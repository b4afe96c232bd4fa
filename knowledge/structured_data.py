"""schema.org data (JSON-LD) for the kennisbank's publications.

Search engines read it to show a publication with its date and makers. Only
plain values go in (strings, ISO dates); ``portal.seo.json_ld`` writes them.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.text import Truncator

from knowledge.models import ItemType, PublicationPage
from knowledge.snippets import Author
from portal.seo import default_image
from portal.site import site_url

# Research output is a Report; guides, stories and articles are Articles.
REPORT_TYPES = {
    ItemType.ONDERZOEKSRAPPORT,
    ItemType.EINDRAPPORT,
    ItemType.KENNISSYNTHESE,
    ItemType.FACTSHEET,
}
# Search engines cut a headline after 110 characters.
HEADLINE_LENGTH = 110


def _organisation(name: str, url: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    return data


def _person(author: Author) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": author.name}
    if author.organisation:
        data["affiliation"] = _organisation(author.organisation.name)
    return data


def publication_structured_data(
    *, page: PublicationPage, authors: Sequence[Author], url: str
) -> dict[str, Any]:
    """An ``Article`` or ``Report`` with its date, authors and publisher."""
    organisation = page.organisation
    publisher_name = page.publisher or (organisation.name if organisation else "")
    publisher = (
        _organisation(publisher_name)
        if publisher_name
        else _organisation(settings.WAGTAIL_SITE_NAME, site_url("/"))
    )
    if authors:
        author: list[dict[str, Any]] = [_person(author) for author in authors]
    else:
        author = [publisher]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report" if page.item_type in REPORT_TYPES else "Article",
        "headline": Truncator(page.title).chars(HEADLINE_LENGTH),
        "name": page.title,
        "description": page.summary,
        "genre": page.type_label,
        "inLanguage": "nl",
        "datePublished": page.publication_date.isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "image": default_image().url,
        "author": author,
        "publisher": publisher,
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at).isoformat(
            timespec="seconds"
        )
    return data
