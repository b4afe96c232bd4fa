"""Forms of the membership: the short profile, the directory search and the
confirmation of an account deletion."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.models import User
from portal.taxonomy import Bouwopgave

from ..models import Domain, MemberProfile, MemberRole
from ..selectors.members import (
    member_municipality_choices,
    member_organisation_choices,
)
from ..services.members import member_profile_clean


class MemberProfileForm(forms.Form):
    """Join the leernetwerk or edit the profile. The rules live in the service;
    ``clean`` asks it, so every broken rule shows at once."""

    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        error_messages={"required": _("Vul uw voornaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        error_messages={"required": _("Vul uw achternaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    role = forms.ChoiceField(
        label=_("Wat is uw rol?"),
        choices=[("", _("Kies uw rol")), *MemberRole.choices],
        error_messages={
            "required": _("Kies uw rol."),
            "invalid_choice": _("Kies een rol uit de lijst."),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=member_organisation_choices(),
        required=False,
        empty_label=_("Mijn organisatie staat er niet bij"),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
        help_text=_(
            "Staat uw organisatie er niet bij? Vul dan hieronder de naam in. "
            "Bent u inwoner of ervaringsdeskundige zonder organisatie? Dan mag u "
            "dit leeg laten."
        ),
    )
    organisation_name = forms.CharField(
        label=_("Naam van uw organisatie"),
        max_length=160,
        required=False,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("Alleen als uw organisatie niet in de lijst staat."),
    )
    municipality = forms.ModelChoiceField(
        label=_("In welke gemeente werkt of woont u?"),
        queryset=member_municipality_choices(),
        required=False,
        empty_label=_("Geen gemeente gekozen"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    domains = forms.MultipleChoiceField(
        label=_("Op welke domeinen werkt u?"),
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies domeinen uit de lijst.")},
        help_text=_("Kies er zoveel als u wilt."),
    )
    interests = forms.TypedMultipleChoiceField(
        label=_("Voor welke bouwopgaven heeft u interesse?"),
        choices=Bouwopgave.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies bouwopgaven uit de lijst.")},
        help_text=_("De vijf bouwopgaven van integraal werken."),
    )
    show_in_directory = forms.BooleanField(
        label=_("Zet mijn naam, rol, organisatie en gemeente in de ledenlijst."),
        required=False,
        help_text=_(
            "Dan kunnen andere leden u vinden. Uw e-mailadres staat er nooit in. "
            "U kunt dit altijd weer uitzetten."
        ),
    )
    receive_newsletter = forms.BooleanField(
        label=_("Stuur mij de nieuwsbrief van het leernetwerk."),
        required=False,
        help_text=_("Een paar keer per jaar, per e-mail. U kunt zich altijd afmelden."),
    )

    checkbox_groups = ("domains", "interests")

    @classmethod
    def initial_for(cls, *, user: User, profile: MemberProfile | None) -> dict:
        initial: dict[str, Any] = {
            "first_name": user.first_name,
            "last_name": user.last_name,
        }
        if profile is not None:
            initial.update(
                role=profile.role,
                organisation=profile.organisation_id,
                organisation_name=profile.organisation_name,
                municipality=profile.municipality_id,
                domains=list(profile.domains),
                interests=list(profile.interests),
                show_in_directory=profile.show_in_directory,
                receive_newsletter=profile.receive_newsletter,
            )
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            member_profile_clean(data=cleaned)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned


class MemberDirectoryFilterForm(forms.Form):
    """Search the member directory; works without JavaScript (GET)."""

    q = forms.CharField(
        label=_("Zoek op naam of organisatie"),
        required=False,
        max_length=100,
        widget=forms.SearchInput,
    )
    rol = forms.ChoiceField(
        label=_("Rol"),
        required=False,
        choices=[("", _("Alle rollen")), *MemberRole.choices],
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=member_municipality_choices(),
        required=False,
        empty_label=_("Alle gemeenten"),
    )

    def filters(self) -> dict[str, Any]:
        """The valid filters; a broken value is ignored, not an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        municipality = data.get("gemeente")
        return {
            "query": data.get("q") or "",
            "role": data.get("rol") or "",
            "municipality_id": municipality.pk if municipality else None,
        }


class AccountDeleteForm(forms.Form):
    """Confirm the deletion of one's account with the password."""

    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in om te bevestigen.")},
        help_text=_("Zo weten we zeker dat u het zelf bent."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(
                _("Dit wachtwoord klopt niet. Uw account is niet verwijderd."),
                code="wrong_password",
            )
        return password
