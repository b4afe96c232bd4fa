"""Every URL pattern of the resolver, with its arguments filled in, for the
tests that walk the whole site (``test_csrf``, ``test_access_matrix``).

A pattern added later is walked too; a regular-expression pattern without an
example here fails the walk with a message that names it.
"""

import re
import uuid

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# Examples for the patterns that are regular expressions rather than routes.
REGEX_EXAMPLES = {
    "^pages/": "pages/",
    "^documents/": "documents/",
    "^images/": "images/",
    "^.*/$": "niet-bestaand/",
    r"^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)"
    r"\.\.\.(?P<revision_id_b>live|latest|\d+)/$": "1/revisions/compare/live...1/",
    r"^(\d+)/(.*)$": "1/document.pdf",
    r"^confirm-email/(?P<key>[-:\w]+)/$": "confirm-email/onbekend/",
    r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        "password/reset/key/1-onbekend/"
    ),
    r"^((?:[\w\-]+/)*)$": "",
}

CONVERTER_EXAMPLES = {"int": "1", "slug": "voorbeeld", "str": "voorbeeld"}

# The modules of the portal's own apps.
PORTAL_APPS = ("portal.", "network.", "knowledge.", "leergang.")
# allauth's pages that the portal uses: the account, and the member's sessions.
ALLAUTH_PAGES = ("allauth.account.", "allauth.usersessions.")


def example_path(pattern) -> str:
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex
        assert regex in REGEX_EXAMPLES, f"add an example for {regex!r}"
        return REGEX_EXAMPLES[regex]
    assert isinstance(pattern, RoutePattern)

    def fill(match: re.Match) -> str:
        converter = match.group(1) or "str"
        if converter == "uuid":
            return str(uuid.uuid4())
        return CONVERTER_EXAMPLES.get(converter, "voorbeeld")

    return re.sub(r"<(?:(\w+):)?\w+>", fill, str(pattern))


def every_url() -> list[tuple[str, URLPattern, str]]:
    """(example address, pattern, full name) of every pattern."""
    found = []

    def walk(patterns, prefix: str, namespaces: tuple[str, ...]) -> None:
        for entry in patterns:
            path = prefix + example_path(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = (
                    (*namespaces, entry.namespace) if entry.namespace else namespaces
                )
                walk(entry.url_patterns, path, inner)
            else:
                name = ":".join((*namespaces, entry.name)) if entry.name else ""
                found.append(("/" + path, entry, name))

    walk(get_resolver().url_patterns, "", ())
    return found


def view_name(func) -> str:
    func = getattr(func, "view_class", func)
    while hasattr(func, "__wrapped__"):
        func = func.__wrapped__
    if not hasattr(func, "__qualname__"):  # a callable instance (feeds)
        func = type(func)
    return f"{func.__module__}.{func.__qualname__}"


# The visitor's own session, and allauth's record of it (browser, IP
# address, last seen), which a signed-in request keeps up to date.
SESSION_TABLES = ("django_session", "usersessions_usersession")


def writes(queries) -> list[str]:
    """The statements that changed the database, apart from the session."""
    return [
        query["sql"]
        for query in queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", query["sql"], re.I)
        and not any(table in query["sql"] for table in SESSION_TABLES)
    ]
