"""Bad input on every address: never a server error, always an answer in Dutch.

Walks the addresses of the access matrix (``test_access_matrix``: the same
world and the same sessions) and sends each, as a role that may open it:

- every query parameter the portal reads, with values people and scanners
  send: a NUL byte, bytes that are not UTF-8, 10,000 characters, negative and
  overflowing numbers, impossible dates, a list where one value is expected;
- every id in the address replaced by 0 and by a number beyond 64 bits, and
  every slug or key by 300 characters and by a NUL byte;
- every form it shows, posted with each of those values in every field, as a
  form body that is not UTF-8, with 2,000 fields and with a body over the
  upload limit.

An answer is right when it is not a 5xx; a 400 is the portal's own Dutch
page. Every request runs in a savepoint that is rolled back.
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.leergang.factories import contact_user
from tests.network.factories import MunicipalityFactory
from tests.portal.factories import UserFactory
from tests.security.test_access_matrix import (
    CSRF_COOKIE,
    CSRF_TOKEN,
    MATRIX,
    OK,
    ROLES,
    client_for,
    portal_addresses,
    url_of,
    world,  # noqa: F401  (the module's world, shared)
)

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * 10_000
HUGE = "99999999999999999999"
# What a query parameter or a form field gets. Percent-encoded where the
# bytes themselves are the point (a NUL, bytes that are not UTF-8).
BAD_VALUES = {
    "nul": "%00",
    "not utf-8": "%FF%FE%C0%AF",
    "long": TOO_LONG,
    "negative": "-1",
    "overflow": HUGE,
    "date": "2026-13-45",
    "float": "1e309",
    "markup": "%3Cscript%3E",
}
# Every query parameter the portal's views read (search, facets, paging, the
# agenda's and the member directory's filters, login's way back).
QUERY_PARAMETERS = (
    "q",
    "pagina",
    "soort",
    "bouwopgave",
    "venster",
    "domein",
    "jaar",
    "rol",
    "gemeente",
    "next",
)
# Form values that travel as text (the percent-encoded ones are sent raw).
FORM_VALUES = {
    "nul": "a\x00b",
    "long": TOO_LONG,
    "negative": "-1",
    "overflow": HUGE,
    "date": "2026-13-45",
    "float": "1e309",
}
# Pages of the page tree and other addresses that no pattern of ours names.
RAW_PATHS = (
    "/%00/",
    "/%FF%FE/",
    "/kennisbank/%00/",
    "/kennisbank/" + "a" * 300 + "/",
    "/agenda/%C0%AF/",
    "/zoeken/?q=%00",
    "/mijn/..%2F..%2Fetc%2Fpasswd",
)
DUTCH_400 = "Dit verzoek kunnen we niet verwerken"


def allowed_role(key: str, method: str) -> str | None:
    roles = MATRIX[key].get(method, {})
    return next((role for role in ROLES if roles.get(role) == OK), None)


def assert_handled(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if response.status_code == 400:
        # The portal's own 400 page, or a page of the view that explains it.
        assert 'lang="nl"' in response.content.decode(errors="replace"), what


def ask(client: Client, method: str, url: str, **kwargs):
    with transaction.atomic():
        if method == "POST":
            response = client.post(url, **kwargs)
        else:
            response = client.get(url, **kwargs)
        transaction.set_rollback(True)
    return response


class _Fields(HTMLParser):
    """The names of the fields of the forms that post, in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self._in_post_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._in_post_form = (attributes.get("method") or "").lower() == "post"
        elif self._in_post_form and tag in ("input", "select", "textarea"):
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken":
                self.names.add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post_form = False


def form_fields(html: str) -> set[str]:
    parser = _Fields()
    parser.feed(html)
    return parser.names


def keys_with(method: str) -> list[str]:
    return [key for key in MATRIX if allowed_role(key, method)]


@pytest.mark.parametrize("key", keys_with("GET"))
def test_bad_query_values_get_an_answer(demo_site, world, key):  # noqa: F811
    url = url_of(world, key, portal_addresses()[key])
    client = client_for(world, allowed_role(key, "GET"))
    for kind, value in BAD_VALUES.items():
        query = "&".join(f"{name}={value}" for name in QUERY_PARAMETERS)
        response = ask(client, "GET", f"{url}?{query}")
        assert_handled(response, f"GET {url} with {kind} values")
    listed = "&".join(f"{name}=1&{name}=2" for name in QUERY_PARAMETERS)
    assert_handled(ask(client, "GET", f"{url}?{listed}"), f"GET {url}, lists")


