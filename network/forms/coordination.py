"""Forms of the coordinator's back office (Dutch labels and errors)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets.chooser import BaseChooser

from portal.taxonomy import Bouwopgave

from ..models import Event
from ..selectors.coordination import (
    AUDIENCE_BOTH,
    AUDIENCE_CONFIRMED,
    AUDIENCE_WAITLIST,
)


def _no_instance_for_junk(get_instance: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A chooser (organiser, slides) shows the form again with an empty
    choice when what was sent is not an id ('abc'), instead of failing; the
    field's own error says what is wrong."""

    def tolerant(value: Any) -> Any:
        try:
            return get_instance(value)
        except (ValueError, TypeError, ValidationError):
            return None

    return tolerant


class EventAdminForm(WagtailAdminModelForm):
    """The event form of the back office. The bouwopgaven are checkboxes that
    the view stores as EventBouwopgave rows through the service."""

    bouwopgaven = forms.TypedMultipleChoiceField(
        label=_("Bouwopgaven"),
        choices=Bouwopgave.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Over welke bouwopgaven gaat deze bijeenkomst?"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, BaseChooser):
                field.widget.get_instance = _no_instance_for_junk(
                    field.widget.get_instance
                )
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Het laatste deel van het webadres. Leeg: gemaakt uit de titel."
            )
        if self.instance.pk and "bouwopgaven" not in self.initial:
            self.initial["bouwopgaven"] = list(
                self.instance.bouwopgave_links.values_list("bouwopgave", flat=True)
            )

    def _clean_minute_precision(self, name: str):
        """The admin's date picker shows minutes. A stored time with seconds
        that comes back unchanged to the minute keeps its stored value, so an
        edit does not tell participants that the event moved."""
        value = self.cleaned_data.get(name)
        stored = getattr(self.instance, name, None) if self.instance.pk else None
        if value and stored and stored.replace(second=0, microsecond=0) == value:
            return stored
        return value

    def clean_starts_at(self):
        return self._clean_minute_precision("starts_at")

    def clean_ends_at(self):
        return self._clean_minute_precision("ends_at")

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            return slug
        base = slugify(self.data.get(self.add_prefix("title"), ""))[:180] or (
            "bijeenkomst"
        )
        slug, n = base, 1
        others = Event.objects.exclude(pk=self.instance.pk)
        while others.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


class AttendanceForm(forms.Form):
    """Who came: one checkbox per confirmed participant."""

    present = forms.TypedMultipleChoiceField(
        label=_("Aanwezig"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (r.pk, str(r.member or _("(account verwijderd)"))) for r in registrations
        ]
        if not self.is_bound:
            self.initial["present"] = [r.pk for r in registrations if r.attended]


class MessageForm(forms.Form):
    """A message from the coordinator to the participants of an event."""

    subject = forms.CharField(
        label=_("Onderwerp"), max_length=150,
        error_messages={"required": _("Vul een onderwerp in.")},
    )  # fmt: skip
    body = forms.CharField(
        label=_("Bericht"), widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10_000,
        error_messages={"required": _("Schrijf een bericht.")},
    )  # fmt: skip
    audience = forms.ChoiceField(
        label=_("Ontvangers"),
        choices=[
            (AUDIENCE_CONFIRMED, _("Deelnemers met een bevestigde plek")),
            (AUDIENCE_WAITLIST, _("Mensen op de wachtlijst")),
            (AUDIENCE_BOTH, _("Beide")),
        ],
        initial=AUDIENCE_CONFIRMED,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie het bericht krijgt.")},
    )

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("Het onderwerp moet op één regel passen."))
        return subject
