from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import health_report
from .permissions import DEFAULT_MESSAGE


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """State of database, cache and broker: 200 when all are up, 503 if not."""
    healthy, checks = health_report()
    return JsonResponse(
        {"status": "ok" if healthy else "fout", "checks": checks},
        status=200 if healthy else 503,
    )


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 403 page in the site's design; an ``AccessDenied`` may bring a page
    of its own that explains what to do instead."""
    template = getattr(exception, "template", None) or "403.html"
    context = {
        "message": getattr(exception, "message", None) or DEFAULT_MESSAGE,
        **getattr(exception, "context", {}),
    }
    return render(request, template, context, status=403)
