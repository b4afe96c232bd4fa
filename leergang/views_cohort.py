"""Pages of the cohort space: /leergang/<edition>/ and each municipality's
workspace in it. Private to the cohort's team members and the coordinators."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors_cohort as selectors
from . import services_cohort as services
from .charts_cohort import chart_layout, chart_table
from .exceptions import LeergangError
from .exports_cohort import cohort_workbook
from .forms_cohort import PraatplaatNotesForm, ReflectionForm, ScanForm
from .models import Application, Edition, ScanMoment
from .selectors_cohort import CohortAccess

Refusal = HttpResponse | None


def _refused(request: HttpRequest, *, edition: Edition | None = None) -> HttpResponse:
    return render(
        request, "leergang/cohort/refused.html", {"edition": edition}, status=403
    )


def _enter(request: HttpRequest, edition_slug: str) -> tuple[Refusal, CohortAccess]:
    """(refusal, access): a response when the user may not enter."""
    try:
        edition = selectors.edition_get_by_slug(slug=edition_slug)
    except Edition.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path()), None  # type: ignore[return-value]
    access = selectors.cohort_access_for(edition=edition, user=request.user)
    if access is None:
        return _refused(request, edition=edition), None  # type: ignore[return-value]
    return None, access


def _workspace(
    request: HttpRequest, edition_slug: str, municipality_slug: str
) -> tuple[Refusal, CohortAccess, Application]:
    refusal, access = _enter(request, edition_slug)
    if refusal is not None:
        return refusal, access, None  # type: ignore[return-value]
    try:
        application = selectors.cohort_application_get(
            edition=access.edition, municipality_slug=municipality_slug
        )
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    if not access.may_see(application):
        return _refused(request, edition=access.edition), access, application
    return None, access, application


def _context(access: CohortAccess, application: Application | None = None, **extra):
    return {
        "edition": access.edition,
        "access": access,
        "application": application,
        "may_edit": application is not None and access.may_edit(application),
        **extra,
    }


def cohort_home(request: HttpRequest, edition_slug: str) -> HttpResponse:
    refusal, access = _enter(request, edition_slug)
    if refusal is not None:
        return refusal
    application = access.application
    scans = selectors.scan_list_for(application=application) if application else {}
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


def scan_edit(
    request: HttpRequest, edition_slug: str, municipality_slug: str, moment: str
) -> HttpResponse:
    refusal, access, application = _workspace(request, edition_slug, municipality_slug)
    if refusal is not None:
        return refusal
    if moment not in ScanMoment.values:
        raise Http404
    moment_choice = ScanMoment(moment)
    scan = selectors.scan_get_with_scores(application=application, moment=moment)
    may_edit = access.may_edit(application) and not (scan and scan.is_submitted)
    if request.method == "POST":
        if not may_edit:
            return _refused(request, edition=access.edition)
        submit = "indienen" in request.POST
        form = ScanForm(request.POST, submit=submit)
        if form.is_valid():
            try:
                services.scan_save(
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
                        edition_slug=edition_slug,
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


def results(
    request: HttpRequest, edition_slug: str, municipality_slug: str
) -> HttpResponse:
    refusal, access, application = _workspace(request, edition_slug, municipality_slug)
    if refusal is not None:
        return refusal
    data = selectors.chart_data_for(application=application)
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


def reflections(
    request: HttpRequest, edition_slug: str, municipality_slug: str
) -> HttpResponse:
    refusal, access, application = _workspace(request, edition_slug, municipality_slug)
    if refusal is not None:
        return refusal
    return render(
        request,
        "leergang/cohort/reflections.html",
        _context(
            access,
            application,
            reflections=selectors.reflection_list_for(application=application),
        ),
    )


def reflection_edit(
    request: HttpRequest,
    edition_slug: str,
    municipality_slug: str,
    pk: int | None = None,
) -> HttpResponse:
    refusal, access, application = _workspace(request, edition_slug, municipality_slug)
    if refusal is not None:
        return refusal
    if not access.may_edit(application):
        return _refused(request, edition=access.edition)
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
            services.reflection_save(
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
                edition_slug=edition_slug,
                municipality_slug=municipality_slug,
            )
    return render(
        request,
        "leergang/cohort/reflection_form.html",
        _context(access, application, form=form, reflection=reflection),
    )


def praatplaat(
    request: HttpRequest, edition_slug: str, municipality_slug: str
) -> HttpResponse:
    refusal, access, application = _workspace(request, edition_slug, municipality_slug)
    if refusal is not None:
        return refusal
    page, rows = selectors.praatplaat_for_workspace(application=application)
    form = PraatplaatNotesForm(request.POST or None, rows=rows)
    if request.method == "POST":
        if not access.may_edit(application):
            return _refused(request, edition=access.edition)
        if form.is_valid():
            services.praatplaat_notes_save(
                application=application, notes=form.notes(), by=request.user
            )
            messages.success(request, _("Uw notities bij de praatplaat zijn bewaard."))
            return redirect(request.path)
    return render(
        request,
        "leergang/cohort/praatplaat.html",
        _context(access, application, praatplaat=page, form=form),
    )


def _coordinator(request: HttpRequest, edition_slug: str):
    refusal, access = _enter(request, edition_slug)
    if refusal is None and not access.is_coordinator:
        refusal = _refused(request, edition=access.edition)
    return refusal, access


def overview(request: HttpRequest, edition_slug: str) -> HttpResponse:
    refusal, access = _coordinator(request, edition_slug)
    if refusal is not None:
        return refusal
    return render(
        request,
        "leergang/cohort/overview.html",
        _context(
            access,
            rows=selectors.cohort_overview(edition=access.edition),
            moments=list(ScanMoment),
            bouwopgaven=selectors.Bouwopgave.choices,
        ),
    )


def export(request: HttpRequest, edition_slug: str) -> HttpResponse:
    refusal, access = _coordinator(request, edition_slug)
    if refusal is not None:
        return refusal
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
def story_create(
    request: HttpRequest, edition_slug: str, municipality_slug: str
) -> HttpResponse:
    refusal, access, application = _workspace(request, edition_slug, municipality_slug)
    if refusal is None and not access.is_coordinator:
        refusal = _refused(request, edition=access.edition)
    if refusal is not None:
        return refusal
    try:
        page = services.practice_story_create(application=application, by=request.user)
    except LeergangError as exc:
        messages.error(request, str(exc))
        return redirect("leergang:cohort_overview", edition_slug=edition_slug)
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
    return redirect("leergang:cohort_overview", edition_slug=edition_slug)
