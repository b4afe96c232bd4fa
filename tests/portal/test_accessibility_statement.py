"""The accessibility statement follows the model statement of DigiToegankelijk:
organisation and scope, compliance status, date and evidence, known problems
with measures, contact with a response time and escalation to the Nationale
ombudsman."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

URL = "/toegankelijkheid/"

# The compliance statuses of the model statement (digitoegankelijk.nl). E means
# "no statement", so a published statement never carries it.
MODEL_STATUSES = {
    "A": "voldoet volledig",
    "B": "voldoet gedeeltelijk",
    "C": "eerste maatregelen genomen",
    "D": "voldoet niet",
}

SECTIONS = [
    "Voor welke website geldt deze verklaring?",
    "Hoe toegankelijk is de website?",
    "Hoe wij dit hebben onderzocht",
    "Wat nog niet goed is en wat wij daaraan doen",
    "Een probleem melden",
    "Niet tevreden over onze reactie?",
]


def _main(client):
    response = client.get(URL)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main")


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def _section(main, heading: str):
    """The <section> that the h2 ``heading`` opens."""
    h2 = main.find("h2", string=heading)
    assert h2 is not None, f"no section {heading!r}"
    return h2.find_parent("section")


def _dates(element) -> list[datetime.date]:
    return [
        datetime.date.fromisoformat(time["datetime"])
        for time in element.find_all("time")
    ]


def test_statement_has_the_sections_of_the_model(client, demo_site):
    main = _main(client)

    assert _text(main.find("h1")) == "Toegankelijkheidsverklaring"
    assert [_text(h2) for h2 in main.find_all("h2")] == SECTIONS


@override_settings(WAGTAILADMIN_BASE_URL="https://leernetwerk.example.org")
def test_statement_names_the_organisation_and_the_website(client, demo_site):
    scope = _text(_section(_main(client), SECTIONS[0]))

    assert "Hogeschool Utrecht" in scope
    assert "Lokaal & Integraal Werken aan Participatie" in scope
    assert "https://leernetwerk.example.org/" in scope  # the public address
    assert "ook de pagina's waarvoor u moet inloggen" in scope


def test_statement_gives_a_model_status_and_the_standard(client, demo_site):
    section = _section(_main(client), SECTIONS[1])
    status = section.find(class_="statement-status")

    code, label = _text(status).removeprefix("Status ").split(": ", 1)
    assert MODEL_STATUSES[code] == label
    text = _text(section)
    assert "WCAG 2.1" in text
    assert "niveau AA" in text
    assert "EN 301 549" in text


def test_statement_is_dated_and_names_its_evidence(client, demo_site):
    section = _section(_main(client), SECTIONS[2])
    text = _text(section)

    drawn_up_on, checked_on = _dates(section)[:2]
    assert checked_on <= drawn_up_on <= timezone.localdate()
    assert "axe-core" in text
    assert "WCAG 2.1 niveau A en AA" in text
    assert "elke openbare pagina" in text
    assert "toetsenbord" in text
    assert "nog geen onderzoeksrapport" in text


def test_known_problems_come_with_a_measure(client, demo_site):
    section = _section(_main(client), SECTIONS[3])
    problems = section.find_all("li", class_="known-problem")

    assert len(problems) >= 2
    for problem in problems:
        assert "Wat wij doen:" in _text(problem)
    text = _text(section)
    assert "onafhankelijke deskundige" in text  # no audit yet
    assert "pdf" in text.lower()  # documents of others


@override_settings(MAIL_REPLY_TO="Leernetwerk <toegankelijkheid@example.org>")
def test_contact_uses_the_sites_contact_address_and_a_response_time(client, demo_site):
    section = _section(_main(client), SECTIONS[4])

    mailto = section.find("a", href="mailto:toegankelijkheid@example.org")
    assert mailto is not None
    assert _text(mailto) == "toegankelijkheid@example.org"
    assert "binnen 5 werkdagen" in _text(section)


def test_escalation_goes_to_the_nationale_ombudsman(client, demo_site):
    section = _section(_main(client), SECTIONS[5])

    link = section.find("a", href="https://www.nationaleombudsman.nl/")
    assert link is not None
    assert "Nationale ombudsman" in _text(section)


def test_page_shows_the_facts_kept_in_one_place(client, demo_site):
    from portal.accessibility import STATEMENT

    main = _main(client)

    status = _text(main.find(class_="statement-status"))
    assert status == f"Status {STATEMENT.status}: {STATEMENT.status.label}"
    dates = _dates(main)
    assert STATEMENT.drawn_up_on in dates
    assert STATEMENT.automated_checks_on in dates
    assert STATEMENT.audit_planned_by in dates


def test_status_c_has_an_audit_planned_within_six_months():
    """The model gives status C only while an audit by an independent expert
    is planned within six months of the statement; without that plan the
    status is D."""
    from portal.accessibility import STATEMENT, ComplianceStatus

    if STATEMENT.status != ComplianceStatus.C:
        return
    drawn_up_on = STATEMENT.drawn_up_on
    years, month = divmod(drawn_up_on.month - 1 + 6, 12)
    limit = drawn_up_on.replace(
        year=drawn_up_on.year + years, month=month + 1, day=min(drawn_up_on.day, 28)
    )
    assert STATEMENT.audit_planned_by is not None
    assert drawn_up_on < STATEMENT.audit_planned_by <= limit
