"""The leergang in the Wagtail admin (the one back office): coordinators plan
the sessions of an edition, with their materials."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Edition, Session


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "date"
    menu_label = _("Bijeenkomsten leergang")
    list_display = ["title", "starts_at", "edition"]
    list_filter = ["edition"]
    search_fields = ["title"]
    ordering = ["starts_at"]


class EditionViewSet(SnippetViewSet):
    """Editions, with the check that a slug does not take the address of a
    fixed leergang page (aanmelden, beheer, mijn-aanmelding)."""

    model = Edition
    icon = "folder-open-inverse"
    list_display = ["title", "applications_open_at", "applications_close_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("cohort_size"),
            FieldPanel("applications_open_at"),
            FieldPanel("applications_close_at"),
            FieldPanel("is_published"),
        ],
    )


class LeergangViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Leergang")
    menu_icon = "group"
    menu_order = 310
    items = (SessionViewSet, EditionViewSet)


register_snippet(LeergangViewSetGroup)
