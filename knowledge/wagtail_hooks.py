"""The kennisbank's taxonomy and team praatplaten in the Wagtail admin."""

import re

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge.models import (
    Author,
    Bouwopgave,
    Doelgroep,
    LegalFramework,
    ParticipatiewielDomain,
    Venster,
)
from knowledge.permissions import page_needs_partner_review, pages_need_partner_review


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


# --- The partner review cannot be skipped -----------------------------------
# An editor's group may publish elsewhere on the site; in the kennisbank the
# review workflow decides. The publish button is hidden for them there, and a
# publish request that arrives anyway is saved as a draft, so nothing typed is
# lost.

REVIEW_MESSAGE = _(
    "Opgeslagen als concept. Publicaties in de kennisbank gaan live nadat een "
    "partner ze heeft goedgekeurd: kies 'Ter review indienen'."
)


@hooks.register("construct_page_action_menu")
def hide_publish_before_review(menu_items, request, context):
    page = context.get("page") or context.get("parent_page")
    if page is None or page.pk is None:
        return
    if page_needs_partner_review(user=request.user, page=page):
        menu_items[:] = [
            item
            for item in menu_items
            if getattr(item, "name", "") not in {"action-publish", "action-schedule"}
        ]


def _publish_becomes_draft(request, page) -> None:
    if request.method != "POST" or "action-publish" not in request.POST:
        return
    if page_needs_partner_review(user=request.user, page=page):
        data = request.POST.copy()
        del data["action-publish"]
        request.POST = data
        messages.warning(request, REVIEW_MESSAGE)


@hooks.register("before_edit_page")
def review_before_publishing_an_edit(request, page):
    _publish_becomes_draft(request, page)


@hooks.register("before_create_page")
def review_before_publishing_a_new_page(request, parent_page, page_class):
    _publish_becomes_draft(request, parent_page)


# The same rule for the other ways a page goes live: publishing a selection of
# pages at once, and copying a page with "publish copies" or as an alias.

BULK_PUBLISH_REFUSED = _(
    "Niets gepubliceerd. Publicaties in de kennisbank gaan live nadat een "
    "partner ze heeft goedgekeurd: open de pagina en kies 'Ter review indienen'."
)
COPY_BECOMES_DRAFT = _(
    "De kopie is opgeslagen als concept. Publicaties in de kennisbank gaan live "
    "nadat een partner ze heeft goedgekeurd: kies 'Ter review indienen'."
)
ALIAS_REFUSED = _(
    "Een alias in de kennisbank is meteen live, en dat kan pas na goedkeuring "
    "door een partner. Maak een gewone kopie en dien die in voor review."
)


def _bulk_publish_skips_review(request, objects, action_view) -> bool:
    user = request.user
    include_descendants = bool(
        action_view.cleaned_form
        and action_view.cleaned_form.cleaned_data.get("include_descendants")
    )
    return pages_need_partner_review(
        user=user, pages=objects, include_draft_descendants=include_descendants
    )


@hooks.register("before_bulk_action")
def review_before_bulk_publishing(request, action_type, objects, action_view):
    if action_type != "publish" or action_view.model is not Page:
        return None
    if _bulk_publish_skips_review(request, objects, action_view):
        messages.error(request, BULK_PUBLISH_REFUSED)
        return redirect(action_view.next_url)
    return None


@hooks.register("before_copy_page")
def review_before_publishing_a_copy(request, page):
    if request.method != "POST":
        return None
    parent_id = request.POST.get("new_parent_page", "")
    parent = (
        Page.objects.filter(pk=int(parent_id)).first()
        if re.fullmatch(r"[0-9]{1,18}", parent_id)
        else None
    ) or page.get_parent()
    if not page_needs_partner_review(user=request.user, page=parent):
        return None
    if request.POST.get("alias"):
        messages.error(request, ALIAS_REFUSED)
        return redirect(request.get_full_path())
    if request.POST.get("publish_copies"):
        data = request.POST.copy()
        del data["publish_copies"]
        request.POST = data
        messages.warning(request, COPY_BECOMES_DRAFT)
    return None
