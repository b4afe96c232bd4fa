"""The leergang's pages: the programme, the application form, the status
page and the coordinator's review, with their access rules."""

import re

import pytest
from django.urls import reverse

from leergang.models import Application
from portal.roles import Role
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    contact_user,
)

pytestmark = pytest.mark.django_db

S = Application.Status
APPLY = "/leergang/aanmelden/"
MINE = "/leergang/mijn-aanmelding/"


def form_data(*, team: int = 3, **overrides) -> dict[str, str]:
    data = {
        "contact_name": "Sanne de Vries",
        "contact_email": "sanne@gemeente.example.org",
        "contact_phone": "",
        "motivation": "Wij willen inwoners sneller aan passend werk helpen.",
        "bouwopgaven": ["2", "5"],
        "commitment_name": "Piet Jansen",
        "commitment_role": "Wethouder sociaal domein",
        "team-TOTAL_FORMS": "8",
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "8",
    }
    for i in range(team):
        data |= {
            f"team-{i}-name": f"Persoon {i}",
            f"team-{i}-email": f"persoon{i}@gemeente.example.org",
            f"team-{i}-function": "Klantmanager",
            f"team-{i}-domain": "participatiewet",
        }
    data.update(overrides)
    return data


def test_urls_are_dutch_and_named():
    assert reverse("leergang:index") == "/leergang/"
    assert reverse("leergang:apply") == APPLY
    assert reverse("leergang:my_application") == MINE


