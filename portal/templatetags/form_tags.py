"""Accessible form fields: the widget points at its hint and its errors."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def widget_type(field: BoundField) -> str:
    return field.widget_type


@register.simple_tag
def field_widget(field: BoundField) -> SafeString:
    """Render ``field``'s widget with aria-describedby and aria-invalid."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_hint")
    for index, _error in enumerate(field.errors, start=1):
        suffix = "" if index == 1 else f"_{index}"
        described_by.append(f"{field.auto_id}_error{suffix}")
    attrs: dict[str, str] = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
