"""Passwords are at least twelve characters and not a common one; the
refusals are in Dutch, wherever a password is chosen."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password

from demo.site import DEMO_ACCOUNTS, DEMO_PASSWORD
from portal.models import User

pytestmark = pytest.mark.django_db

TOO_SHORT = "Dit wachtwoord is te kort. Het moet minstens 12 tekens lang zijn."
TOO_COMMON = "Dit wachtwoord is te algemeen."


def sign_up(client, password: str):
    return client.post(
        "/account/signup/",
        {"email": "nieuw@example.org", "password1": password, "password2": password},
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-maar-1", TOO_SHORT),  # 11 characters
        ("qwertyuiop123", TOO_COMMON),  # long enough, but on the list
        ("q1w2e3r4t5y6", TOO_COMMON),
    ],
)
def test_sign_up_refuses_short_and_common_passwords_in_dutch(
    client, mailoutbox, password, message
):
    response = sign_up(client, password)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert mailoutbox == []


def test_twelve_characters_that_are_not_common_are_accepted(client):
    response = sign_up(client, "zes-en-zes-6")

    assert response.status_code == 302
    assert User.objects.get(email="nieuw@example.org").check_password("zes-en-zes-6")


def test_a_new_password_from_the_reset_link_follows_the_same_rules(
    client, make_user, mailoutbox
):
    make_user(email="vergeten@example.org")
    client.post("/account/password/reset/", {"email": "vergeten@example.org"})
    link = re.search(
        r"https?://[^/\s]+(/account/password/reset/key/\S+/)", mailoutbox[0].body
    )
    assert link
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]

    response = client.post(
        form_url, {"password1": "kort-maar-1", "password2": "kort-maar-1"}
    )

    assert response.status_code == 200
    assert TOO_SHORT in response.content.decode()
    assert not User.objects.get(email="vergeten@example.org").check_password(
        "kort-maar-1"
    )


def test_the_sign_up_form_tells_the_rules_in_dutch(client):
    html = client.get("/account/signup/").content.decode()

    assert "Uw wachtwoord moet minstens 12 tekens lang zijn." in html
    assert "Uw wachtwoord mag geen veelgebruikt wachtwoord zijn." in html


@pytest.mark.parametrize(("email", "first_name", "last_name", "role"), DEMO_ACCOUNTS)
def test_the_demo_password_satisfies_the_rules(email, first_name, last_name, role):
    user = User(email=email, first_name=first_name, last_name=last_name)

    validate_password(DEMO_PASSWORD, user=user)
