"""The public address of the site: one setting, every absolute URL.

``WAGTAILADMIN_BASE_URL`` (``https://leernetwerk.example.org``) is the address
people and search engines use. Links in e-mails, calendar files, feeds, the
sitemap, canonical and Open Graph tags and citations are all built from it,
never from the host name of the request (a proxy, a health check or a test
client may use another) nor from Wagtail's Site record. The Site record
follows the setting (``portal.services.site_address_update``).
"""

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest


def site_base_url() -> str:
    """The public address without a trailing slash: ``https://host[:port]``."""
    base = settings.WAGTAILADMIN_BASE_URL.strip().rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(
            "WAGTAILADMIN_BASE_URL must be the site's public address, "
            "such as https://leernetwerk.example.org."
        )
    return base


def site_url(path: str = "") -> str:
    """The absolute address of ``path`` (``/agenda/``) on the public site."""
    return site_base_url() + path


def site_url_for(url: str) -> str:
    """``url``, a path on this site or a full URL that Wagtail built from its
    Site record, at the public address (query and fragment kept)."""
    parts = urlsplit(url)
    return site_url(
        urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    )


def absolute_url(url: str) -> str:
    """A file's address (static, media) made absolute: a full URL (a CDN,
    object storage) stays as it is, a path gets the public address."""
    return url if urlsplit(url).netloc else site_url(url)


def site_address() -> tuple[str, int]:
    """Host name and port of the public address, as Wagtail's Site stores them."""
    parts = urlsplit(site_base_url())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "", port


def page_public_url(page: Any, request: HttpRequest | None = None) -> str:
    """The public address of a Wagtail page ("" when it has none)."""
    url = page.get_url(request)
    return site_url_for(url) if url else ""
