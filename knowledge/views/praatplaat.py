"""A team's own praatplaat: fill it in, change it, print it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from knowledge.forms import PraatplaatFillingForm
from knowledge.models import PraatplaatPage
from knowledge.selectors.praatplaat import (
    praatplaat_filling_get,
    praatplaat_hotspot_list,
    praatplaat_page_get,
    praatplaat_print_rows,
)
from knowledge.services.praatplaat import praatplaat_filling_save


def _praatplaat() -> PraatplaatPage:
    page = praatplaat_page_get()
    if page is None:
        raise Http404
    return page


@login_required
def praatplaat_fill(request: HttpRequest) -> HttpResponse:
    page = _praatplaat()
    hotspots = praatplaat_hotspot_list(page=page)
    filling = praatplaat_filling_get(page=page, user=request.user)
    if request.method == "POST":
        form = PraatplaatFillingForm(request.POST, hotspots=hotspots)
        if form.is_valid():
            praatplaat_filling_save(
                page=page,
                owner=request.user,
                team_name=form.cleaned_data["team_name"],
                answers=form.answers(),
            )
            messages.success(request, _("Uw praatplaat is opgeslagen."))
            return redirect("knowledge:praatplaat_fill")
    else:
        initial = {}
        if filling is not None:
            initial["team_name"] = filling.team_name
            for answer in filling.answers.all():
                initial[f"bouwsteen_{answer.hotspot_id}"] = answer.text
        form = PraatplaatFillingForm(initial=initial, hotspots=hotspots)
    return render(
        request,
        "knowledge/praatplaat_fill.html",
        {"page": page, "form": form, "filling": filling},
    )


@login_required
def praatplaat_print(request: HttpRequest) -> HttpResponse:
    page = _praatplaat()
    filling = praatplaat_filling_get(page=page, user=request.user)
    if filling is None:
        messages.info(request, _("Vul de praatplaat eerst in."))
        return redirect("knowledge:praatplaat_fill")
    return render(
        request,
        "knowledge/praatplaat_print.html",
        {
            "page": page,
            "filling": filling,
            "rows": praatplaat_print_rows(page=page, filling=filling),
        },
    )
