"""The kennisbank's taxonomy and team praatplaten in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Author,
    Bouwopgave,
    Doelgroep,
    LegalFramework,
    ParticipatiewielDomain,
    Venster,
)


class BouwopgaveViewSet(SnippetViewSet):
    model = Bouwopgave
    icon = "tasks"
    list_display = ["number", "name"]


class VensterViewSet(SnippetViewSet):
    model = Venster
    icon = "view"
    list_display = ["number", "name"]


class DomainViewSet(SnippetViewSet):
    model = ParticipatiewielDomain
    icon = "resubmit"
    list_display = ["number", "name"]


class LegalFrameworkViewSet(SnippetViewSet):
    model = LegalFramework
    icon = "doc-full"
    list_display = ["name"]


class DoelgroepViewSet(SnippetViewSet):
    model = Doelgroep
    icon = "group"
    list_display = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "organisation"]
    search_fields = ["name", "family_name"]


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Kennisbank")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        BouwopgaveViewSet,
        VensterViewSet,
        DomainViewSet,
        LegalFrameworkViewSet,
        DoelgroepViewSet,
        AuthorViewSet,
    )


register_snippet(KnowledgeViewSetGroup)
