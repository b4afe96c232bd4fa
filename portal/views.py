from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import health_report


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """State of database, cache and broker: 200 when all are up, 503 if not."""
    healthy, checks = health_report()
    return JsonResponse(
        {"status": "ok" if healthy else "fout", "checks": checks},
        status=200 if healthy else 503,
    )
