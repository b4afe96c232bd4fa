"""Certificate of attendance: a PDF for a member who came to a past event.

Only the member themselves, signed in, with a registration marked as attended
by a coordinator, gets it; everyone else gets a 404 (so the page does not
reveal who attended what).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..certificates import certificate_pdf
from ..selectors.coordination import registration_for_certificate


@never_cache
@require_GET
def certificate(request: HttpRequest, slug: str) -> HttpResponse:
    registration = registration_for_certificate(slug=slug, member=request.user)
    if registration is None:
        raise Http404(_("Er is geen bewijs van deelname voor deze bijeenkomst."))
    response = HttpResponse(
        certificate_pdf(registration=registration), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="bewijs-van-deelname-{registration.event.slug}.pdf"'
    )
    return response
