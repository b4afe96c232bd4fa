"""Forms of the leergang: the application with its team, the decision, and
carrying a reserve list over to another edition."""

from collections.abc import Mapping

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from network.models import Domain
from portal.taxonomy import Bouwopgave

from ..models import TEAM_MAX, Edition
from ..services.applications import (
    ApplicationData,
    TeamMemberData,
    application_missing,
)


class ApplicationForm(forms.Form):
    contact_name = forms.CharField(label=_("Naam contactpersoon"), max_length=160)
    contact_email = forms.EmailField(label=_("E-mailadres contactpersoon"))
    contact_phone = forms.CharField(
        label=_("Telefoonnummer contactpersoon"), max_length=32, required=False
    )
    motivation = forms.CharField(
        label=_("Motivatie"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Waarom wil uw gemeente meedoen? Wat wilt u met het team bereiken? "
            "Nodig om in te dienen."
        ),
        required=False,
    )
    bouwopgaven = forms.TypedMultipleChoiceField(
        label=_("Bouwopgaven"),
        choices=Bouwopgave.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aan welke bouwopgaven wil uw team werken? Kies er één of meer."),
        required=False,
    )
    commitment_name = forms.CharField(
        label=_("Naam manager of wethouder"),
        max_length=160,
        required=False,
        help_text=_(
            "De manager of wethouder die zich verbindt aan de deelname. Nodig om "
            "in te dienen."
        ),
    )
    commitment_role = forms.CharField(
        label=_("Functie manager of wethouder"),
        max_length=160,
        required=False,
        help_text=_("Bijvoorbeeld: wethouder sociaal domein."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("contact_name", "contact_email", "contact_phone"):
            self.fields[name].widget.attrs["autocomplete"] = {
                "contact_name": "name",
                "contact_email": "email",
                "contact_phone": "tel",
            }[name]


class TeamMemberForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=160)
    email = forms.EmailField(label=_("E-mailadres"))
    function = forms.CharField(label=_("Functie"), max_length=160)
    domain = forms.ChoiceField(
        label=_("Domein"), choices=[("", _("Kies een domein")), *Domain.choices]
    )

    def has_changed(self) -> bool:
        """A row counts when anything is filled in, so empty rows are skipped
        and filled rows (also those of a saved draft) are validated."""
        if not self.is_bound:
            return False
        return any(
            str(self.data.get(self.add_prefix(name), "")).strip()
            for name in self.fields
        )


class TeamFormSet(BaseFormSet):
    def add_team_error(self, message: str) -> None:
        """An error about the team as a whole, such as its size: shown at the
        team's fieldset and, with a link to it, in the error summary."""
        self.non_form_errors().append(message)


def team_formset_class(*, filled: int):
    """Always eight rows: the filled ones plus empty ones to add people."""
    return formset_factory(
        TeamMemberForm,
        formset=TeamFormSet,
        extra=max(TEAM_MAX - filled, 0),
        max_num=TEAM_MAX,
        absolute_max=TEAM_MAX,
        validate_max=True,
    )


TEAM_PREFIX = "team"


def team_formset(*, data=None, initial: list[dict] | None = None):
    initial = initial or []
    formset_class = team_formset_class(filled=len(initial))
    return formset_class(
        data,
        initial=initial or None,
        prefix=TEAM_PREFIX,
        form_kwargs={"empty_permitted": True},
    )


def application_data(*, form: ApplicationForm, formset) -> ApplicationData:
    data = form.cleaned_data
    team = [
        TeamMemberData(
            name=f.cleaned_data["name"],
            email=f.cleaned_data["email"],
            function=f.cleaned_data["function"],
            domain=f.cleaned_data["domain"],
        )
        for f in formset.forms
        if f.cleaned_data
    ]
    return ApplicationData(
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
        motivation=data["motivation"],
        bouwopgaven=list(data["bouwopgaven"]),
        commitment_name=data["commitment_name"],
        commitment_role=data["commitment_role"],
        team=team,
    )


def application_errors_add(
    *, form: ApplicationForm, formset: TeamFormSet, errors: Mapping[str, str]
) -> None:
    """Put the messages of ``application_missing`` or ``ApplicationIncomplete``
    (per field, ``"team"`` for the team) on the fields they are about; a
    field that already has an error keeps only that one."""
    for name, message in errors.items():
        if name == "team":
            formset.add_team_error(message)
        elif name not in form.fields:
            form.add_error(None, message)
        elif name not in form.errors:
            form.add_error(name, message)


def _data_so_far(*, form: ApplicationForm, formset: TeamFormSet) -> ApplicationData:
    """What was filled in correctly so far; a team row counts as soon as
    anything is typed in it, also while one of its fields is wrong."""
    data = getattr(form, "cleaned_data", {})
    team = [
        TeamMemberData(
            name=row.cleaned_data.get("name", ""),
            email=row.cleaned_data.get("email", ""),
            function=row.cleaned_data.get("function", ""),
            domain=row.cleaned_data.get("domain", ""),
        )
        for row in formset.forms
        if row.has_changed()
    ]
    return ApplicationData(
        contact_name=data.get("contact_name", ""),
        contact_email=data.get("contact_email", ""),
        contact_phone=data.get("contact_phone", ""),
        motivation=data.get("motivation", ""),
        bouwopgaven=list(data.get("bouwopgaven", [])),
        commitment_name=data.get("commitment_name", ""),
        commitment_role=data.get("commitment_role", ""),
        team=team,
    )


def application_form_valid(
    *, form: ApplicationForm, formset: TeamFormSet, submit: bool
) -> bool:
    """Check the whole application in one round: the contact person, each team
    row and, for a submission, what ``application_missing`` asks, so that one
    try shows every problem at once. The service checks again when it saves."""
    form_valid = form.is_valid()
    formset_valid = formset.is_valid()
    if submit:
        missing = application_missing(data=_data_so_far(form=form, formset=formset))
        if missing:
            application_errors_add(form=form, formset=formset, errors=missing)
            return False
    return form_valid and formset_valid


class DecisionForm(forms.Form):
    DECISIONS = [
        ("accept", _("Toelaten")),
        ("reserve", _("Op de reservelijst zetten")),
        ("decline", _("Afwijzen")),
    ]
    decision = forms.ChoiceField(
        label=_("Besluit"), choices=DECISIONS, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Toelichting voor de gemeente"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Verplicht als u afwijst. De gemeente krijgt dit in de e-mail."),
    )


class CarryOverForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Reservelijst van editie"),
        queryset=Edition.objects.none(),
        empty_label=_("Kies een editie"),
    )
    target = forms.ModelChoiceField(
        label=_("Overnemen naar editie"),
        queryset=Edition.objects.none(),
        empty_label=_("Kies een editie"),
    )

    def __init__(self, *args, editions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = editions if editions is not None else Edition.objects.all()
        self.fields["source"].queryset = queryset
        self.fields["target"].queryset = queryset

    def clean(self):
        cleaned = super().clean()
        source, target = cleaned.get("source"), cleaned.get("target")
        if source is not None and source == target:
            raise forms.ValidationError(
                _("Kies twee verschillende edities: een van waar en een naar waar.")
            )
        return cleaned
