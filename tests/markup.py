"""Checks on the machine-readable values in rendered HTML: the ``datetime``
of ``<time>`` and the numbers of inline SVG. People read Dutch dates and
numbers ("2,5"); browsers read these values and need the HTML and SVG
syntax, whatever the language of the page."""

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

from django.utils import timezone

# A valid date string, or a valid global date and time string of which the
# seconds (when given) carry at most three decimals and the zone is explicit.
HTML_DATE = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
HTML_GLOBAL_DATETIME = (
    HTML_DATE + r"T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?"
    r"(Z|[+-]([01]\d|2[0-3]):[0-5]\d)"
)
VALID_DATETIME = re.compile(rf"(?:{HTML_DATE}|{HTML_GLOBAL_DATETIME})")

# SVG attributes that hold a number, a list of numbers or path data.
SVG_GEOMETRY = {
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "dx", "dy",
    "width", "height", "viewbox", "points", "d",
}  # fmt: skip
# A number as SVG writes it: a decimal point, no grouping.
SVG_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)")
PATH_COMMAND = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]")


def with_microseconds(*, days: int) -> datetime:
    """A time ``days`` from now as a clock gives it: with seconds and
    microseconds (what ``timezone.now()`` or ``auto_now`` store)."""
    return (timezone.now() + timedelta(days=days)).replace(
        second=13, microsecond=899297
    )


class _Elements(HTMLParser):
    """Each start tag with its attributes, and whether it is inside <svg>."""

    def __init__(self):
        super().__init__()
        self.svg_depth = 0
        self.elements: list[tuple[str, dict[str, str], bool]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.svg_depth += 1
        values = {name: value or "" for name, value in attrs}
        self.elements.append((tag, values, bool(self.svg_depth)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.svg_depth -= 1

    def handle_endtag(self, tag):
        if tag == "svg" and self.svg_depth:
            self.svg_depth -= 1


def elements(html: str) -> list[tuple[str, dict[str, str], bool]]:
    """(tag, attributes, inside an SVG) of every element of ``html``."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def datetime_values(html: str) -> list[str]:
    return [
        attrs["datetime"] for _tag, attrs, _svg in elements(html) if "datetime" in attrs
    ]


def assert_valid_datetimes(html: str, *, at_least: int = 1) -> list[str]:
    """Every ``datetime`` attribute in ``html`` is a valid HTML date or global
    date and time string; returns them."""
    values = datetime_values(html)
    assert len(values) >= at_least, f"expected {at_least} datetime values: {values}"
    invalid = [value for value in values if not VALID_DATETIME.fullmatch(value)]
    assert not invalid, f"invalid datetime attributes: {invalid}"
    return values


def _svg_numbers(name: str, value: str) -> list[str]:
    if name == "points":
        return re.split(r"[\s,]+", value.strip())
    if name == "d":
        value = PATH_COMMAND.sub(" ", value)
    return value.split()


def assert_svg_numbers(html: str) -> int:
    """Every geometry attribute inside an SVG of ``html`` is made of numbers
    in SVG's syntax (which ``float()`` reads too); returns how many were
    checked."""
    checked = 0
    bad = []
    for tag, attrs, in_svg in elements(html):
        if not in_svg:
            continue
        for name, value in attrs.items():
            if name not in SVG_GEOMETRY:
                continue
            numbers = _svg_numbers(name, value)
            if numbers and all(SVG_NUMBER.fullmatch(n) for n in numbers):
                checked += 1
            else:
                bad.append(f'<{tag} {name}="{value}">')
    assert not bad, "SVG numbers a browser cannot read: " + ", ".join(bad)
    assert checked, "no SVG geometry on the page"
    return checked
