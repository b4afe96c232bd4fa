"""Views of the kennisbank outside the page tree: search, the team praatplaat."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from .models import PraatplaatPage
from .selectors import (
    facet_filters_from_querydict,
    knowledge_search,
    praatplaat_filling_for,
)
from .services import praatplaat_filling_save


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    outcome = knowledge_search(
        query=request.GET.get("q", ""),
        filters=facet_filters_from_querydict(request.GET),
        page_number=request.GET.get("pagina", "1"),
        per_page=10,
    )
    return render(request, "knowledge/search.html", {"search": outcome})


class PraatplaatFillingForm(forms.Form):
    team_name = forms.CharField(
        label=gettext_lazy("Naam van uw team"),
        max_length=160,
        help_text=gettext_lazy("Bijvoorbeeld 'Sociaal team Houten-Zuid'."),
        error_messages={"required": gettext_lazy("Vul de naam van uw team in.")},
    )

    def __init__(self, *args, hotspots, **kwargs):
        super().__init__(*args, **kwargs)
        self.hotspots = hotspots
        for hotspot in hotspots:
            self.fields[f"bouwsteen_{hotspot.pk}"] = forms.CharField(
                label=hotspot.label,
                help_text=hotspot.question,
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": gettext_lazy(
                        "Houd het kort: hoogstens %(limit_value)d tekens."
                    )
                },
            )

    def answers(self) -> dict[int, str]:
        return {h.pk: self.cleaned_data[f"bouwsteen_{h.pk}"] for h in self.hotspots}


def _praatplaat() -> PraatplaatPage:
    page = PraatplaatPage.objects.live().first()
    if page is None:
        raise Http404
    return page


@login_required
def praatplaat_fill(request: HttpRequest) -> HttpResponse:
    page = _praatplaat()
    hotspots = list(page.hotspots.order_by("sort_order"))
    filling = praatplaat_filling_for(page=page, user=request.user)
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
    filling = praatplaat_filling_for(page=page, user=request.user)
    if filling is None:
        messages.info(request, _("Vul de praatplaat eerst in."))
        return redirect("knowledge:praatplaat_fill")
    answers = {a.hotspot_id: a.text for a in filling.answers.all()}
    rows = [(h, answers.get(h.pk, "")) for h in page.hotspots.order_by("sort_order")]
    return render(
        request,
        "knowledge/praatplaat_print.html",
        {"page": page, "filling": filling, "rows": rows},
    )
