"""The leernetwerk's records in the Wagtail admin (the one back office)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Municipality, Organisation, Region


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "province", "note"]
    list_filter = ["province", "regions"]
    search_fields = ["name"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "group"
    list_display = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "kind", "is_partner"]
    list_filter = ["kind", "is_partner"]
    search_fields = ["name"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Leernetwerk")
    menu_icon = "group"
    menu_order = 300
    items = (OrganisationViewSet, MunicipalityViewSet, RegionViewSet)


register_snippet(NetworkViewSetGroup)
