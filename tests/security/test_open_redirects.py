"""A ``next`` address from a link never sends a visitor to another site.

Every endpoint that redirects to a ``next`` value gets the same list of
hostile values; the redirect must resolve, the way a browser reads it, to this
site. (The portal has no language switch, so ``set_language`` is not routed.)
"""

import re
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse

from tests.network.factories import RegistrationFactory
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "%2F%2Fevil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "///evil.example",
    "/\t/evil.example",
    "https://testserver@evil.example",
]


def assert_stays_on_site(response, current: str) -> None:
    """The redirect's target, read as a browser reads it (backslashes are
    slashes, tabs and newlines are dropped), is an http(s) page of this site."""
    assert response.status_code in {301, 302, 303}, response.status_code
    location = response["Location"]
    browser_reads = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").strip()
    target = urlsplit(urljoin(f"http://testserver{current}", browser_reads))
    assert target.scheme in {"http", "https"}, location
    assert target.netloc == "testserver", location
    assert "evil.example" not in target.netloc


@pytest.fixture
def user(make_user):
    return make_user(email="rita@example.org")


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_login_does_not_redirect_away(client, user, next_url):
    login_url = "/account/login/?" + urlencode({"next": next_url})

    response = client.post(login_url, {"login": user.email, "password": PASSWORD})

    assert client.session["_auth_user_id"] == str(user.pk)
    assert_stays_on_site(response, "/account/login/")


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_login_with_next_in_the_form_does_not_redirect_away(client, user, next_url):
    response = client.post(
        "/account/login/",
        {"login": user.email, "password": PASSWORD, "next": next_url},
    )

    assert client.session["_auth_user_id"] == str(user.pk)
    assert_stays_on_site(response, "/account/login/")


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_logout_does_not_redirect_away(client, user, next_url):
    client.force_login(user)

    response = client.post("/account/logout/", {"next": next_url})

    assert "_auth_user_id" not in client.session
    assert_stays_on_site(response, "/account/logout/")


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_back_office_login_does_not_redirect_away(client, make_user, next_url):
    editor = make_user(email="beheer@example.org", is_staff=True, is_superuser=True)

    to_login = client.get("/beheer/login/?" + urlencode({"next": next_url}))
    assert to_login.status_code == 302
    login_url = to_login["Location"]
    assert login_url.startswith("/account/login/")
    response = client.post(login_url, {"login": editor.email, "password": PASSWORD})

    assert client.session["_auth_user_id"] == str(editor.pk)
    assert_stays_on_site(response, urlsplit(login_url).path)


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_back_office_logout_does_not_redirect_away(client, make_user, next_url):
    client.force_login(make_user(is_staff=True, is_superuser=True))

    response = client.post("/beheer/logout/?" + urlencode({"next": next_url}))

    assert "_auth_user_id" not in client.session
    assert_stays_on_site(response, "/beheer/logout/")


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_cancelling_a_place_does_not_redirect_away(client, next_url):
    registration = RegistrationFactory()
    client.force_login(registration.member)
    url = f"/agenda/{registration.event.slug}/afmelden/"

    response = client.post(url, {"next": next_url})

    registration.refresh_from_db()
    assert not registration.is_active
    assert_stays_on_site(response, url)


def test_the_portal_has_no_language_switch_to_abuse():
    with pytest.raises(NoReverseMatch):
        reverse("set_language")
