"""When an event takes place, as users read it: the one way mails, the
certificate and the pages write a start and an end.

One day:       "dinsdag 26 oktober 2027, 09:30-12:00 uur" (with an en dash)
Several days:  "dinsdag 26 oktober 2027, 09:30 uur tot dinsdag 2 november 2027,
               12:00 uur"
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from portal.dates import html_datetime

DATE_TIME = "l j F Y, H:i"
TIME = "H:i"


def _parts(starts_at: datetime, ends_at: datetime) -> tuple[str, str, str]:
    """The sentence with ``{start}`` and ``{end}`` in it, and the two texts,
    in the site's time zone."""
    starts = timezone.localtime(starts_at)
    ends = timezone.localtime(ends_at)
    if starts.date() == ends.date():
        # Translators: an event on one day; between the times an en dash.
        sentence = _("{start}\u2013{end} uur")
        return sentence, date_format(starts, DATE_TIME), date_format(ends, TIME)
    # Translators: an event over several days, each end with its date
    sentence = _("{start} uur tot {end} uur")
    return sentence, date_format(starts, DATE_TIME), date_format(ends, DATE_TIME)


def datetime_range(*, starts_at: datetime, ends_at: datetime) -> str:
    """Start and end as plain text (mails, the certificate)."""
    sentence, start, end = _parts(starts_at, ends_at)
    return sentence.format(start=start, end=end)


def datetime_range_html(*, starts_at: datetime, ends_at: datetime) -> SafeString:
    """Start and end as HTML, each in a ``<time>`` with its exact moment."""
    sentence, start, end = _parts(starts_at, ends_at)
    return format_html(
        sentence,
        start=format_html(
            '<time datetime="{}">{}</time>',
            html_datetime(starts_at),
            start,
        ),
        end=format_html(
            '<time datetime="{}">{}</time>',
            html_datetime(ends_at),
            end,
        ),
    )
