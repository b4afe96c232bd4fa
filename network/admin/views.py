"""The coordinator's pages in the back office: registrations of an event,
attendance, cancellations, exports and a message to participants.

Only users with the change permission on events (coordinators, superusers)
get these pages; everyone else gets a 403. Views parse, call one service or
selector, and respond.
"""

import csv
import io
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from portal.spreadsheets import spreadsheet_safe

from ..forms.coordination import AttendanceForm, MessageForm
from ..models import Event, Registration
from ..permissions import coordinator_required
from ..selectors.coordination import (
    EXPORT_HEADER,
    registration_export_rows,
    registration_overview,
)
from ..services.coordination import (
    event_cancel_from_admin,
    event_message_participants,
    event_set_attendance,
    registration_cancel_by_coordinator,
)
from ..services.reminders import REMINDER_MAX_ATTEMPTS

EXPORT_DATE_FORMAT = "%d-%m-%Y %H:%M"


def _event_index_url() -> str:
    return reverse(Event.snippet_viewset.get_url_name("list"))


def _event_edit_url(event: Event) -> str:
    return reverse(Event.snippet_viewset.get_url_name("edit"), args=[event.pk])


def _registrations_url(event: Event) -> str:
    return reverse("network_admin:event_registrations", args=[event.pk])


def _context(event: Event, title: str, **extra: Any) -> dict[str, Any]:
    breadcrumbs = [
        {"url": reverse("wagtailadmin_home"), "label": _("Start")},
        {"url": _event_index_url(), "label": _("Bijeenkomsten")},
        {"url": _event_edit_url(event), "label": event.title},
    ]
    if title != _("Aanmeldingen"):
        breadcrumbs.append(
            {"url": _registrations_url(event), "label": _("Aanmeldingen")}
        )
    breadcrumbs.append({"url": "", "label": title})
    return {
        "event": event,
        "header_title": f"{title}: {event.title}",
        "header_icon": "group",
        "breadcrumbs_items": breadcrumbs,
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(event.ends_at),
        "registrations_url": _registrations_url(event),
        "edit_url": _event_edit_url(event),
        **extra,
    }


@coordinator_required
def event_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    overview = registration_overview(event=event, max_attempts=REMINDER_MAX_ATTEMPTS)
    has_started = event.has_started
    context = _context(
        event,
        _("Aanmeldingen"),
        overview=overview,
        has_started=has_started,
        attendance_form=(
            AttendanceForm(registrations=overview.confirmed) if has_started else None
        ),
        confirmed_count=len(overview.confirmed),
        reminder_failures=overview.reminder_failures,
        max_attempts=REMINDER_MAX_ATTEMPTS,
    )
    return TemplateResponse(request, "network/admin/event_registrations.html", context)


@coordinator_required
@require_POST
def event_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    if not event.has_started:
        messages.error(
            request, _("Aanwezigheid kunt u pas bijhouden als de bijeenkomst begint.")
        )
        return redirect(_registrations_url(event))
    confirmed = registration_overview(event=event).confirmed
    form = AttendanceForm(request.POST, registrations=confirmed)
    if not form.is_valid():
        messages.error(
            request,
            _("De lijst is intussen veranderd. Kijk de aanwezigheid opnieuw na."),
        )
        return redirect(_registrations_url(event))
    came = event_set_attendance(
        event=event, attended_ids=form.cleaned_data["present"], actor=request.user
    )
    messages.success(
        request,
        ngettext(
            "Aanwezigheid opgeslagen: %(came)d van %(total)d deelnemer was er.",
            "Aanwezigheid opgeslagen: %(came)d van %(total)d deelnemers waren er.",
            len(confirmed),
        )
        % {"came": came, "total": len(confirmed)},
    )
    return redirect(_registrations_url(event))


@coordinator_required
def registration_cancel(
    request: HttpRequest, pk: int, registration_pk: int
) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    registration = get_object_or_404(
        Registration.objects.select_related("member"), pk=registration_pk, event=event
    )
    if registration.status == Registration.Status.CANCELLED:
        messages.info(request, _("Deze aanmelding was al afgemeld."))
        return redirect(_registrations_url(event))
    if request.method == "POST":
        registration_cancel_by_coordinator(
            event=event, registration_id=registration.pk, actor=request.user
        )
        messages.success(
            request,
            _(
                "De aanmelding van %(name)s is geannuleerd. Hij of zij krijgt "
                "daarover een e-mail; staat er iemand op de wachtlijst, dan "
                "schuift die door."
            )
            % {"name": registration.member or _("(account verwijderd)")},
        )
        return redirect(_registrations_url(event))
    return TemplateResponse(
        request,
        "network/admin/registration_cancel.html",
        _context(event, _("Aanmelding annuleren"), registration=registration),
    )