def test_index_shows_open_editions_with_places_left(client):
    edition = EditionFactory(title="Innovatieleergang 2027", cohort_size=5)
    ApplicationFactory.create_batch(2, edition=edition, status=S.ACCEPTED)
    ApplicationFactory(edition=edition, status=S.SUBMITTED)

    response = client.get("/leergang/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Leergang</h1>' in content
    assert "Innovatieleergang 2027" in content
    assert "Nog 3 plaatsen vrij." in content


def test_apply_sends_anonymous_visitors_to_login(client):
    EditionFactory()
    response = client.get(APPLY)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_apply_refuses_users_who_are_not_a_municipality_contact(client, make_user):
    EditionFactory()
    client.force_login(make_user(Role.MEMBER))
    response = client.get(APPLY)
    assert response.status_code == 403
    assert "Alleen de gemeentelijk contactpersoon" in response.content.decode()


def test_apply_explains_a_missing_municipality_on_the_profile(client):
    EditionFactory()
    client.force_login(contact_user(with_municipality=False))
    response = client.get(APPLY)
    content = response.content.decode()
    assert "Vul eerst uw gemeente in" in content
    assert "<form" not in content.split("</header>")[1]


def test_apply_without_an_open_edition_says_so(client):
    client.force_login(contact_user())
    response = client.get(APPLY)
    assert "Aanmelden kan nu niet" in response.content.decode()


def test_apply_form_shows_eight_team_rows_and_prefills_the_contact(client):
    EditionFactory()
    user = contact_user()
    client.force_login(user)

    response = client.get(APPLY)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Teamlid 8" in content
    assert "Teamlid 9" not in content
    assert f'value="{user.email}"' in content


def test_submitting_an_incomplete_application_keeps_all_input_and_says_what(
    client,
):
    edition = EditionFactory()
    client.force_login(contact_user())

    response = client.post(
        APPLY,
        form_data(team=2, commitment_name="", indienen="1"),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Een team heeft ten minste 3 mensen. U heeft er nu 2." in content
    assert "Vul de naam in van de manager of wethouder" in content
    # Everything typed is still there.
    assert 'value="Persoon 1"' in content
    assert 'value="Wethouder sociaal domein"' in content
    assert "Wij willen inwoners sneller aan passend werk helpen." in content
    assert re.search(r'value="5"[^>]*checked', content)
    assert not re.search(r'value="3"[^>]*checked', content)
    assert not Application.objects.filter(edition=edition).exists()


def test_a_half_filled_team_row_gets_field_errors_and_keeps_input(client):
    EditionFactory()
    client.force_login(contact_user())
    data = form_data(team=3, indienen="1")
    data["team-1-email"] = "geen-e-mailadres"

    response = client.post(APPLY, data)

    content = response.content.decode()
    summary = content[content.index('class="error-summary"') :]
    assert (
        '<a href="#id_team-1-email">Teamlid 2, e-mailadres: '
        "Voer een geldig e-mailadres in." in summary
    )
    assert 'value="geen-e-mailadres"' in content
    assert 'aria-invalid="true"' in content
    assert not Application.objects.exists()


def test_save_a_draft_then_submit_it(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    edition = EditionFactory()
    user = contact_user()
    client.force_login(user)

    response = client.post(APPLY, form_data(team=1, motivation="", concept="1"))
    assert response.status_code == 302
    draft = Application.objects.get(edition=edition)
    assert draft.status == S.DRAFT

    # The draft comes back in the form.
    content = client.get(APPLY).content.decode()
    assert 'value="Persoon 0"' in content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, form_data(team=4, indienen="1"))
    assert response.status_code == 302
    assert response["Location"] == MINE
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED
    assert draft.team_members.count() == 4
    assert len(mailoutbox) == 1

    # Applying again sends the contact to the status page.
    assert client.get(APPLY)["Location"] == MINE


def test_status_page_shows_the_status_and_withdraws(client):
    edition = EditionFactory()
    user = contact_user()
    application = ApplicationFactory(
        edition=edition, municipality=user.member_profile.municipality
    )
    client.force_login(user)

    content = client.get(MINE).content.decode()
    assert "Ingediend" in content
    assert "Aanmelding intrekken" in content

    response = client.post(
        reverse("leergang:withdraw"), {"application": application.pk}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_a_contact_cannot_withdraw_another_municipalitys_application(client):
    other = ApplicationFactory()
    client.force_login(contact_user())
    response = client.post(reverse("leergang:withdraw"), {"application": other.pk})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == S.SUBMITTED


@pytest.mark.parametrize("value", ["abc", "", "1.5", "\x00"])
def test_withdraw_with_a_broken_form_is_not_found(client, value):
    client.force_login(contact_user())
    response = client.post(reverse("leergang:withdraw"), {"application": value})
    assert response.status_code == 404


# --- Review ----------------------------------------------------------------


def test_review_is_for_coordinators_only(client, make_user):
    application = ApplicationFactory()
    url = reverse("leergang:review_detail", args=[application.pk])
    assert client.get(url).status_code == 302

    for role in (Role.MEMBER, Role.EDITOR, Role.MUNICIPALITY_CONTACT):
        client.force_login(make_user(role))
        assert client.get(url).status_code == 403
        assert client.get(reverse("leergang:review_list")).status_code == 403

    client.force_login(make_user(Role.COORDINATOR))
    assert client.get(url).status_code == 200
    assert client.get(reverse("leergang:review_list")).status_code == 200


def test_coordinator_accepts_and_the_applicant_gets_a_mail(
    client, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    client.force_login(make_user(Role.COORDINATOR))
    url = reverse("leergang:review_detail", args=[application.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "accept", "message": ""})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    # The applicant's mail, and an invitation for each of the three members.
    assert [m.to for m in mailoutbox][1:] == [
        [f"teamlid{i}@gemeente.example.org"] for i in range(3)
    ]
    assert application.applicant.email in mailoutbox[0].to


def test_declining_without_a_message_says_so(client, make_user):
    application = ApplicationFactory()
    client.force_login(make_user(Role.COORDINATOR))
    url = reverse("leergang:review_detail", args=[application.pk])

    response = client.post(url, {"decision": "decline", "message": ""})

    assert "Schrijf een toelichting voor de gemeente" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_accepting_into_a_full_edition_shows_the_dutch_error(client, make_user):
    edition = EditionFactory(cohort_size=1)
    ApplicationFactory(edition=edition, status=S.ACCEPTED)
    application = ApplicationFactory(edition=edition)
    client.force_login(make_user(Role.COORDINATOR))

    response = client.post(
        reverse("leergang:review_detail", args=[application.pk]),
        {"decision": "accept"},
    )

    assert "De leergang is vol" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


@pytest.mark.parametrize("rows", [3, 30])
def test_review_list_queries_do_not_grow_with_the_rows(
    client, make_user, django_assert_max_num_queries, rows
):
    edition = EditionFactory(cohort_size=40)
    ApplicationFactory.create_batch(rows, edition=edition)
    client.force_login(make_user(Role.COORDINATOR))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("leergang:review_list"))

    assert response.content.decode().count("/leergang/beheer/") >= rows
