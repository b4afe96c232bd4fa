"""Dates and times as machines read them in HTML: the ``datetime`` attribute
of ``<time>``. People read the Dutch form ("dinsdag 2 juni 2026, 13:30");
the attribute takes the one syntax HTML allows, whatever the language.

Django's ``|date:"c"`` and ``datetime.isoformat()`` keep the microseconds
(``13:30:13.899297+02:00``), but HTML allows at most three decimals on the
seconds, so a time is written to the second, always with its offset."""

from datetime import date, datetime

from django.utils import timezone


def html_datetime(value: date | datetime | None) -> str:
    """A valid HTML global date and time string for a datetime
    (``2026-06-02T13:30:13+02:00``, in the current time zone; a naive one is
    taken as local time), a valid date string for a date (``2026-06-02``),
    and an empty string for no value."""
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return ""
