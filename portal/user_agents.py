"""A browser's user agent as a member recognises it: "Firefox op Windows",
for the list of their sessions. Only the common browsers and systems are
named; the full text is of little use to a person and is not shown."""

import re

from django.utils.translation import gettext as _

# The first that matches names the browser. Edge, Opera and Samsung Internet
# also say "Chrome" and "Safari", and Chrome says "Safari", so they go first.
BROWSERS = [
    (re.compile(r"\bEdg(e|A|iOS)?/"), "Edge"),
    (re.compile(r"\b(OPR|Opera)/"), "Opera"),
    (re.compile(r"\bSamsungBrowser/"), "Samsung Internet"),
    (re.compile(r"\b(Firefox|FxiOS)/"), "Firefox"),
    (re.compile(r"\b(Chrome|CriOS|Chromium)/"), "Chrome"),
    (re.compile(r"\bVersion/[\d.]+.*\bSafari/"), "Safari"),
]
# iPhones and iPads say "like Mac OS X", Android says "Linux": those first.
SYSTEMS = [
    (re.compile(r"\bWindows\b"), "Windows"),
    (re.compile(r"\biPhone\b"), "iPhone"),
    (re.compile(r"\biPad\b"), "iPad"),
    (re.compile(r"\bAndroid\b"), "Android"),
    (re.compile(r"\bCrOS\b"), "ChromeOS"),
    (re.compile(r"\b(Macintosh|Mac OS X)\b"), "macOS"),
    (re.compile(r"\bLinux\b"), "Linux"),
]


def _first(patterns: list[tuple[re.Pattern[str], str]], text: str) -> str:
    return next((name for pattern, name in patterns if pattern.search(text)), "")


def user_agent_label(user_agent: str) -> str:
    """``"Firefox op Windows"``, ``"Safari op iPhone"``; what is not known
    is said to be unknown (``"Onbekende browser op Linux"``)."""
    browser = _first(BROWSERS, user_agent)
    system = _first(SYSTEMS, user_agent)
    if not browser and not system:
        return _("Onbekende browser")
    return _("%(browser)s op %(system)s") % {
        "browser": browser or _("Onbekende browser"),
        "system": system or _("onbekend systeem"),
    }
