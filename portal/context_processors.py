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
    """The header navigation with the current area marked."""
    path = request.path
    return {
        "main_navigation": [
            {"url": url, "label": label, "current": path.startswith(url)}
            for url, label in MAIN_NAVIGATION
        ]
    }
