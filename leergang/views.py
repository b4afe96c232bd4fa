"""Pages of the leergang: the programme, applying, the applicant's status and
the coordinator's review."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.roles import Role
from portal.taxonomy import Bouwopgave

from . import selectors, services
from .exceptions import ApplicationIncomplete, LeergangError
from .forms import ApplicationForm, DecisionForm, application_data, team_formset
from .models import Application

REVIEW_PERMISSION = "leergang.review_application"


def index(request: HttpRequest) -> HttpResponse:
    editions = list(selectors.edition_list_open())
    for edition in editions:
        edition.places_left = selectors.edition_places_left(edition=edition)
    return render(
        request,
        "leergang/index.html",
        {"editions": editions, "bouwopgaven": Bouwopgave.choices},
    )


def _contact_municipality(request: HttpRequest):
    """(response, municipality): a response when the user may not apply."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path()), None
    if not user.has_role(Role.MUNICIPALITY_CONTACT):
        return render(request, "leergang/not_contact.html", status=403), None
    profile = getattr(user, "member_profile", None)
    municipality = profile.municipality if profile else None
    if municipality is None:
        return render(request, "leergang/no_municipality.html"), None
    return None, municipality


def apply(request: HttpRequest) -> HttpResponse:
    refusal, municipality = _contact_municipality(request)
    if refusal is not None:
        return refusal
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
        form_valid = form.is_valid()
        if not formset.is_valid():
            form.add_error(
                None,
                _("Controleer de gegevens van de teamleden; de fouten staan erbij."),
            )
        elif form_valid:
            data = application_data(form=form, formset=formset)
            submit = "indienen" in request.POST
            try:
                if submit:
                    services.application_submit(
                        edition=edition,
                        municipality=municipality,
                        applicant=request.user,
                        data=data,
                    )
                else:
                    services.application_save_draft(
                        edition=edition,
                        municipality=municipality,
                        applicant=request.user,
                        data=data,
                    )
            except ApplicationIncomplete as exc:
                for name, message in exc.errors.items():
                    form.add_error(None if name == "team" else name, message)
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


def my_application(request: HttpRequest) -> HttpResponse:
    refusal, municipality = _contact_municipality(request)
    if refusal is not None:
        return refusal
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
def withdraw(request: HttpRequest) -> HttpResponse:
    refusal, municipality = _contact_municipality(request)
    if refusal is not None:
        return refusal
    application = (
        selectors.application_list_for_municipality(municipality=municipality)
        .filter(pk=request.POST.get("application"))
        .first()
    )
    if application is None:
        raise Http404
    try:
        services.application_withdraw(application=application)
    except LeergangError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Uw aanmelding is ingetrokken."))
    return redirect("leergang:my_application")


def _reviewer_refusal(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(REVIEW_PERMISSION):
        return render(request, "leergang/review_refused.html", status=403)
    return None


def review_list(request: HttpRequest) -> HttpResponse:
    refusal = _reviewer_refusal(request)
    if refusal is not None:
        return refusal
    return render(
        request,
        "leergang/review_list.html",
        {"applications": selectors.application_list_for_review()},
    )


def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    refusal = _reviewer_refusal(request)
    if refusal is not None:
        return refusal
    try:
        application = selectors.application_get_for_review(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        message = form.cleaned_data["message"]
        try:
            if decision == "accept":
                services.application_accept(
                    application=application, by=request.user, message=message
                )
            elif decision == "reserve":
                services.application_reserve(
                    application=application, by=request.user, message=message
                )
            else:
                services.application_decline(
                    application=application, by=request.user, message=message
                )
        except LeergangError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Het besluit is opgeslagen en de gemeente krijgt een e-mail."),
            )
            return redirect("leergang:review_list")
    bouwopgave_labels = dict(Bouwopgave.choices)
    return render(
        request,
        "leergang/review_detail.html",
        {
            "application": application,
            "form": form,
            "bouwopgaven": [
                bouwopgave_labels.get(n, n) for n in application.bouwopgaven
            ],
            "places_left": selectors.edition_places_left(edition=application.edition),
        },
    )
