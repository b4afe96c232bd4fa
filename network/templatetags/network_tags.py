from django import template

from ..selectors.organisations import partner_list

register = template.Library()


@register.inclusion_tag("includes/partners.html")
def partners() -> dict[str, object]:
    return {"partners": partner_list()}
