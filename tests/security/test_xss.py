"""What visitors type comes back as text, never as markup: each payload is
stored (or searched for) and the pages that show it are read back."""

from urllib.parse import urlencode

import pytest

from tests.leergang.factories import ApplicationFactory, contact_user, coordinator
from tests.network.factories import EventFactory, MemberProfileFactory

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "<script>alert(1)</script>": "&lt;script&gt;alert(1)&lt;/script&gt;",
    '"><img src=x onerror=alert(1)>': "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
}


def assert_escaped(response, payload: str, escaped: str = "") -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert payload not in html
    assert "<img src=x" not in html
    assert "<script>alert" not in html
    assert (escaped or PAYLOADS[payload]) in html


@pytest.fixture(params=list(PAYLOADS))
def payload(request):
    return request.param


def test_event_titles_are_escaped_in_the_agenda_and_on_the_event(client, payload):
    event = EventFactory(title=f"Kennisatelier {payload}", summary=payload)

    assert_escaped(client.get("/agenda/"), payload)
    assert_escaped(client.get(f"/agenda/{event.slug}/"), payload)


def test_profile_fields_are_escaped_in_the_directory_and_on_my_page(client, payload):
    shown = MemberProfileFactory(organisation_name=f"Wijkteam {payload}")
    shown.user.first_name = payload
    shown.user.save()
    client.force_login(MemberProfileFactory().user)

    assert_escaped(client.get("/leden/"), payload)
    client.force_login(shown.user)
    assert_escaped(client.get("/mijn/"), payload)


def test_application_texts_are_escaped_for_the_applicant_and_the_reviewer(
    client, payload
):
    applicant = contact_user()
    application = ApplicationFactory(
        applicant=applicant,
        municipality=applicant.member_profile.municipality,
        contact_name=f"Sanne {payload}",
        motivation=f"Wij willen leren. {payload}",
    )

    client.force_login(applicant)
    assert_escaped(client.get("/leergang/mijn-aanmelding/"), payload)
    client.force_login(coordinator())
    assert_escaped(client.get(f"/leergang/beheer/{application.pk}/"), payload)


def test_search_queries_are_escaped_on_the_results_page(client, payload):
    response = client.get("/zoeken/?" + urlencode({"q": payload}))

    # Search drops double quotes from the query (SQLite's full-text search
    # cannot take them); the rest comes back as text.
    assert_escaped(response, payload, escaped=PAYLOADS[payload].replace("&quot;", ""))
