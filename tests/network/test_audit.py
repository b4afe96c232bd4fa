"""The leernetwerk's decisions in the audit log, and the one rule of who may
still cancel a registration."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.exceptions import EventStarted
from network.models import Event, Registration
from network.services.coordination import (
    event_message_participants,
    event_set_attendance,
)
from network.services.events import event_cancel
from network.services.members import member_delete
from network.services.registrations import (
    CancelledBy,
    registration_cancel,
    registration_create,
    registration_may_cancel,
)
from network.tokens import cancel_token
from portal.models import AuditEntry
from portal.roles import Role
from portal.selectors import audit_entries_for
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def _actions(target) -> list[tuple[str, object]]:
    """(action, actor) of the entries about ``target``, oldest first."""
    return [
        (entry.action, entry.actor)
        for entry in reversed(list(audit_entries_for(target=target)))
    ]


def test_registering_cancelling_and_moving_up_are_recorded():
    event = EventFactory(capacity=1)
    first, second = MemberProfileFactory().user, MemberProfileFactory().user
    confirmed = registration_create(event=event, member=first)
    waiting = registration_create(event=event, member=second)

    registration_cancel(registration=confirmed)

    assert _actions(confirmed) == [
        ("registration.created", first),
        ("registration.cancelled", first),
    ]
    assert _actions(waiting) == [
        ("registration.created", second),
        ("registration.promoted", None),
    ]
    cancelled = audit_entries_for(target=confirmed).first()
    assert cancelled.data["by"] == "member"
    assert cancelled.summary == "Afgemeld door de deelnemer."


def test_a_cancellation_through_the_mail_link_is_recorded_without_an_actor(client):
    registration = RegistrationFactory()

    client.post(
        reverse(
            "network:registration_cancel",
            args=[cancel_token(registration=registration)],
        )
    )

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    entry = audit_entries_for(target=registration).get()
    assert (entry.action, entry.actor, entry.data["by"]) == (
        "registration.cancelled",
        None,
        "link",
    )


def test_a_coordinators_decisions_name_the_coordinator(client, make_user):
    coordinator = make_user(Role.COORDINATOR)
    client.force_login(coordinator)
    event = EventFactory(capacity=5)
    registration = RegistrationFactory(event=event)

    client.post(
        reverse("network_admin:event_message", args=[event.pk]),
        {"subject": "Programma", "body": "Zie bijlage.", "audience": "bevestigd"},
    )
    client.post(
        reverse("network_admin:registration_cancel", args=[event.pk, registration.pk])
    )
    client.post(reverse("network_admin:event_cancel", args=[event.pk]))

    assert _actions(event) == [
        ("event.message_sent", coordinator),
        ("event.cancelled", coordinator),
    ]
    assert audit_entries_for(target=event).last().data["recipients"] == [
        registration.pk
    ]
    cancelled = audit_entries_for(target=registration).get()
    assert (cancelled.actor, cancelled.data["by"]) == (coordinator, "coordinator")


def test_a_message_to_nobody_records_nothing():
    event = EventFactory()

    assert (
        event_message_participants(
            event=event, subject="Hallo", body="Test", audience="beide"
        )
        == 0
    )
    assert not AuditEntry.objects.exists()


def test_attendance_is_recorded_when_it_changes_not_when_saved_again(make_user):
    coordinator = make_user(Role.COORDINATOR)
    event = EventFactory(past=True)
    came, absent = RegistrationFactory(event=event), RegistrationFactory(event=event)

    event_set_attendance(event=event, attended_ids=[came.pk], actor=coordinator)
    event_set_attendance(event=event, attended_ids=[came.pk], actor=coordinator)

    assert _actions(came) == [("registration.attendance_set", coordinator)]
    assert _actions(absent) == [("registration.attendance_set", coordinator)]
    assert audit_entries_for(target=absent).get().data["attended"] is False


def test_a_deleted_member_is_no_longer_named_in_the_log():
    profile = MemberProfileFactory(
        user__first_name="Fenna", user__last_name="Vertrekker"
    )
    event = EventFactory(title="Webinar Participatiewiel")
    registration = registration_create(event=event, member=profile.user)
    assert "Fenna" in audit_entries_for(target=registration).get().target_repr

    member_delete(user=profile.user)

    entries = list(audit_entries_for(target=registration))
    assert [entry.action for entry in entries] == [
        "registration.cancelled",
        "registration.created",
    ]
    for entry in entries:
        assert "Fenna" not in entry.target_repr
        assert "Webinar Participatiewiel" in entry.target_repr
        assert entry.actor is None


def test_a_member_may_cancel_an_active_place_until_the_event_begins():
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(hours=1))
    registration = RegistrationFactory(event=event)

    assert registration_may_cancel(registration=registration) is True
    assert registration_may_cancel(registration=None) is False
    assert (
        registration_may_cancel(registration=registration, now=now + timedelta(hours=1))
        is False
    )
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    assert registration_may_cancel(registration=waiting) is True
    registration_cancel(registration=waiting)
    waiting.refresh_from_db()
    assert registration_may_cancel(registration=waiting) is False
    event_cancel(event=event)
    registration.refresh_from_db()
    assert registration.event.status == Event.Status.CANCELLED
    assert registration_may_cancel(registration=registration) is False


def test_a_coordinator_may_cancel_after_the_start_a_member_may_not():
    registration = RegistrationFactory(event=EventFactory(past=True))

    with pytest.raises(EventStarted):
        registration_cancel(registration=registration)
    registration_cancel(registration=registration, by=CancelledBy.COORDINATOR)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
