"""Pages of the leergang: the programme, applying, the applicant's status,
the team invitation and the coordinator's review."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.roles import Role
from portal.taxonomy import Bouwopgave

from . import selectors, services
from .exceptions import (
    ApplicationIncomplete,
    InvitationInvalid,
    InvitationNotActive,
    LeergangError,
)
from .forms import (
    ApplicationForm,
    CarryOverForm,
    DecisionForm,
    application_data,
    team_formset,
)
from .models import Application, TeamMember

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
        # Errors in team rows are listed, with links, in the error summary.
        if formset.is_valid() and form_valid:
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
    offers = selectors.edition_reserve_offers()
    editions: list[dict] = []
    for application in selectors.application_list_for_review():
        if not editions or editions[-1]["edition"].pk != application.edition_id:
            editions.append(
                {
                    "edition": application.edition,
                    "applications": [],
                    "offer": offers.get(application.edition_id),
                }
            )
        editions[-1]["applications"].append(application)
    return render(
        request,
        "leergang/review_list.html",
        {
            "editions": editions,
            "carry_over_form": CarryOverForm(
                prefix="carry", editions=selectors.edition_list_for_carry_over()
            ),
        },
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
            "offer": selectors.edition_reserve_offer(edition=application.edition),
        },
    )


@require_POST
def review_accept_reserve(request: HttpRequest, pk: int) -> HttpResponse:
    """Admit a municipality from the reserve list when a place came free."""
    refusal = _reviewer_refusal(request)
    if refusal is not None:
        return refusal
    try:
        application = selectors.application_get_for_review(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    if application.status != Application.Status.RESERVE:
        messages.error(
            request,
            _("Gemeente %(name)s staat niet (meer) op de reservelijst.")
            % {"name": application.municipality.name},
        )
        return redirect(application.get_review_url())
    try:
        services.application_accept(application=application, by=request.user)
    except LeergangError as exc:
        messages.error(request, str(exc))
        return redirect(application.get_review_url())
    messages.success(
        request,
        _(
            "Gemeente %(name)s is toegelaten. De gemeente en het team krijgen "
            "een e-mail."
        )
        % {"name": application.municipality.name},
    )
    return redirect("leergang:review_list")


@require_POST
def review_resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    refusal = _reviewer_refusal(request)
    if refusal is not None:
        return refusal
    try:
        member = selectors.team_member_get_for_review(pk=pk)
    except TeamMember.DoesNotExist as exc:
        raise Http404 from exc
    try:
        services.team_member_resend_invitation(team_member=member, by=request.user)
    except LeergangError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(name)s krijgt een nieuwe uitnodiging per e-mail.")
            % {"name": member.name},
        )
    return redirect(member.application.get_review_url())


@require_POST
def review_carry_over(request: HttpRequest) -> HttpResponse:
    """Carry the reserve list of one edition over to another."""
    refusal = _reviewer_refusal(request)
    if refusal is not None:
        return refusal
    form = CarryOverForm(
        request.POST, prefix="carry", editions=selectors.edition_list_for_carry_over()
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("leergang:review_list")
    source, target = form.cleaned_data["source"], form.cleaned_data["target"]
    try:
        result = services.edition_carry_over_reserve(
            source=source, target=target, by=request.user
        )
    except LeergangError as exc:
        messages.error(request, str(exc))
        return redirect("leergang:review_list")
    messages.success(
        request,
        _(
            "%(created)d aanmelding(en) van de reservelijst van %(source)s "
            "overgenomen naar %(target)s. %(skipped)d overgeslagen, omdat die "
            "gemeente daar al een aanmelding heeft."
        )
        % {
            "created": len(result.created),
            "skipped": len(result.skipped),
            "source": source.title,
            "target": target.title,
        },
    )
    return redirect("leergang:review_list")


# --- Team invitation -------------------------------------------------------------


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """A team member accepts the invitation and joins the team."""
    try:
        member = selectors.team_member_for_invitation(token=token)
    except InvitationInvalid as exc:
        return render(
            request,
            "leergang/invitation_invalid.html",
            {"message": str(exc)},
            status=400,
        )
    application = member.application
    context: dict = {
        "member": member,
        "application": application,
        "edition": application.edition,
        "municipality": application.municipality,
    }
    if application.status != Application.Status.ACCEPTED:
        return render(
            request,
            "leergang/invitation_invalid.html",
            {"message": str(InvitationNotActive())},
            status=404,
        )
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.path)
        next_query = urlencode({"next": request.path})
        context |= {
            "login_url": f"{reverse('account_login')}?{next_query}",
            "signup_url": f"{reverse('account_signup')}?{next_query}",
        }
        return render(request, "leergang/invitation_login.html", context)

    status = 200
    if request.method == "POST":
        try:
            services.team_member_join(team_member=member, user=request.user)
        except LeergangError as exc:
            context["error"] = str(exc)
            status = 409
            member.refresh_from_db(fields=["user", "joined_at"])
        else:
            messages.success(
                request,
                _("Welkom in het team van gemeente %(name)s.")
                % {"name": application.municipality.name},
            )
            return redirect(request.path)
    context |= {
        "joined": member.user_id == request.user.pk,
        "taken": member.user_id is not None and member.user_id != request.user.pk,
        "email_matches": selectors.user_has_verified_email(
            user=request.user, email=member.email
        ),
    }
    return render(request, "leergang/invitation.html", context, status=status)
