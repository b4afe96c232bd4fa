"""The fragment cache: what serving a Wagtail page reads and renders that is
the same for every visitor, kept in Redis for members too.

The page cache (``portal.page_cache``) serves whole pages, and only to
anonymous visitors. A member's page has their name and a CSRF token in its
header, so it is rendered for them; the fragment cache keeps the rest:

- the sites and the page at an address, with its ancestors (what routing
  and the check of view restrictions read);
- the rendered fragments of a page whose type opts in (``cache_fragments``):
  its head, breadcrumbs, content and footer, marked ``{% fragment %}`` in the
  templates. What the page view adds to the context (authors, related items)
  is read only when a fragment has to be rendered.

What stays live on every request: the header with the member's name and
the logout form (its CSRF token), the navigation and the messages.

What keeps it safe:

- A fragment is rendered for nobody in particular: as for an anonymous
  visitor, without a CSRF token or messages, whoever asked first.
- Only a published page that no view restriction applies to is served
  from fragments, and only to a GET or HEAD request that Wagtail routed;
  previews and drafts (``request.is_preview``) never read or fill them.
- Entries are kept under the generation of the page cache: publishing,
  unpublishing, moving or saving content makes every earlier entry
  unreachable at once. They also expire after ``FRAGMENT_CACHE_SECONDS``.
- The cache is an aid: when Redis is unreachable, everything is read and
  rendered afresh.

Without Redis (``make run`` on local memory) a publish by the worker would
not reach the web process, so the cache is off (``FRAGMENT_CACHE_SECONDS =
0``).
"""

import hashlib
import logging
import pickle  # nosec B403 - only our own cache's values, as Django's cache does
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from .cache import CACHE_ERRORS
from .page_cache import generation
from .seo import canonical_url

logger = logging.getLogger(__name__)

T = TypeVar("T")

# The page's fragments in the template context ({% fragment %} reads them).
CONTEXT_NAME = "page_fragments"
_GENERATION = "_fragment_cache_generation"
_SAFE_METHODS = frozenset({"GET", "HEAD"})


def enabled() -> bool:
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) > 0


def _generation(request: HttpRequest | None) -> int:
    """The generation, read once per request."""
    if request is None:
        return generation()
    current = getattr(request, _GENERATION, None)
    if current is None:
        current = generation()
        setattr(request, _GENERATION, current)
    return current


def _key(kind: str, generation: int, *parts: object) -> str:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return f"fragment-cache:{kind}:{generation}:{digest}"


def remembered(
    kind: str,
    *parts: object,
    read: Callable[[], T],
    request: HttpRequest | None = None,
) -> T:
    """What ``read()`` returns, kept for the current generation under
    ``kind`` and ``parts`` (what the answer depends on). ``None`` is never
    kept: it is read again next time."""
    if not enabled():
        return read()
    try:
        key = _key(kind, _generation(request), *parts)
        value = cache.get(key)
    except CACHE_ERRORS as error:
        logger.warning("fragment cache unreachable: %s", error)
        return read()
    if value is None:
        value = read()
        if value is not None:
            _keep(key, value)
    return value


def _keep(key: str, value: Any) -> None:
    try:
        cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    except CACHE_ERRORS as error:
        logger.warning("fragment cache unreachable: %s", error)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        # Not kept, so read again next time; the page itself is served.
        logger.warning("fragment cache cannot keep %s: %s", key, error)


class PageFragments:
    """The fragments of one page for one request: those found in the cache,
    and those rendered now (kept once the response is rendered)."""

    def __init__(
        self, key: str, found: Mapping[str, str], read_context: Callable[[], Mapping]
    ):
        self.key = key
        self.found = dict(found)
        self.rendered: dict[str, str] = {}
        self._read_context = read_context
        self._context: Mapping[str, Any] | None = None

    def get(self, name: str) -> str | None:
        return self.found.get(name)

    def context(self) -> dict[str, Any]:
        """What a fragment is rendered with, beside the page: what the page
        view adds (read once, and only now), and the context of a visitor who
        is nobody in particular."""
        if self._context is None:
            self._context = self._read_context()
        anonymous = AnonymousUser()
        return {
            **self._context,
            "user": anonymous,
            "perms": PermWrapper(anonymous),
            # {% csrf_token %} writes nothing with this value.
            "csrf_token": "NOTPROVIDED",  # nosec B105 - not a secret
            "messages": (),
        }

    def add(self, name: str, html: str) -> None:
        self.rendered[name] = html

    def keep(self, response: HttpResponse) -> None:
        """Post-render callback: keep what was rendered now, if the page was
        served as it is for everyone."""
        if not self.rendered or response.status_code != 200:
            return
        _keep(self.key, {**self.found, **self.rendered})


def page_fragments(
    request: HttpRequest, page: Any, *, read_context: Callable[[], Mapping]
) -> PageFragments | None:
    """The fragments of ``page`` for ``request``; ``None`` when they must be
    rendered live (the cache is off, the page type does not opt in, a preview,
    a restricted page, a form sent). ``read_context()`` gives what the page
    view adds to the context; it is called only when a fragment is rendered."""
    if (
        not enabled()
        or not getattr(page, "cache_fragments", False)
        or request.method not in _SAFE_METHODS
        or getattr(request, "is_preview", False)
        or not _routed_to(request, page)
        or not page.live
        or _restricted(page)
    ):
        return None
    try:
        key = _key(
            "page",
            _generation(request),
            page.pk,
            get_language(),
            request.get_host(),
            canonical_url(request),
        )
        found = cache.get(key) or {}
    except CACHE_ERRORS as error:
        logger.warning("fragment cache unreachable: %s", error)
        return None
    return PageFragments(key, found, read_context)


def _restricted(page: Any) -> bool:
    """Whether a view restriction applies to the page (or its ancestors, as
    ``portal.pages.ServedPageMixin`` reads them); unknown counts as yes."""
    lineage = getattr(page, "_lineage", None)
    return not lineage or any(
        getattr(ancestor, "restricted", True) for ancestor in lineage
    )


def _routed_to(request: HttpRequest, page: Any) -> bool:
    """Whether Wagtail routed ``request`` to ``page`` itself (not a draft or a
    revision of it made for a preview)."""
    route = getattr(request, "_wagtail_route_for_request", None)
    return route is not None and route[0] is page


def keep_after_render(response: HttpResponse) -> HttpResponse:
    """Have the fragments rendered for ``response`` kept once it is rendered."""
    context = getattr(response, "context_data", None) or {}
    fragments = context.get(CONTEXT_NAME)
    if isinstance(fragments, PageFragments):
        response.add_post_render_callback(fragments.keep)  # type: ignore[attr-defined]
    return response
