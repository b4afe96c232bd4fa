"""The form of the team praatplaat."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from knowledge.models import PraatplaatHotspot


class PraatplaatFillingForm(forms.Form):
    team_name = forms.CharField(
        label=gettext_lazy("Naam van uw team"),
        max_length=160,
        help_text=gettext_lazy("Bijvoorbeeld 'Sociaal team Houten-Zuid'."),
        error_messages={"required": gettext_lazy("Vul de naam van uw team in.")},
    )

    def __init__(
        self, *args: Any, hotspots: Sequence[PraatplaatHotspot], **kwargs: Any
    ) -> None:
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
