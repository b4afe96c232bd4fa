"""Guessing passwords and probing for accounts.

The sixth wrong password for one account within five minutes is refused,
even when it is the right one, on the site's login and on the back office's
way in; sign-up and password reset answer a known address exactly as an
unknown one.
"""

import re
from html import unescape

import pytest

from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOO_MANY = "Te veel mislukte inlogpogingen. Probeer het later opnieuw."
WRONG = "Het e-mailadres of het wachtwoord is onjuist."


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<[^>]+>", " ", html)
    return " ".join(unescape(html).split())


def guess_five_times_then_try(client, login_url: str, email: str) -> list:
    """Five wrong passwords (the address typed differently each time), then
    the right one; returns the six responses."""
    spellings = [email, email.upper(), email.title(), email, email.capitalize()]
    responses = [
        client.post(login_url, {"login": spelling, "password": f"fout-{n}-geraden"})
        for n, spelling in enumerate(spellings)
    ]
    responses.append(client.post(login_url, {"login": email, "password": PASSWORD}))
    return responses


def assert_sixth_attempt_refused(client, responses) -> None:
    *wrong, sixth = responses
    for response in wrong:
        assert response.status_code == 200
        assert WRONG in response.content.decode()
        assert TOO_MANY not in response.content.decode()
    assert sixth.status_code == 200
    assert TOO_MANY in sixth.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_sixth_attempt_on_the_site_login_is_refused(client, make_user):
    make_user(email="doelwit@example.org")

    responses = guess_five_times_then_try(
        client, "/account/login/", "doelwit@example.org"
    )

    assert_sixth_attempt_refused(client, responses)


def test_the_limit_is_per_account_not_for_everyone(client, make_user):
    make_user(email="doelwit@example.org")
    other = make_user(email="ander@example.org")
    guess_five_times_then_try(client, "/account/login/", "doelwit@example.org")

    response = client.post(
        "/account/login/", {"login": "ander@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_the_sixth_attempt_through_the_back_office_is_refused(client, make_user):
    make_user(email="beheerder@example.org", is_staff=True, is_superuser=True)
    login_url = client.get("/beheer/login/?next=/beheer/")["Location"]
    assert login_url == "/account/login/?next=/beheer/"

    responses = guess_five_times_then_try(client, login_url, "beheerder@example.org")

    assert_sixth_attempt_refused(client, responses)
    assert client.get("/beheer/").status_code == 302


def test_the_back_office_path_itself_checks_no_password(client, make_user):
    """A POST to /beheer/login/ is only redirected: there is no second form
    that could be used to guess passwords without the limit."""
    make_user(email="beheerder@example.org", is_staff=True, is_superuser=True)

    response = client.post(
        "/beheer/login/",
        {"username": "beheerder@example.org", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert "_auth_user_id" not in client.session


def answer(client, url: str, email: str, **data):
    response = client.post(url, {"email": email, **data})
    page = client.get(response["Location"]) if response.status_code == 302 else None
    text = visible_text(page.content.decode() if page else response.content.decode())
    return {
        "status": response.status_code,
        "location": response.get("Location"),
        "page_status": page.status_code if page else None,
        "text": text.replace(email, "<adres>"),
    }


def test_password_reset_answers_known_and_unknown_addresses_alike(
    client, make_user, mailoutbox
):
    make_user(email="bekend@example.org")

    known = answer(client, "/account/password/reset/", "bekend@example.org")
    unknown = answer(client, "/account/password/reset/", "onbekend@example.org")

    assert known["status"] == 302
    assert known == unknown
    # Only the owner of an account gets a mail.
    assert [message.to for message in mailoutbox] == [["bekend@example.org"]]


def test_sign_up_answers_known_and_unknown_addresses_alike(
    client, make_user, mailoutbox
):
    make_user(email="bekend@example.org")
    passwords = {
        "password1": "een-lang-wachtwoord-7",
        "password2": "een-lang-wachtwoord-7",
    }

    known = answer(client, "/account/signup/", "bekend@example.org", **passwords)
    unknown = answer(client, "/account/signup/", "onbekend@example.org", **passwords)

    assert known["status"] == 302
    assert known == unknown
    # Each address gets one mail, about itself: a verification link for the
    # new one, a notice for the existing account; nobody else hears of it.
    assert sorted(message.to[0] for message in mailoutbox) == [
        "bekend@example.org",
        "onbekend@example.org",
    ]
    notice = next(m for m in mailoutbox if m.to == ["bekend@example.org"])
    assert "onbekend@example.org" not in notice.body
