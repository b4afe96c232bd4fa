"""The application form says everything that is wrong in one round, in an
error summary whose links lead to each field, the team-size error to the
team's fieldset; and it keeps what was typed."""

import re

import pytest

from leergang.models import Application
from tests.leergang.factories import EditionFactory, contact_user

pytestmark = pytest.mark.django_db

APPLY = "/leergang/aanmelden/"

MANAGEMENT = {
    "team-TOTAL_FORMS": "8",
    "team-INITIAL_FORMS": "0",
    "team-MIN_NUM_FORMS": "0",
    "team-MAX_NUM_FORMS": "8",
}
EMPTY_FORM = {
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "motivation": "",
    "commitment_name": "",
    "commitment_role": "",
    **{
        f"team-{i}-{name}": ""
        for i in range(8)
        for name in ("name", "email", "function", "domain")
    },
    **MANAGEMENT,
}
TEAM_TOO_SMALL = "Een team heeft ten minste 3 mensen."


@pytest.fixture
def contact(client):
    EditionFactory()
    user = contact_user()
    client.force_login(user)
    return user


def _summary(html: str) -> str:
    start = html.index('class="error-summary"')
    return html[start : html.index("</div>", start)]


def _links(summary: str) -> dict[str, str]:
    """Each link of the summary: its text -> the id it points to."""
    return {
        re.sub(r"\s+", " ", text).strip(): target
        for target, text in re.findall(r'<a href="#([^"]+)">(.*?)</a>', summary, re.S)
    }


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_an_empty_submission_shows_every_error_at_once(client, contact):
    response = client.post(APPLY, {**EMPTY_FORM, "indienen": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    links = _links(_summary(html))
    by_target = {target: text for text, target in links.items()}
    # The contact person, and the five things a submission needs.
    assert by_target["id_contact_name"].startswith("Naam contactpersoon:")
    assert by_target["id_contact_email"].startswith("E-mailadres contactpersoon:")
    assert "Schrijf waarom uw gemeente wil meedoen." in by_target["id_motivation"]
    assert "Kies ten minste één bouwopgave" in by_target["id_bouwopgaven"]
    assert "Vul de naam in van de manager" in by_target["id_commitment_name"]
    assert "Vul de functie in van de manager" in by_target["id_commitment_role"]
    assert TEAM_TOO_SMALL in by_target["team"]
    assert not Application.objects.exists()


def test_every_link_in_the_summary_leads_to_something_on_the_page(client, contact):
    response = client.post(APPLY, {**EMPTY_FORM, "indienen": "1"})

    html = response.content.decode()
    targets = set(_links(_summary(html)).values())
    assert len(targets) == 7
    assert targets <= _ids(html)


def test_the_team_size_error_links_to_the_team_fieldset(client, contact):
    response = client.post(APPLY, {**EMPTY_FORM, "indienen": "1"})

    html = response.content.decode()
    (target,) = [
        t for text, t in _links(_summary(html)).items() if TEAM_TOO_SMALL in text
    ]
    fieldset = re.search(rf'<fieldset[^>]*\sid="{target}"[^>]*>', html)
    assert fieldset is not None
    # The error is also said at the fieldset itself, and read out with it.
    described_by = re.search(r'aria-describedby="([^"]+)"', fieldset.group(0))
    assert described_by is not None
    error_ids = described_by.group(1).split()
    errors = [
        re.search(rf'id="{error_id}"[^>]*>(.*?)</p>', html, re.S)
        for error_id in error_ids
    ]
    assert any(m and TEAM_TOO_SMALL in m.group(1) for m in errors)


def test_the_form_keeps_what_was_typed_while_listing_all_errors(client, contact):
    data = {
        **EMPTY_FORM,
        "contact_phone": "030 123 45 67",
        "motivation": "Wij willen samen leren.",
        "bouwopgaven": ["2"],
        "commitment_role": "Wethouder sociaal domein",
        "team-0-name": "Anna de Boer",
        "team-0-email": "anna@gemeente.example.org",
        "team-0-function": "Klantmanager",
        "team-0-domain": "participatiewet",
        "indienen": "1",
    }

    response = client.post(APPLY, data)

    html = response.content.decode()
    summary = _summary(html)
    # The contact's errors and the submission's, in one round ...
    assert "Naam contactpersoon:" in summary
    assert "Vul de naam in van de manager" in summary
    assert "Een team heeft ten minste 3 mensen. U heeft er nu 1." in summary
    # ... and not about what was filled in.
    assert "Schrijf waarom" not in summary
    assert "Kies ten minste één bouwopgave" not in summary
    for typed in (
        'value="030 123 45 67"',
        "Wij willen samen leren.</textarea>",
        'value="Wethouder sociaal domein"',
        'value="Anna de Boer"',
        'value="anna@gemeente.example.org"',
        'value="Klantmanager"',
    ):
        assert typed in html
    assert re.search(r'value="2"[^>]*checked', html)
    assert re.search(r'value="participatiewet"[^>]*selected', html)


def test_a_draft_needs_only_the_contact_person(client, contact):
    response = client.post(APPLY, {**EMPTY_FORM, "concept": "1"})

    summary = _summary(response.content.decode())
    assert set(_links(summary).values()) == {"id_contact_name", "id_contact_email"}
