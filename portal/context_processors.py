from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

# The four areas of the programme, in the order of the header navigation.
MAIN_NAVIGATION = [
    ("/kennisbank/", _("Kennisbank")),
    ("/agenda/", _("Agenda")),
    ("/leergang/", _("Leergang")),
    ("/leernetwerk/", _("Leernetwerk")),
]


def site_navigation(request: HttpRequest) -> dict[str, object]:
    """The header navigation with the current area marked: ``"page"`` on the
    area's own page, ``"true"`` below it (aria-current)."""
    path = request.path
    return {
        "main_navigation": [
            {
                "url": url,
                "label": label,
                "current": "page" if path == url else path.startswith(url) and "true",
            }
            for url, label in MAIN_NAVIGATION
        ]
    }
