"""The coordinator's review pages: the list per edition, one application with
the decision, admitting from the reserve list, inviting a team member again
and carrying a reserve list over."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.taxonomy import Bouwopgave

from ..exceptions import LeergangError
from ..forms.applications import CarryOverForm, DecisionForm
from ..models import Application, TeamMember
from ..permissions import reviewer_required
from ..selectors import applications as selectors
from ..selectors.invitations import team_member_get_for_review
from ..selectors.reserve import edition_reserve_offer, edition_reserve_offers
from ..services.invitations import team_member_resend_invitation
from ..services.reserve import (
    application_accept_from_reserve,
    edition_carry_over_reserve,
)
from ..services.review import (
    application_accept,
    application_decline,
    application_reserve,
)

DECISIONS = {
    "accept": application_accept,
    "reserve": application_reserve,
    "decline": application_decline,
}


def _application_or_404(pk: int) -> Application:
    try:
        return selectors.application_get_for_review(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404 from exc


@reviewer_required
def review_list(request: HttpRequest) -> HttpResponse:
    offers = edition_reserve_offers()
    editions: list[dict[str, Any]] = []
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


@reviewer_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = DECISIONS[form.cleaned_data["decision"]]
        try:
            decide(
                application=application,
                by=request.user,
                message=form.cleaned_data["message"],
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
            "offer": edition_reserve_offer(edition=application.edition),
        },
    )


@require_POST
@reviewer_required
def review_accept_reserve(request: HttpRequest, pk: int) -> HttpResponse:
    """Admit a municipality from the reserve list when a place came free."""
    application = _application_or_404(pk)
    try:
        application_accept_from_reserve(application=application, by=request.user)
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
@reviewer_required
def review_resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        member = team_member_get_for_review(pk=pk)
    except TeamMember.DoesNotExist as exc:
        raise Http404 from exc
    try:
        team_member_resend_invitation(team_member=member, by=request.user)
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
@reviewer_required
def review_carry_over(request: HttpRequest) -> HttpResponse:
    """Carry the reserve list of one edition over to another."""
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
        result = edition_carry_over_reserve(
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
