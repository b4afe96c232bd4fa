"""Pages of applying: the programme, the application form, the applicant's
status page and withdrawing."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.taxonomy import Bouwopgave

from ..exceptions import ApplicationIncomplete, LeergangError
from ..forms.applications import (
    ApplicationForm,
    application_data,
    application_errors_add,
    application_form_valid,
    team_formset,
)
from ..models import Application
from ..permissions import contact_municipality, contact_required
from ..selectors import applications as selectors
from ..selectors.cohort import cohort_space_list_for
from ..services.applications import (
    application_save_draft,
    application_submit,
    application_withdraw,
)


def index(request: HttpRequest) -> HttpResponse:
    editions = list(selectors.edition_list_open())
    for edition in editions:
        edition.places_left = selectors.edition_places_left(edition=edition)
    return render(
        request,
        "leergang/index.html",
        {
            "editions": editions,
            "bouwopgaven": Bouwopgave.choices,
            "cohort_spaces": cohort_space_list_for(user=request.user),
        },
    )


def _no_municipality(request: HttpRequest) -> HttpResponse:
    """A contact without a municipality on the profile is asked to add it."""
    return render(request, "leergang/no_municipality.html")


@contact_required
def apply(request: HttpRequest) -> HttpResponse:
    municipality = contact_municipality(request.user)
    if municipality is None:
        return _no_municipality(request)
    edition = selectors.edition_current()
    if edition is None:
        return render(request, "leergang/closed.html")
    application = selectors.application_active_for(
        edition=edition, municipality=municipality
    )
    if application is not None and application.status != Application.Status.DRAFT:
        messages.info(
            request, _("Uw gemeente heeft zich al aangemeld. Hier ziet u de status.")
        )
        return redirect("leergang:my_application")

    if request.method == "POST":
        form = ApplicationForm(request.POST)
        formset = team_formset(data=request.POST)
        submit = "indienen" in request.POST
        # Every error at once, listed with links in the error summary.
        if application_form_valid(form=form, formset=formset, submit=submit):
            data = application_data(form=form, formset=formset)
            write = application_submit if submit else application_save_draft
            try:
                write(
                    edition=edition,
                    municipality=municipality,
                    applicant=request.user,
                    data=data,
                )
            except ApplicationIncomplete as exc:
                application_errors_add(form=form, formset=formset, errors=exc.errors)
            except LeergangError as exc:
                form.add_error(None, str(exc))
            else:
                if submit:
                    messages.success(
                        request,
                        _(
                            "Uw aanmelding is ingediend. U krijgt een bevestiging "
                            "per e-mail."
                        ),
                    )
                    return redirect("leergang:my_application")
                messages.success(
                    request,
                    _("Uw concept is bewaard. U kunt later verder gaan."),
                )
                return redirect("leergang:apply")
    else:
        if application is not None:
            form = ApplicationForm(
                initial={
                    "contact_name": application.contact_name,
                    "contact_email": application.contact_email,
                    "contact_phone": application.contact_phone,
                    "motivation": application.motivation,
                    "bouwopgaven": application.bouwopgaven,
                    "commitment_name": application.commitment_name,
                    "commitment_role": application.commitment_role,
                }
            )
            team = [
                {
                    "name": m.name,
                    "email": m.email,
                    "function": m.function,
                    "domain": m.domain,
                }
                for m in application.team_members.all()
            ]
        else:
            form = ApplicationForm(
                initial={
                    "contact_name": request.user.get_full_name(),
                    "contact_email": request.user.email,
                }
            )
            team = []
        formset = team_formset(initial=team)
    return render(
        request,
        "leergang/apply.html",
        {
            "edition": edition,
            "municipality": municipality,
            "application": application,
            "form": form,
            "formset": formset,
        },
    )


@contact_required
def my_application(request: HttpRequest) -> HttpResponse:
    municipality = contact_municipality(request.user)
    if municipality is None:
        return _no_municipality(request)
    applications = list(
        selectors.application_list_for_municipality(municipality=municipality)
    )
    return render(
        request,
        "leergang/my_application.html",
        {
            "municipality": municipality,
            "applications": applications,
            "open_edition": selectors.edition_current(),
        },
    )


@require_POST
@contact_required
def withdraw(request: HttpRequest) -> HttpResponse:
    municipality = contact_municipality(request.user)
    if municipality is None:
        return _no_municipality(request)
    application_id = request.POST.get("application", "")
    if not application_id.isdigit():
        raise Http404
    application = (
        selectors.application_list_for_municipality(municipality=municipality)
        .filter(pk=int(application_id))
        .first()
    )
    if application is None:
        raise Http404
    try:
        application_withdraw(application=application, by=request.user)
    except LeergangError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Uw aanmelding is ingetrokken."))
    return redirect("leergang:my_application")
