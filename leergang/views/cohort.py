"""Pages of the cohort space: /leergang/<edition>/ and each municipality's
workspace in it. Private to the cohort's team members and the coordinators
(see ``permissions.cohort_member``)."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.taxonomy import Bouwopgave

from ..charts import chart_layout, chart_table
from ..exceptions import LeergangError
from ..exports import cohort_workbook
from ..forms.cohort import PraatplaatNotesForm, ReflectionForm, ScanForm
from ..models import Application, ScanMoment
from ..permissions import (
    cohort_coordinator_require,
    cohort_member,
    cohort_require,
    scan_may_edit,
    workspace_edit_require,
    workspace_get,
)
from ..selectors import cohort as selectors
from ..selectors.cohort import CohortAccess
from ..selectors.scans import (
    chart_data_for,
    cohort_overview,
    scan_get_with_scores,
    scan_list_for,
)
from ..services.cohort import (
    praatplaat_notes_save,
    practice_story_create,
    reflection_save,
    scan_save,
)


def _context(
    access: CohortAccess, application: Application | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "edition": access.edition,
        "access": access,
        "application": application,
        "may_edit": application is not None and access.may_edit(application),
        **extra,
    }


@cohort_member
def cohort_home(request: HttpRequest, access: CohortAccess) -> HttpResponse:
    application = access.application
    scans = scan_list_for(application=application) if application else {}
    return render(
        request,
        "leergang/cohort/home.html",
        _context(
            access,
            application,
            sessions=selectors.session_list(edition=access.edition),
            moments=[(moment, scans.get(moment.value)) for moment in ScanMoment],
            cohort=(
                selectors.cohort_application_list(edition=access.edition)
                if access.is_coordinator
                else []
            ),
        ),
    )


@cohort_member
def scan_edit(
    request: HttpRequest, access: CohortAccess, municipality_slug: str, moment: str
) -> HttpResponse:
    application = workspace_get(access=access, municipality_slug=municipality_slug)
    if moment not in ScanMoment.values:
        raise Http404
    moment_choice = ScanMoment(moment)
    scan = scan_get_with_scores(application=application, moment=moment)
    may_edit = scan_may_edit(access=access, application=application, scan=scan)
    if request.method == "POST":
        workspace_edit_require(access=access, application=application)
        cohort_require(may_edit, access=access)
        submit = "indienen" in request.POST
        form = ScanForm(request.POST, submit=submit)
        if form.is_valid():
            try:
                scan_save(
                    application=application,
                    moment=moment,
                    scores=form.scores(),
                    by=request.user,
                    submit=submit,
                )
            except LeergangError as exc:
                form.add_error(None, str(exc))
            else:
                if submit:
                    messages.success(
                        request,
                        _("De zelfscan is ingediend. Hieronder ziet u de uitkomst."),
                    )
                    return redirect(
                        "leergang:cohort_results",
                        edition_slug=access.edition.slug,
                        municipality_slug=municipality_slug,
                    )
                messages.success(
                    request, _("Uw concept is bewaard. U kunt later verder gaan.")
                )
                return redirect(request.path)
    else:
        form = ScanForm(initial=ScanForm.initial_from(scan))
    return render(
        request,
        "leergang/cohort/scan_form.html",
        _context(
            access,
            application,
            form=form,
            scan=scan,
            moment=moment_choice,
            may_edit_scan=may_edit,
        ),
    )


@cohort_member
def results(
    request: HttpRequest, access: CohortAccess, municipality_slug: str
) -> HttpResponse:
    application = workspace_get(access=access, municipality_slug=municipality_slug)
    data = chart_data_for(application=application)
    return render(
        request,
        "leergang/cohort/results.html",
        _context(
            access,
            application,
            data=data,
            chart=chart_layout(data=data) if data.series else None,
            table=chart_table(data=data),
        ),
    )


@cohort_member
def reflections(
    request: HttpRequest, access: CohortAccess, municipality_slug: str
) -> HttpResponse:
    application = workspace_get(access=access, municipality_slug=municipality_slug)
    return render(
        request,
        "leergang/cohort/reflections.html",
        _context(
            access,
            application,
            reflections=selectors.reflection_list_for(application=application),
        ),
    )


@cohort_member
def reflection_edit(
    request: HttpRequest,
    access: CohortAccess,
    municipality_slug: str,
    pk: int | None = None,
) -> HttpResponse:
    application = workspace_get(access=access, municipality_slug=municipality_slug)
    workspace_edit_require(access=access, application=application)
    reflection = None
    if pk is not None:
        reflection = (
            selectors.reflection_list_for(application=application)
            .filter(pk=pk, author=request.user)
            .first()
        )
        if reflection is None:
            raise Http404
    sessions = selectors.session_list(edition=access.edition)
    form = ReflectionForm(request.POST or None, instance=reflection, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        try:
            reflection_save(
                application=application,
                session=form.cleaned_data["session"],
                author=request.user,
                first_order=form.cleaned_data["first_order"],
                second_order=form.cleaned_data["second_order"],
                third_order=form.cleaned_data["third_order"],
                reflection=reflection,
            )
        except LeergangError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Uw reflectie is bewaard."))
            return redirect(
                "leergang:cohort_reflections",
                edition_slug=access.edition.slug,
                municipality_slug=municipality_slug,
            )
    return render(
        request,
        "leergang/cohort/reflection_form.html",
        _context(access, application, form=form, reflection=reflection),
    )


@cohort_member
def praatplaat(
    request: HttpRequest, access: CohortAccess, municipality_slug: str
) -> HttpResponse:
    application = workspace_get(access=access, municipality_slug=municipality_slug)
    if request.method == "POST":
        workspace_edit_require(access=access, application=application)
    page, rows = selectors.praatplaat_for_workspace(application=application)
    # The team writes its notes; a coordinator reads them, without a form.
    form = (
        PraatplaatNotesForm(request.POST or None, rows=rows)
        if access.may_edit(application)
        else None
    )
    if form is not None and request.method == "POST" and form.is_valid():
        praatplaat_notes_save(
            application=application, notes=form.notes(), by=request.user
        )
        messages.success(request, _("Uw notities bij de praatplaat zijn bewaard."))
        return redirect(request.path)
    return render(
        request,
        "leergang/cohort/praatplaat.html",
        _context(access, application, praatplaat=page, form=form, rows=rows),
    )


@cohort_member
def overview(request: HttpRequest, access: CohortAccess) -> HttpResponse:
    cohort_coordinator_require(access=access)
    return render(
        request,
        "leergang/cohort/overview.html",
        _context(
            access,
            rows=cohort_overview(edition=access.edition),
            moments=list(ScanMoment),
            bouwopgaven=Bouwopgave.choices,
        ),
    )


@cohort_member
def export(request: HttpRequest, access: CohortAccess) -> HttpResponse:
    cohort_coordinator_require(access=access)
    content = cohort_workbook(edition=access.edition)
    response = HttpResponse(
        content,
        content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
    )
    response["Content-Disposition"] = (
        f'attachment; filename="zelfscans-{access.edition.slug}.xlsx"'
    )
    return response


@require_POST
@cohort_member
def story_create(
    request: HttpRequest, access: CohortAccess, municipality_slug: str
) -> HttpResponse:
    application = workspace_get(access=access, municipality_slug=municipality_slug)
    cohort_coordinator_require(access=access)
    try:
        page = practice_story_create(application=application, by=request.user)
    except LeergangError as exc:
        messages.error(request, str(exc))
        return redirect("leergang:cohort_overview", edition_slug=access.edition.slug)
    if page.permissions_for_user(request.user).can_edit():
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    messages.success(
        request,
        _(
            "Het concept '%(title)s' staat in de kennisbank. Een redacteur werkt "
            "het verder uit en dient het in voor review."
        )
        % {"title": page.title},
    )
    return redirect("leergang:cohort_overview", edition_slug=access.edition.slug)
