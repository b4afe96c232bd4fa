"""The page cache: kennisportal pages for anonymous visitors, from Redis.

A Wagtail page that an anonymous visitor asks for is rendered once and then
served from the cache until anything it may show changes. What keeps it safe:

- Only a request without a session cookie (and without a pending message)
  reads or fills the cache. Such a request is anonymous by construction, so a
  cached page was rendered for nobody in particular and is served only to
  others who are nobody in particular; a logged-in member never sees one.
- A response is kept only when it is a plain 200 that sets no cookie: a page
  that put a CSRF token or a session in its response is never cached.
- The cache is an aid, never a dependency: when Redis is unreachable, every
  page is rendered afresh and nothing fails.
- Invalidation is by generation: publishing, unpublishing, moving or
  deleting a page, and saving any content the pages show, moves the
  generation on, and every earlier entry is unreachable at once. Entries also
  expire after ``PAGE_CACHE_SECONDS`` (time-based lists such as "upcoming").
  The fragment cache (``portal.fragment_cache``) keys its entries by the same
  generation, so one change empties both.

Without Redis (``make run`` on local memory) the web process could not see a
publish by the worker, so the cache is off (``PAGE_CACHE_SECONDS = 0``).
"""

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from .cache import CACHE_ERRORS

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
_FLAG = "_page_cache_allowed"
HEADER = "X-Page-Cache"

# Content the pages show: a save or delete in these apps moves the
# generation on. Bookkeeping models that no page shows are left out, so a
# login or a reminder does not empty the cache.
CONTENT_APPS = frozenset(
    {"portal", "network", "knowledge", "leergang", "wagtailimages", "wagtaildocs"}
    | {"taggit", "wagtailcore"}
)
NOT_CONTENT = frozenset(
    {
        "portal.user",
        "portal.auditentry",
        "network.reminder",
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.referenceindex",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.pagesubscription",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.uploadedfile",
    }
)


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def allow(request: HttpRequest) -> None:
    """Let the response to ``request`` be cached (called as a Wagtail page is
    served; a view that is not a page is never cached)."""
    setattr(request, _FLAG, True)


def _anonymous_get(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def generation() -> int:
    """The current generation of the content: every entry of the page cache
    and of the fragment cache is kept under the generation it was made in."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return int(generation)


def _key(request: HttpRequest, generation: int) -> str:
    address = f"{request.get_host()}{request.get_full_path()}|{get_language()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:{generation}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        getattr(request, _FLAG, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _generation_read() -> bool:
    """Whether a cache keys its entries by the generation: this one, or the
    fragment cache (on with Redis even where pages are not cached)."""
    return enabled() or getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) > 0


def invalidate() -> None:
    """Make every cached page and fragment stale (a new generation).

    The generation moves on at once and, when the change is made in a
    transaction, again as it is committed: a request that read the content
    between the two saw it before the change and kept it under the first new
    generation, which is then stale too. (Once per transaction, however
    many objects it saves.)"""
    if not _generation_read():
        return
    _next_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        pending[1] is _next_generation for pending in connection.run_on_commit
    ):
        transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet: nothing is cached
            cache.add(GENERATION_KEY, 1, timeout=None)
    except CACHE_ERRORS as error:
        # Nothing can be served from an unreachable cache either; entries
        # that outlive the outage expire after PAGE_CACHE_SECONDS.
        logger.warning("page cache not invalidated: %s", error)


def invalidate_on_save(sender: type, **kwargs: Any) -> None:
    """``post_save`` / ``post_delete`` receiver: content changed."""
    meta = sender._meta  # type: ignore[attr-defined]
    if meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT:
        invalidate()


def invalidate_on_publish(**kwargs: Any) -> None:
    """Receiver of Wagtail's page signals (published, unpublished, moved)."""
    invalidate()


class PageCacheMiddleware:
    """Serves and fills the page cache; sits right after WhiteNoise, so a hit
    skips sessions, authentication and the view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled() or not _anonymous_get(request):
            return self.get_response(request)
        try:
            key = _key(request, generation())
            cached = cache.get(key)
        except CACHE_ERRORS as error:
            logger.warning("page cache unreachable: %s", error)
            return self.get_response(request)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            try:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            except CACHE_ERRORS as error:
                logger.warning("page cache unreachable: %s", error)
            else:
                response[HEADER] = "miss"
        return response
