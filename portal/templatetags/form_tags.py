"""Accessible form fields: the widget points at its hint and its errors."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

# Widgets that are a group of inputs: rendered in a fieldset with a legend.
GROUP_WIDGETS = {"radioselect", "checkboxselectmultiple"}

# The NL Design System (Utrecht) class of each single-input widget.
TEXTBOX_WIDGETS = {
    "text",
    "email",
    "password",
    "url",
    "number",
    "tel",
    "search",
    "date",
}
CONTROL_CLASSES = {"textarea": "utrecht-textarea", "select": "utrecht-select"}


def control_class(field: BoundField) -> str:
    """The Utrecht class names for ``field``'s widget ("" if it has none)."""
    widget_type = field.widget_type
    if widget_type in TEXTBOX_WIDGETS:
        base = "utrecht-textbox"
    elif widget_type in CONTROL_CLASSES:
        base = CONTROL_CLASSES[widget_type]
    else:
        return ""
    return f"{base} {base}--invalid" if field.errors else base


def error_ids(field: BoundField) -> list[tuple[str, str]]:
    """(element id, message) for each error of ``field``."""
    return [
        (f"{field.auto_id}_error" + ("" if index == 1 else f"_{index}"), error)
        for index, error in enumerate(field.errors, start=1)
    ]


@register.simple_tag
def field_errors(field: BoundField) -> list[tuple[str, str]]:
    return error_ids(field)


@register.filter
def is_group(field: BoundField) -> bool:
    return field.widget_type in GROUP_WIDGETS


@register.simple_tag
def field_widget(field: BoundField) -> SafeString:
    """Render ``field``'s widget with aria-describedby and aria-invalid."""
    described_by = [f"{field.auto_id}_hint"] if field.help_text else []
    described_by += [element_id for element_id, _error in error_ids(field)]
    attrs: dict[str, str] = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    classes = " ".join(
        name
        for name in (field.field.widget.attrs.get("class", ""), control_class(field))
        if name
    )
    if classes:
        attrs["class"] = classes
    return field.as_widget(attrs=attrs)
