import sys
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db import OperationalError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from . import accessibility
from .health import health_report
from .permissions import DEFAULT_MESSAGE
from .site import site_url

# Addresses that are personal, behind a login or an internal search: no use
# to a search engine.
ROBOTS_DISALLOW = [
    "/beheer/",
    "/account/",
    "/mijn/",
    "/leden/",
    "/zoeken/",
    "/agenda/afmelden/",
    "/agenda/feed/",
    "/leergang/beheer/",
    "/leergang/mijn-aanmelding/",
    "/leergang/uitnodiging/",
]


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """State of database, cache and broker: 200 when all are up, 503 if not."""
    healthy, checks = health_report()
    return JsonResponse(
        {"status": "ok" if healthy else "fout", "checks": checks},
        status=200 if healthy else 503,
    )


@require_safe
@cache_control(max_age=60 * 60)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Rules for search engines, with the sitemap's public address."""
    return render(
        request,
        "portal/robots.txt",
        {"disallow": ROBOTS_DISALLOW, "sitemap_url": site_url(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, after the model of DigiToegankelijk; its
    facts live in ``portal.accessibility``."""
    return render(
        request,
        "portal/accessibility_statement.html",
        {
            "statement": accessibility.STATEMENT,
            "contact_address": accessibility.accessibility_contact_address(),
            "website_address": accessibility.accessibility_website_address(),
        },
    )


@require_safe
@cache_control(max_age=60 * 60 * 24, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers and feed readers ask for at the root
    whatever the page links."""
    path = finders.find("img/favicon.ico")
    if not path:
        raise Http404
    return HttpResponse(Path(path).read_bytes(), content_type="image/x-icon")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 403 page in the site's design; an ``AccessDenied`` may bring a page
    of its own that explains what to do instead."""
    template = getattr(exception, "template", None) or "403.html"
    context = {
        "message": getattr(exception, "message", None) or DEFAULT_MESSAGE,
        **getattr(exception, "context", {}),
    }
    return render(request, template, context, status=403)


# How long a visitor is asked to wait when the database cannot take them.
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The page for an error nobody caught. When the database could not be
    reached or took no more connections (an ``OperationalError``, also from a
    middleware), the answer is a 503 that asks to try again shortly, so that
    a load balancer and a visitor know it is passing; otherwise the 500 page.
    Neither page reads the database."""
    if isinstance(sys.exc_info()[1], OperationalError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
