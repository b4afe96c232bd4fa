"""Forms of the cohort space. They check input; the rules live in
``services.cohort``."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.taxonomy import Bouwopgave, Venster

from ..models import EXPLANATION_MAX, Reflection, Scan
from ..services.cohort import ScoreInput

SCALE = [
    (1, _("nog niet")),
    (2, _("een beetje")),
    (3, _("voor de helft")),
    (4, _("grotendeels")),
    (5, _("helemaal")),
]


def score_name(bouwopgave: int, venster: int) -> str:
    return f"score_{bouwopgave}_{venster}"


def explanation_name(bouwopgave: int, venster: int) -> str:
    return f"explanation_{bouwopgave}_{venster}"


@dataclass
class ScanCell:
    venster: int
    venster_label: str
    score: forms.BoundField
    explanation: forms.BoundField
    first_radio_id: str


@dataclass
class ScanReading:
    """One cell of a zelfscan as text, for those who read it."""

    venster_label: str
    score: str
    explanation: str


class ScanForm(forms.Form):
    """Twenty scores (5 bouwopgaven x 4 vensters) with an optional explanation.
    Scores may be empty in a draft; ``submit=True`` asks for all of them."""

    def __init__(self, *args, submit: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.submit = submit
        for bouwopgave, b_label in Bouwopgave.choices:
            for venster, v_label in Venster.choices:
                self.fields[score_name(bouwopgave, venster)] = forms.TypedChoiceField(
                    label=f"{b_label}: {v_label}",
                    choices=[(n, f"{n} {word}") for n, word in SCALE],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                )
                self.fields[explanation_name(bouwopgave, venster)] = forms.CharField(
                    label=_("Toelichting"),
                    max_length=EXPLANATION_MAX,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def clean(self):
        data = super().clean()
        if self.submit:
            for bouwopgave in Bouwopgave.values:
                for venster in Venster.values:
                    name = score_name(bouwopgave, venster)
                    if data.get(name) is None and name not in self.errors:
                        self.add_error(name, _("Kies een score van 1 tot 5."))
        return data

    @classmethod
    def initial_from(cls, scan: Scan | None) -> dict:
        if scan is None:
            return {}
        initial = {}
        for row in scan.scores.all():
            initial[score_name(row.bouwopgave, row.venster)] = row.score
            initial[explanation_name(row.bouwopgave, row.venster)] = row.explanation
        return initial

    def groups(self) -> list[tuple[int, str, list[ScanCell]]]:
        """The fields per bouwopgave, for fieldsets in the template."""
        result = []
        for bouwopgave, b_label in Bouwopgave.choices:
            cells = []
            for venster, v_label in Venster.choices:
                score = self[score_name(bouwopgave, venster)]
                cells.append(
                    ScanCell(
                        venster=venster,
                        venster_label=str(v_label),
                        score=score,
                        explanation=self[explanation_name(bouwopgave, venster)],
                        first_radio_id=f"{score.auto_id}_0",
                    )
                )
            result.append((bouwopgave, str(b_label), cells))
        return result

    def readings(self) -> list[tuple[int, str, list[ScanReading]]]:
        """The saved scores and explanations per bouwopgave, as text: the
        scan for a reader who does not fill it in (a coordinator), or a
        submitted one."""
        words = dict(SCALE)
        result = []
        for bouwopgave, b_label in Bouwopgave.choices:
            cells = []
            for venster, v_label in Venster.choices:
                score = self.initial.get(score_name(bouwopgave, venster))
                cells.append(
                    ScanReading(
                        venster_label=str(v_label),
                        score=f"{score} {words[score]}" if score in words else "",
                        explanation=self.initial.get(
                            explanation_name(bouwopgave, venster)
                        )
                        or "",
                    )
                )
            result.append((bouwopgave, str(b_label), cells))
        return result

    def error_links(self) -> list[tuple[str, str, str]]:
        """(target id, label, message) for the error summary at the top."""
        links = []
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            bound = self[name]
            target = (
                f"{bound.auto_id}_0" if name.startswith("score_") else bound.auto_id
            )
            links.extend((target, str(bound.label), str(e)) for e in errors)
        return links

    def scores(self) -> dict[tuple[int, int], ScoreInput]:
        data = self.cleaned_data
        return {
            (b, v): ScoreInput(
                score=data.get(score_name(b, v)),
                explanation=data.get(explanation_name(b, v)) or "",
            )
            for b in Bouwopgave.values
            for v in Venster.values
        }


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["session", "first_order", "second_order", "third_order"]
        widgets = {
            "first_order": forms.Textarea(attrs={"rows": 4}),
            "second_order": forms.Textarea(attrs={"rows": 4}),
            "third_order": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "first_order": _("Wat deed u of uw team, en wat werkte wel of niet?"),
            "second_order": _(
                "Wat heeft u geprobeerd, gevolgd of anders gedaan na het nadenken?"
            ),
            "third_order": _(
                "Welke vanzelfsprekende aannames, regels of gewoonten staan ter "
                "discussie? Wat verandert er voorbij uw eigen organisatie?"
            ),
        }

    def __init__(self, *args, sessions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Each choice is shown with its edition (Session.__str__).
        self.fields["session"].queryset = sessions.select_related("edition")
        self.fields["session"].label = _("Bijeenkomst")
        self.fields["session"].empty_label = _("Kies een bijeenkomst")

    def _post_clean(self) -> None:
        # The model's rules run in the service, which knows the application.
        pass

    def clean(self):
        data = super().clean()
        if not any(
            (data.get(name) or "").strip()
            for name in ("first_order", "second_order", "third_order")
        ):
            raise ValidationError(_("Schrijf bij ten minste één orde iets op."))
        return data


class PraatplaatNotesForm(forms.Form):
    def __init__(self, *args, rows, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for hotspot, note in rows:
            self.fields[f"note_{hotspot.pk}"] = forms.CharField(
                label=hotspot.label,
                help_text=hotspot.question,
                max_length=1000,
                required=False,
                initial=note.text if note else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def notes(self) -> dict[int, str]:
        return {
            hotspot.pk: self.cleaned_data.get(f"note_{hotspot.pk}", "")
            for hotspot, _note in self.rows
        }

    def field_rows(self):
        return [(hotspot, self[f"note_{hotspot.pk}"]) for hotspot, _note in self.rows]


__all__ = [
    "PraatplaatNotesForm",
    "ReflectionForm",
    "ScanForm",
]