@coordinator_required
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    if event.is_cancelled:
        messages.info(request, _("Deze bijeenkomst was al geannuleerd."))
        return redirect(_event_index_url())
    overview = registration_overview(event=event)
    if request.method == "POST":
        event_cancel_from_admin(event=event, actor=request.user)
        messages.success(
            request,
            _(
                "De bijeenkomst '%(title)s' is geannuleerd. Alle aangemelde "
                "deelnemers krijgen een e-mail."
            )
            % {"title": event.title},
        )
        return redirect(_event_index_url())
    return TemplateResponse(
        request,
        "network/admin/event_cancel.html",
        _context(
            event,
            _("Bijeenkomst annuleren"),
            active_count=len(overview.confirmed) + len(overview.waitlist),
        ),
    )


@coordinator_required
def event_message(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = event_message_participants(
            event=event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            audience=form.cleaned_data["audience"],
            actor=request.user,
        )
        if count:
            messages.success(
                request,
                ngettext(
                    "Het bericht wordt verstuurd naar %(count)d persoon.",
                    "Het bericht wordt verstuurd naar %(count)d personen, ieder "
                    "een eigen e-mail.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.warning(
                request, _("Er is niemand in deze groep; er is niets verstuurd.")
            )
        return redirect(_registrations_url(event))
    return TemplateResponse(
        request,
        "network/admin/event_message.html",
        _context(event, _("Bericht aan alle deelnemers"), form=form),
        status=400 if form.is_bound else 200,
    )


# --- Exports ------------------------------------------------------------------


def _export_filename(event: Event, extension: str) -> str:
    return f"aanmeldingen-{slugify(event.slug)[:60]}.{extension}"


@coordinator_required
def event_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    rows = registration_export_rows(event=event)
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # BOM: Excel then reads UTF-8
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(EXPORT_HEADER)
        for row in rows:
            writer.writerow(
                [
                    spreadsheet_safe(row.name),
                    spreadsheet_safe(row.email),
                    spreadsheet_safe(row.organisation),
                    spreadsheet_safe(row.municipality),
                    row.role,
                    row.status,
                    row.requested_at.strftime(EXPORT_DATE_FORMAT),
                    row.attended,
                ]
            )
        response = HttpResponse(
            buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Aanmeldingen"
        sheet.append(EXPORT_HEADER)
        for row in rows:
            sheet.append(
                [
                    spreadsheet_safe(row.name),
                    spreadsheet_safe(row.email),
                    spreadsheet_safe(row.organisation),
                    spreadsheet_safe(row.municipality),
                    row.role,
                    row.status,
                    # Excel has no time zones: the Amsterdam wall-clock time.
                    row.requested_at.replace(tzinfo=None),
                    row.attended,
                ]
            )
            sheet.cell(row=sheet.max_row, column=7).number_format = "dd-mm-yyyy hh:mm"
        for column, width in zip(
            "ABCDEFGH", [28, 32, 28, 20, 24, 18, 18, 10], strict=True
        ):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
        output = io.BytesIO()
        workbook.save(output)
        response = HttpResponse(
            output.getvalue(),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
    else:
        raise Http404
    response["Content-Disposition"] = (
        f'attachment; filename="{_export_filename(event, fmt)}"'
    )
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path(
        "bijeenkomsten/<int:pk>/aanmeldingen/",
        event_registrations,
        name="event_registrations",
    ),
    path(
        "bijeenkomsten/<int:pk>/aanwezigheid/",
        event_attendance,
        name="event_attendance",
    ),
    path(
        "bijeenkomsten/<int:pk>/aanmeldingen/<int:registration_pk>/annuleren/",
        registration_cancel,
        name="registration_cancel",
    ),
    path(
        "bijeenkomsten/<int:pk>/aanmeldingen.<str:fmt>",
        event_export,
        name="event_export",
    ),
    path("bijeenkomsten/<int:pk>/bericht/", event_message, name="event_message"),
    path("bijeenkomsten/<int:pk>/annuleren/", event_cancel, name="event_cancel"),
]