def _bad_kwargs(kwargs: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    variants = []
    for name, good in kwargs.items():
        values = ("0", HUGE) if good.isdigit() else ("a" * 300, "a\x00b")
        variants += [
            (f"{name}={value[:12]}", {**kwargs, name: value}) for value in values
        ]
    return variants


def test_bad_ids_and_slugs_in_the_address_get_an_answer(demo_site, world):  # noqa: F811
    walked = 0
    for key, kwargs in world.kwargs.items():
        if not allowed_role(key, "GET"):
            continue
        for role in {allowed_role(key, "GET"), "anonymous"}:
            client = client_for(world, role)
            for what, bad in _bad_kwargs(kwargs):
                try:
                    url = reverse(key, kwargs=bad)
                except NoReverseMatch:
                    continue  # the pattern itself refuses the value: a 404
                walked += 1
                response = ask(client, "GET", url)
                assert_handled(response, f"GET {key} with {what} as {role}")
                if allowed_role(key, "POST"):
                    response = ask(
                        client, "POST", url, data={"csrfmiddlewaretoken": CSRF_TOKEN}
                    )
                    assert_handled(response, f"POST {key} with {what} as {role}")
    assert walked > 50


@pytest.mark.parametrize("key", keys_with("POST"))
def test_every_form_survives_bad_values(demo_site, world, key):  # noqa: F811
    url = url_of(world, key, portal_addresses()[key])
    role = allowed_role(key, "POST")
    client = client_for(world, role)
    fields = set(world.post_data.get(key, {}))
    if allowed_role(key, "GET") == role:
        page = ask(client, "GET", url)
        if page.status_code == 200 and not page.streaming:
            fields |= form_fields(page.content.decode())
    fields.discard("")
    post_bad_values(client, url, fields)


def post_bad_values(client: Client, url: str, fields: set[str]) -> None:
    for kind, value in FORM_VALUES.items():
        data = dict.fromkeys(fields, value)
        response = ask(
            client, "POST", url, data={"csrfmiddlewaretoken": CSRF_TOKEN, **data}
        )
        assert_handled(response, f"POST {url} with {kind} in {sorted(fields)}")
    for kind, value in BAD_VALUES.items():
        if kind in FORM_VALUES:
            continue
        body = "&".join(
            [f"csrfmiddlewaretoken={CSRF_TOKEN}", *(f"{n}={value}" for n in fields)]
        )
        response = ask(
            client,
            "POST",
            url,
            data=body,
            content_type="application/x-www-form-urlencoded",
        )
        assert_handled(response, f"POST {url} with {kind} (raw) in {sorted(fields)}")


@pytest.mark.parametrize("key", ["network:join", "leergang:apply"])
def test_the_forms_of_a_newcomer_survive_bad_values(demo_site, world, key):  # noqa: F811
    """Joining the leernetwerk and applying for the leergang, as someone who
    has not yet (the world's member and contact have)."""
    if key == "network:join":
        newcomer = UserFactory()
    else:
        newcomer = contact_user(
            municipality=MunicipalityFactory(name="Gemeente Nudorp")
        )
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_COOKIE
    client.force_login(newcomer)
    url = reverse(key)
    page = ask(client, "GET", url)
    fields = form_fields(page.content.decode())

    assert page.status_code == 200
    assert len(fields) >= 3, fields
    post_bad_values(client, url, fields)


@pytest.mark.parametrize("key", ["account_login", "network:profile_edit"])
def test_oversized_and_overfull_bodies_get_a_dutch_400(demo_site, world, key):  # noqa: F811
    url = url_of(world, key, portal_addresses()[key])
    client = client_for(world, allowed_role(key, "POST"))
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    big = ask(
        client,
        "POST",
        url,
        data=f"csrfmiddlewaretoken={CSRF_TOKEN}&naam={too_big}",
        content_type="application/x-www-form-urlencoded",
    )
    fields = "&".join(
        f"veld{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)
    )
    full = ask(
        client,
        "POST",
        url,
        data=f"csrfmiddlewaretoken={CSRF_TOKEN}&{fields}",
        content_type="application/x-www-form-urlencoded",
    )

    assert big.status_code == 400
    assert full.status_code == 400
    for response in (big, full):
        assert DUTCH_400 in response.content.decode()
        assert 'lang="nl"' in response.content.decode()


@pytest.mark.parametrize("path", RAW_PATHS)
def test_odd_paths_get_an_answer(demo_site, world, path):  # noqa: F811
    for role in ("anonymous", "member"):
        response = ask(client_for(world, role), "GET", path)
        assert_handled(response, f"GET {path} as {role}")
        assert response.status_code != 200 or path.startswith("/zoeken/")


def test_the_walk_reaches_the_forms(demo_site, world):  # noqa: F811
    """The form walk is not empty: the main forms show fields to fill in."""
    for key in (
        "network:profile_edit",
        "leergang:cohort_reflection_add",
        "account_signup",
    ):
        role = allowed_role(key, "GET")
        url = url_of(world, key, portal_addresses()[key])
        html = ask(client_for(world, role), "GET", url).content.decode()
        assert len(form_fields(html)) >= 2, key
