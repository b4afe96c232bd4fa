"""The leernetwerk's records in the Wagtail admin (the one back office).

Events are a view set in the "Leernetwerk" group; creating and editing them
goes through ``network.services.events.event_save`` (via the coordination
service), so participants hear about changes and the waitlist moves up.
Registrations, exports and messages live in ``network.admin.views``.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .admin import views as coordination_pages
from .forms.coordination import EventAdminForm
from .models import Event, Municipality, Organisation, Region, Registration
from .permissions import can_coordinate
from .selectors.coordination import event_admin_queryset, event_dashboard_list
from .services.coordination import event_save_from_admin
from .services.events import EventSnapshot


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


# --- Events -------------------------------------------------------------------

UPCOMING = "komend"
PAST = "voorbij"


class EventFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label=_("Wanneer"),
        choices=[(UPCOMING, _("Komende bijeenkomsten")), (PAST, _("Voorbij"))],
        method="filter_when",
        empty_label=_("Alle"),
    )

    class Meta:
        model = Event
        fields = ["kind", "status"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == UPCOMING:
            return queryset.filter(ends_at__gte=now)
        if value == PAST:
            return queryset.filter(ends_at__lt=now)
        return queryset


def _seats(event: Event) -> str:
    capacity = "∞" if event.capacity is None else event.capacity
    return f"{event.confirmed_count}/{capacity}"


def _starts(event: Event) -> str:
    return date_format(timezone.localtime(event.starts_at), "j M Y, H:i")


def registrations_url(event: Event) -> str:
    return reverse("network_admin:event_registrations", args=[event.pk])


def cancel_url(event: Event) -> str:
    return reverse("network_admin:event_cancel", args=[event.pk])


class EventIndexView(IndexView):
    def get_base_queryset(self):
        return event_admin_queryset()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_coordinate(self.request.user):
            buttons.append(
                MenuItem(
                    _("Aanmeldingen"),
                    url=registrations_url(instance),
                    icon_name="group",
                    priority=5,
                )
            )
            if not instance.is_cancelled:
                buttons.append(
                    MenuItem(
                        _("Bijeenkomst annuleren"),
                        url=cancel_url(instance),
                        icon_name="cross",
                        priority=40,
                    )
                )
        return buttons


class EventFormViewMixin:
    """Save through the service instead of ``form.save()``."""

    def get_snapshot(self) -> EventSnapshot | None:
        return None

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # A rule the form could not see (e.g. a slug taken a moment ago):
            # show it on the form instead of failing.
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        event = self.form.save(commit=False)
        event = event_save_from_admin(
            event=event,
            before=self.get_snapshot(),
            bouwopgaven=self.form.cleaned_data.get("bouwopgaven", []),
            actor=self.request.user,
        )
        log(
            instance=event,
            action="wagtail.create" if self.view_name == "create" else "wagtail.edit",
            user=self.request.user,
            content_changed=True,
        )
        return event


class EventCreateView(EventFormViewMixin, CreateView):
    pass


class EventEditView(EventFormViewMixin, EditView):
    def get_snapshot(self) -> EventSnapshot:
        # The form has already applied the posted values to self.object;
        # compare with the state that is still in the database.
        return EventSnapshot.of(Event.objects.get(pk=self.object.pk))

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_coordinate(self.request.user):
            buttons.append(
                Button(
                    _("Aanmeldingen"),
                    url=registrations_url(self.object),
                    icon_name="group",
                    priority=5,
                )
            )
            if not self.object.is_cancelled:
                buttons.append(
                    Button(
                        _("Bijeenkomst annuleren"),
                        url=cancel_url(self.object),
                        icon_name="cross",
                        priority=15,
                    )
                )
        return buttons


class EventDeleteView(DeleteView):
    """Deleting an event with participants would leave them uninformed:
    cancel it instead (they get a mail)."""

    def _has_participants(self) -> bool:
        return Registration.objects.filter(
            event=self.object,
            status__in=[
                Registration.Status.CONFIRMED,
                Registration.Status.WAITLISTED,
            ],
        ).exists()

    def _refuse(self):
        messages.error(
            self.request,
            _(
                "Deze bijeenkomst heeft aanmeldingen en kan daarom niet worden "
                "verwijderd. Annuleer de bijeenkomst: de deelnemers krijgen dan "
                "bericht."
            ),
        )
        return redirect(cancel_url(self.object))

    def get(self, request, *args, **kwargs):
        if self._has_participants() and not self.object.is_cancelled:
            return self._refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self._has_participants() and not self.object.is_cancelled:
            return self._refuse()
        return super().post(request, *args, **kwargs)


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Bijeenkomsten")
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    delete_view_class = EventDeleteView
    filterset_class = EventFilterSet
    search_fields = ["title", "summary", "location"]
    search_backend_name = None
    ordering = ["-starts_at"]
    list_display = [
        "title",
        Column("kind", label=_("Soort"), accessor="get_kind_display"),
        Column("starts_at", label=_("Begint"), accessor=_starts, sort_key="starts_at"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("seats", label=_("Plaatsen"), accessor=_seats),
        Column(
            "waitlist_count",
            label=_("Wachtlijst"),
            accessor="waitlist_count",
            sort_key="waitlist_count",
        ),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("kind"),
                    FieldPanel("summary"),
                    FieldPanel("description"),
                    FieldPanel("bouwopgaven"),
                ],
                heading=_("Over de bijeenkomst"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("starts_at"),
                    FieldPanel("ends_at"),
                    FieldPanel("location"),
                    FieldPanel("online_url"),
                ],
                heading=_("Wanneer en waar"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"),
                    FieldPanel("registration_opens_at"),
                    FieldPanel("registration_closes_at"),
                    FieldPanel("is_published"),
                ],
                heading=_("Aanmelden"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("organiser"),
                    FieldPanel("contact_email"),
                ],
                heading=_("Organisator"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("recording_url"),
                    FieldPanel("slides"),
                    FieldPanel("report_url"),
                ],
                heading=_("Na afloop"),
            ),
        ],
        base_form_class=EventAdminForm,
    )


class NetworkViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Leernetwerk")
    menu_icon = "group"
    menu_order = 300
    items = (EventViewSet, OrganisationViewSet, MunicipalityViewSet, RegionViewSet)


register_snippet(NetworkViewSetGroup)


# --- Registrations, exports and messages ------------------------------------


@hooks.register("register_admin_urls")
def register_coordination_urls():
    return [
        path(
            "leernetwerk/",
            include((coordination_pages.urlpatterns, "network_admin")),
        )
    ]


# --- Dashboard ----------------------------------------------------------------


class UpcomingEventsPanel(Component):
    name = "upcoming_events"
    template_name = "network/admin/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["events"] = [
            {
                "event": event,
                "starts_at": timezone.localtime(event.starts_at),
                "confirmed": event.confirmed_count,
                "capacity": event.capacity,
                "waitlist": event.waitlist_count,
                "percent": (
                    round(100 * event.confirmed_count / event.capacity)
                    if event.capacity
                    else None
                ),
                "url": registrations_url(event),
            }
            for event in event_dashboard_list()
        ]
        context["index_url"] = reverse(Event.snippet_viewset.get_url_name("list"))
        return context


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    if can_coordinate(request.user):
        panels.append(UpcomingEventsPanel())
