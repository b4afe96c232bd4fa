import hashlib
import time
from collections.abc import Callable

from allauth.usersessions.models import UserSession
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


# Set in the session at login (portal.signals.session_note_login), which
# writes the session anyway: the time, in seconds since the epoch.
LOGGED_IN_AT = "portal_logged_in_at"


class UserSessionActivityMiddleware:
    """Keeps allauth's record of a signed-in session (``allauth.usersessions``:
    browser, IP address, when started and last seen), which the page
    "Ingelogde apparaten" lists and "Log uit op alle andere apparaten" ends.

    allauth makes the record when someone logs in. Its own middleware
    (``USERSESSIONS_TRACK_ACTIVITY``) would update it on every signed-in
    request, a read and a write more on each page; this one does it at most
    once every ``USER_SESSION_SEEN_INTERVAL`` seconds per session, and not in
    the first interval after the login. A short-lived signed cookie, bound to
    the session, says the record is fresh; the session itself is not written,
    so its expiry does not move. A session without a record (one that began
    before the list existed) gets one on its first request after the
    interval, so ending the other sessions reaches it.
    """

    COOKIE_NAME = "sessionseen"
    SALT = "portal.middleware.UserSessionActivityMiddleware"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        mark = self._due(request)
        if mark:
            UserSession.objects.create_from_request(request)
        response = self.get_response(request)
        if mark:
            response.set_signed_cookie(
                self.COOKIE_NAME,
                mark,
                salt=self.SALT,
                max_age=settings.USER_SESSION_SEEN_INTERVAL,
                path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        return response

    def _due(self, request: HttpRequest) -> str:
        """The cookie's value for this session when its record is due for an
        update; empty when it is fresh or nobody is signed in."""
        if not request.session.session_key:  # no session cookie: nobody
            return ""
        if not request.user.is_authenticated:
            return ""
        interval = settings.USER_SESSION_SEEN_INTERVAL
        logged_in_at = request.session.get(LOGGED_IN_AT, 0)
        if time.time() - logged_in_at < interval:
            return ""
        # A digest, so the cookie does not repeat the session's key.
        session_key = request.session.session_key or ""
        mark = hashlib.sha256(session_key.encode()).hexdigest()[:20]
        seen = request.get_signed_cookie(
            self.COOKIE_NAME, default="", salt=self.SALT, max_age=interval
        )
        return "" if seen == mark else mark
