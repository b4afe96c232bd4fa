"""The audit log: services write it, coordinators read it in /beheer/,
nobody changes it there."""

import pytest
from django.db import transaction

from portal.audit import audit_record
from portal.models import AuditEntry
from portal.roles import Role
from portal.selectors import audit_entries_for

pytestmark = pytest.mark.django_db


def test_an_entry_says_who_did_what_to_which_object(make_user):
    coordinator = make_user(Role.COORDINATOR, email="coordinator@example.org")
    target = make_user(email="lid@example.org")

    entry = audit_record(
        actor=coordinator,
        action="application.accepted",
        target=target,
        summary="Toegelaten tot de leergang",
        data={"places_left": 2},
    )

    assert entry.actor == coordinator
    assert entry.target_repr == str(target)
    assert entry.data == {"places_left": 2}
    assert list(audit_entries_for(target=target)) == [entry]


def test_every_decision_is_kept_not_only_the_last(make_user):
    target = make_user()
    for action in ("application.reserved", "application.accepted"):
        audit_record(actor=None, action=action, target=target)

    assert [e.action for e in audit_entries_for(target=target)] == [
        "application.accepted",
        "application.reserved",
    ]


def test_an_entry_rolls_back_with_the_change_it_describes(make_user):
    target = make_user()

    def change_that_fails() -> None:
        with transaction.atomic():
            audit_record(actor=None, action="registration.created", target=target)
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert not AuditEntry.objects.exists()


def test_coordinators_read_the_log_in_the_back_office(client, make_user):
    coordinator = make_user(Role.COORDINATOR)
    audit_record(
        actor=coordinator,
        action="event.cancelled",
        target=coordinator,
        summary="Bijeenkomst geannuleerd",
    )
    client.force_login(coordinator)

    listing = client.get("/beheer/logboek/")

    assert listing.status_code == 200
    assert "Bijeenkomst geannuleerd" in listing.content.decode()
    assert "/beheer/logboek/new/" not in listing.content.decode()
    entry = AuditEntry.objects.get()
    assert client.get(f"/beheer/logboek/inspect/{entry.pk}/").status_code == 200
    # Read only: no form to add or change an entry, not even by address.
    assert client.get("/beheer/logboek/new/").status_code in (302, 403)
    assert client.get(f"/beheer/logboek/edit/{entry.pk}/").status_code in (302, 403)


def test_editors_and_superusers_cannot_change_the_log(client, make_user):
    editor = make_user(Role.EDITOR)
    client.force_login(editor)
    assert client.get("/beheer/logboek/").status_code in (302, 403)

    admin = make_user(is_superuser=True, is_staff=True)
    entry = audit_record(actor=admin, action="event.saved", target=admin)
    client.force_login(admin)
    assert client.get("/beheer/logboek/").status_code == 200
    assert client.get("/beheer/logboek/new/").status_code in (302, 403)
    assert client.get(f"/beheer/logboek/edit/{entry.pk}/").status_code in (302, 403)
