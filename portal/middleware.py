from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
