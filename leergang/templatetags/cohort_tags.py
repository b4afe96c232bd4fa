"""Template helpers of the cohort space."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get_item:key }}``: a dictionary lookup by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)
