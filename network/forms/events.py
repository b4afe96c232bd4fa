"""The agenda's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.taxonomy import Bouwopgave

from ..models import Event


class EventFilterForm(forms.Form):
    """Filters of the agenda; works without JavaScript (GET)."""

    soort = forms.ChoiceField(
        label=_("Soort bijeenkomst"),
        required=False,
        choices=[("", _("Alle soorten")), *Event.Kind.choices],
    )
    bouwopgave = forms.TypedChoiceField(
        label=_("Bouwopgave"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Alle bouwopgaven")), *Bouwopgave.choices],
    )
