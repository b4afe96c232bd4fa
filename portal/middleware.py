from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .selectors import wagtail_site_for_request


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy of the public site.

    The Wagtail admin (``/beheer/``) needs inline scripts and styles of its own;
    it gets a policy that only forbids framing by other sites and a foreign
    ``<base>`` (``ADMIN_CONTENT_SECURITY_POLICY``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/beheer/"):
            policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", "")
        else:
            policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy:
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


class WagtailSiteMiddleware:
    """Finds Wagtail's Site for a request, with the site's home page and the
    root paths that page URLs are built from, in one query instead of three.

    Wagtail looks for ``request._wagtail_site`` and
    ``request._wagtail_cached_site_root_paths`` before it queries; both are
    set here as lazy objects, so a request that builds no page URL (an
    account page, a download) makes no query for them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = SimpleLazyObject(lambda: wagtail_site_for_request(request))
        request._wagtail_site = SimpleLazyObject(lambda: found[0])  # type: ignore[attr-defined]
        request._wagtail_cached_site_root_paths = SimpleLazyObject(  # type: ignore[attr-defined]
            lambda: found[1]
        )
        return self.get_response(request)
