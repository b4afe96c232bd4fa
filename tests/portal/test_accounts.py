"""Sign-up, e-mail verification, login, rate limiting and password reset."""

import re

import pytest
from django.test import override_settings

from portal.models import User
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "een-goed-wachtwoord-42"


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/account/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def sign_up(client, email="nieuw@example.org", password=GOOD_PASSWORD):
    return client.post(
        "/account/signup/",
        {"email": email, "password1": password, "password2": password},
    )


def login(client, email, password):
    return client.post("/account/login/", {"login": email, "password": password})


def test_sign_up_sends_a_dutch_verification_mail_and_does_not_log_in(
    client, mailoutbox
):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nieuw@example.org"]
    assert mail.subject.startswith("[Leernetwerk]")
    assert "bevestig" in mail.subject.lower()
    assert "_auth_user_id" not in client.session


def test_login_is_refused_until_the_address_is_verified(client, mailoutbox):
    sign_up(client)

    response = login(client, "nieuw@example.org", GOOD_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_confirming_the_link_verifies_and_logs_in(client, mailoutbox):
    sign_up(client)
    link = confirmation_link(mailoutbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "Bevestig" in page.content.decode()
    response = client.post(link)

    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert user.emailaddress_set.get().verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_verified_user_logs_in_with_email_and_out_again(client, make_user):
    user = make_user(email="lotte@example.org")

    response = login(client, "Lotte@Example.org", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    client.post("/account/logout/")
    assert "_auth_user_id" not in client.session


def test_sign_up_errors_are_dutch_and_keep_the_typed_address(client, mailoutbox):
    response = client.post(
        "/account/signup/",
        {"email": "typ@example.org", "password1": GOOD_PASSWORD, "password2": "anders"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="typ@example.org"' in html
    assert "Er is een probleem" in html
    assert 'aria-invalid="true"' in html
    assert mailoutbox == []
    assert not User.objects.filter(email="typ@example.org").exists()


def test_sign_up_with_a_taken_address_is_refused_without_leaking_it(
    client, make_user, mailoutbox
):
    make_user(email="bestaat@example.org")

    response = sign_up(client, email="BESTAAT@example.org")

    # The visitor sees what a new sign-up sees; the owner gets a mail.
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert User.objects.filter(email__iexact="bestaat@example.org").count() == 1
    assert [m.to for m in mailoutbox] == [["bestaat@example.org"]]


def test_weak_password_is_refused_in_dutch(client):
    response = sign_up(client, password="12345678")

    html = response.content.decode()
    assert "te kort" in html or "minstens 10 tekens" in html
    assert not User.objects.filter(email="nieuw@example.org").exists()


@override_settings(
    ACCOUNT_RATE_LIMITS={"login_failed": "100/m/ip,3/5m/key"},
)
def test_failed_logins_are_rate_limited(client, make_user):
    make_user(email="doelwit@example.org")
    for _ in range(3):
        response = login(client, "doelwit@example.org", "fout-wachtwoord")
        assert "Te veel mislukte inlogpogingen" not in response.content.decode()

    response = login(client, "doelwit@example.org", PASSWORD)

    assert "Te veel mislukte inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_leads_to_a_new_password(client, make_user, mailoutbox):
    make_user(email="vergeten@example.org")

    client.post("/account/password/reset/", {"email": "vergeten@example.org"})

    assert len(mailoutbox) == 1
    match = re.search(
        r"https?://[^/\s]+(/account/password/reset/key/[^\s]+/)", mailoutbox[0].body
    )
    assert match
    form_page = client.get(match.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else match.group(1),
        {"password1": "nieuw-wachtwoord-2026", "password2": "nieuw-wachtwoord-2026"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="vergeten@example.org").check_password(
        "nieuw-wachtwoord-2026"
    )


def test_account_pages_use_the_site_layout_in_dutch(client):
    html = client.get("/account/login/").content.decode()

    assert '<html lang="nl">' in html
    assert 'class="skip-link"' in html
    assert "Inloggen" in html
    assert 'for="id_login"' in html


def test_verification_mail_comes_in_text_and_html_with_the_same_link(
    client, mailoutbox
):
    sign_up(client)

    mail = mailoutbox[0]
    link = confirmation_link(mail)
    assert mail.subject == "[Leernetwerk] Bevestig uw e-mailadres"
    assert "Bevestig uw e-mailadres via deze link" in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="nl">' in html
    assert link in html
    assert "E-mailadres bevestigen</a>" in html


def test_password_reset_mail_comes_in_text_and_html(client, make_user, mailoutbox):
    make_user(email="vergeten@example.org")

    client.post("/account/password/reset/", {"email": "vergeten@example.org"})

    mail = mailoutbox[0]
    assert mail.subject == "[Leernetwerk] Nieuw wachtwoord voor het leernetwerk"
    assert "Kies een nieuw wachtwoord via deze link" in mail.body
    html, _mimetype = mail.alternatives[0]
    assert "Nieuw wachtwoord kiezen</a>" in html


def test_the_back_office_has_no_login_of_its_own(client, make_user):
    response = client.get("/beheer/login/?next=/beheer/")

    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/beheer/"


def test_an_unverified_account_cannot_reach_the_back_office(client):
    User.objects.create_user("onbevestigd@example.org", GOOD_PASSWORD, is_staff=True)

    response = client.post(
        "/beheer/login/",
        {"username": "onbevestigd@example.org", "password": GOOD_PASSWORD},
    )

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_back_office_password_reset_is_off(client):
    assert client.get("/beheer/password_reset/").status_code == 404


def test_back_office_account_page_changes_neither_password_nor_email(client, make_user):
    from portal.roles import Role

    client.force_login(make_user(Role.EDITOR))

    html = client.get("/beheer/account/").content.decode()

    assert 'name="password-new_password1"' not in html
    assert 'name="password-old_password"' not in html
    assert 'name="name_email-email"' not in html
    assert 'name="name_email-first_name"' in html
