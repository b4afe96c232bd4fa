"""What search engines and link previews read in the head of every page.

One canonical address, a description, Open Graph and Twitter card tags, and
schema.org data as JSON-LD. Every address in them is absolute and built from
the public address (``portal.site``). The apps describe their own objects
(``network.structured_data``, ``knowledge.structured_data``); this module
only knows Wagtail pages in general.
"""

import html
import json
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.encoding import escape_uri_path
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from .site import absolute_url, site_url

logger = logging.getLogger(__name__)

# When a page says nothing about itself: what the whole site is about.
SITE_DESCRIPTION = _(
    "Kennis, bijeenkomsten en een leergang over integraal werken tussen zorg "
    "en welzijn en werk en inkomen, zodat meer inwoners passend "
    "(vrijwilligers)werk vinden."
)
DESCRIPTION_LENGTH = 200
# Shown when a shared page has no image of its own (1200 x 630, the size
# link previews ask for).
DEFAULT_IMAGE = "img/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
PAGE_IMAGE_FILTER = "max-1200x1200"
# The query parameter of the portal's paginated lists: page 2 of a list is
# a page of its own, a filter is not.
PAGE_PARAMETER = "pagina"
# As django.utils.html.json_script: nothing in the data can close the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class ShareImage:
    url: str
    alt: str
    width: int
    height: int


def plain_text(value: object) -> str:
    """Rendered template output (escaped HTML) or model text as one line of
    plain text; the template escapes it again where it is written."""
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def page_description(page: Page | None) -> str:
    """The first of the page's search description, summary or introduction."""
    for field in ("search_description", "summary", "intro"):
        text = plain_text(getattr(page, field, ""))
        if text:
            return text
    return ""


def canonical_url(request: HttpRequest | None) -> str:
    """The public address of what ``request`` shows: its path, and the page
    number of a list beyond the first; filters and tracking are left off."""
    if request is None:
        return ""
    url = site_url(escape_uri_path(request.path))
    number = request.GET.get(PAGE_PARAMETER, "")
    if number.isdigit() and int(number) > 1:
        url += f"?{PAGE_PARAMETER}={int(number)}"
    return url


def default_image() -> ShareImage:
    width, height = DEFAULT_IMAGE_SIZE
    return ShareImage(
        url=absolute_url(static(DEFAULT_IMAGE)),
        alt=settings.WAGTAIL_SITE_NAME,
        width=width,
        height=height,
    )


def share_image(page: Page | None) -> ShareImage:
    """The page's own image (a field named ``image``), else the default."""
    image = getattr(page, "image", None)
    if not isinstance(image, AbstractImage):
        return default_image()
    try:
        rendition = image.get_rendition(PAGE_IMAGE_FILTER)
    except OSError:  # a lost or broken file must not break the page
        logger.warning("No rendition of image %s for sharing", image.pk, exc_info=True)
        return default_image()
    alt = plain_text(getattr(page, "image_alt", "")) or image.default_alt_text
    return ShareImage(
        url=absolute_url(rendition.url),
        alt=alt,
        width=rendition.width,
        height=rendition.height,
    )


def head_tags(
    *,
    request: HttpRequest | None,
    page: Page | None,
    title: str = "",
    description: str = "",
    og_type: str = "",
) -> dict[str, Any]:
    """What ``includes/seo_meta.html`` writes: the title and description
    the template gave, else what the page says, else the site's own."""
    if not isinstance(page, Page):
        page = None
    text = plain_text(description) or page_description(page) or str(SITE_DESCRIPTION)
    return {
        "title": plain_text(title) or settings.WAGTAIL_SITE_NAME,
        "description": Truncator(text).chars(DESCRIPTION_LENGTH),
        "canonical": canonical_url(request),
        # Knowledge items (they have a type) are articles; the rest websites.
        "og_type": og_type
        or ("article" if getattr(page, "item_type", "") else "website"),
        "image": share_image(page),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def json_ld(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` element with ``data``.

    Escaped as Django's ``json_script``: ``<``, ``>`` and ``&`` are written as
    ``\\u003C`` and so on, so a title with ``</script>`` cannot end the element.
    Numbers and dates come from ``json``, never localized."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.translate(_JSON_SCRIPT_ESCAPES)
    # Every <, > and & in the JSON is escaped above (as json_script does).
    html = f'<script type="application/ld+json">{text}</script>'
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
