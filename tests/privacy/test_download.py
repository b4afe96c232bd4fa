"""Download my data: every model that holds personal data is either in the
download or left out with a reason, and the real download holds the
member's data from every model it says it includes."""

import json
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse

from network.services.members import member_personal_data_models
from portal.member_areas import Exported, NotExported
from tests.portal.factories import UserFactory

from .people import EMAIL, SECOND_EMAIL, SESSION_IP, leaver_create
from .walk import all_models, personal_models

pytestmark = pytest.mark.django_db


def test_the_walk_recognises_personal_data():
    """The walk that the next test relies on finds what it must: a check
    that flags nothing could never fail."""
    found = personal_models()
    assert {"email", "first_name", "last_name"} <= set(found["portal.User"])
    assert {"name", "email", "user"} <= set(found["leergang.TeamMember"])
    assert {"contact_name", "contact_email", "contact_phone", "applicant"} <= set(
        found["leergang.Application"]
    )
    assert found["knowledge.ReviewReminder"] == ["sent_to"]
    assert found["sessions.Session"] == ["session_data"]
    assert {"user", "ip", "data"} <= set(found["usersessions.UserSession"])
    assert "actor" in found["portal.AuditEntry"]
    assert "data" in found["portal.AuditEntry"]
    assert "user" in found["portal.User_groups"]
    assert "user" in found["wagtailcore.PageLogEntry"]
    assert "network.EventBouwopgave" not in found
    assert "leergang.ScanScore" not in found


def test_every_model_with_personal_data_is_exported_or_left_out_with_a_reason():
    declared = member_personal_data_models()
    missing = {
        label: fields
        for label, fields in personal_models().items()
        if label not in declared
    }
    assert not missing, (
        "These models hold personal data, but the download neither includes "
        "them nor says why not. Add them to PERSONAL_DATA next to the export "
        f"(network.services.members, or the app's own declaration): {missing}"
    )
    for label, use in declared.items():
        if isinstance(use, NotExported):
            assert len(use.reason) > 15, label


def test_every_declaration_names_an_installed_model_and_a_working_owner():
    installed = {model._meta.label for model in all_models()}
    user = UserFactory(verified=False)  # nothing of theirs anywhere
    for label, use in member_personal_data_models().items():
        assert label in installed, f"{label} is declared but not installed"
        assert isinstance(use, Exported | NotExported)
        if isinstance(use, Exported) and use.owner:
            model = apps.get_model(label)
            # A wrong lookup raises FieldError here.
            assert not model._default_manager.filter(**{use.owner: user}).exists()


def _at(data: Any, key: str) -> Any:
    """The part of the download at a dotted ``key``; through a list, the
    parts of all its items."""
    parts = [data]
    for name in key.split("."):
        found = []
        for part in parts:
            items = part if isinstance(part, list) else [part]
            for item in items:
                assert isinstance(item, dict), key
                value = item.get(name)
                found.extend(value if isinstance(value, list) else [value])
        parts = [part for part in found if part is not None]
    return parts


# What each exported model contributes for the member of leaver_create().
MARKERS = {
    "portal.User": lambda leaver: EMAIL,
    "portal.User_groups": lambda leaver: "Gemeentelijk contactpersoon",
    "account.EmailAddress": lambda leaver: SECOND_EMAIL,
    "usersessions.UserSession": lambda leaver: SESSION_IP,
    "portal.AuditEntry": lambda leaver: "registration.attendance_set",
    "network.MemberProfile": lambda leaver: "Wijkteam Privacyplein",
    "network.CalendarFeed": lambda leaver: (
        leaver.user.calendar_feed.created_at.isoformat()
    ),
    "network.Registration": lambda leaver: "Webinar Verleden",
    "network.Reminder": lambda leaver: "verstuurd",
    "knowledge.PraatplaatFilling": lambda leaver: "Team Vertrekhal",
    "knowledge.PraatplaatAnswer": lambda leaver: "De regie ligt bij het wijkteam.",
    "knowledge.ReviewReminder": lambda leaver: EMAIL,
    "leergang.Application": lambda leaver: "06 1234 5678",
    "leergang.TeamMember": lambda leaver: "Kwartiermaker privacy",
    "leergang.Reflection": lambda leaver: "over de grens van ons domein",
}


def test_the_download_holds_the_members_data_from_every_exported_model(client):
    leaver = leaver_create()
    client.force_login(leaver.user)

    response = client.get(reverse("network:my_data"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    exported = {
        label: use
        for label, use in member_personal_data_models().items()
        if isinstance(use, Exported)
    }
    assert set(exported) == set(MARKERS), "add a marker for each exported model"
    for label, use in exported.items():
        part = _at(data, use.key)
        assert part, f"{label}: nothing at {use.key}"
        text = json.dumps(part, ensure_ascii=False)
        assert MARKERS[label](leaver) in text, f"{label} at {use.key}"


def test_the_download_lists_the_log_entries_by_and_about_the_member(client):
    leaver = leaver_create()
    client.force_login(leaver.user)

    data = json.loads(client.get(reverse("network:my_data")).content)

    entries = [(entry["action"], entry["by_you"]) for entry in data["audit_log"]]
    # By her: her registration, her application; about her, by a coordinator:
    # her attendance and the invitation to her team. Not the registration of
    # the member behind her on the waitlist.
    assert sorted(entries) == [
        ("application.submitted", True),
        ("invitation.sent", False),
        ("registration.attendance_set", False),
        ("registration.created", True),
    ]
    text = json.dumps(data, ensure_ascii=False)
    for other in (leaver.coordinator, leaver.waiting):
        assert other.email not in text
        assert other.get_full_name() not in text
