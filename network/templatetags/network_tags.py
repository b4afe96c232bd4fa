from datetime import datetime

from django import template
from django.utils.safestring import SafeString

from ..dates import datetime_range as _datetime_range
from ..dates import datetime_range_html as _datetime_range_html
from ..selectors.organisations import partner_list

register = template.Library()


@register.inclusion_tag("includes/partners.html")
def partners() -> dict[str, object]:
    return {"partners": partner_list()}


@register.filter
def datetime_range(starts_at: datetime, ends_at: datetime) -> str:
    """``{{ event.starts_at|datetime_range:event.ends_at }}``: plain text."""
    return _datetime_range(starts_at=starts_at, ends_at=ends_at)


@register.filter
def datetime_range_html(starts_at: datetime, ends_at: datetime) -> SafeString:
    """``{{ event.starts_at|datetime_range_html:event.ends_at }}``: with
    ``<time>`` elements, for pages."""
    return _datetime_range_html(starts_at=starts_at, ends_at=ends_at)
