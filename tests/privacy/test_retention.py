"""Retention: the registrations of events that ended longer ago than
REGISTRATION_RETENTION_DAYS lose their member, through an idempotent daily
task; registrations within the period keep theirs."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from network.models import Registration, Reminder, ReminderKind
from network.services.members import member_export
from network.services.registrations import (
    registration_messages_off,
    registration_set_attendance,
)
from network.tasks import prune_past_registrations
from portal.celery import app
from portal.models import AuditEntry
from portal.selectors import audit_entries_for
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def _ended(days_ago: float, title: str):
    ends = timezone.now() - timedelta(days=days_ago)
    return EventFactory(title=title, starts_at=ends - timedelta(hours=2), ends_at=ends)


def _registration(event, member, coordinator):
    registration = RegistrationFactory(event=event, member=member)
    registration_set_attendance(
        registration=registration, attended=True, actor=coordinator
    )
    registration_messages_off(registration=registration)  # by the member
    Reminder.objects.create(
        registration=registration,
        kind=ReminderKind.DAY,
        event_starts_at=event.starts_at,
        status=Reminder.Status.SENT,
        sent_at=event.starts_at - timedelta(days=1),
    )
    return registration


def _state():
    return (
        sorted(Registration.objects.values_list("pk", "member_id", "attended")),
        sorted(Reminder.objects.values_list("pk", "registration_id")),
        sorted(
            AuditEntry.objects.values_list(
                "pk", "actor_id", "target_repr", "summary", "data"
            ),
            key=lambda row: row[0],
        ),
    )


def test_the_daily_task_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["prune-past-registrations"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] == 24 * 60 * 60
    assert settings.REGISTRATION_RETENTION_DAYS == 730


def test_data_past_the_period_goes_and_within_it_stays():
    member = MemberProfileFactory(
        user__first_name="Bewaar", user__last_name="Termijn"
    ).user
    coordinator = UserFactory(first_name="Cor", last_name="Dinator")
    old = _registration(_ended(731, "Webinar Lang Geleden"), member, coordinator)
    recent = _registration(_ended(729, "Webinar Vorig Jaar"), member, coordinator)

    assert prune_past_registrations() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    # The past event keeps its count of who came, not who it was.
    assert (old.member, old.attended) == (None, True)
    assert (recent.member, recent.attended) == (member, True)
    assert not Reminder.objects.filter(registration=old).exists()
    assert Reminder.objects.filter(registration=recent).count() == 1
    # The member's download no longer lists the old event.
    titles = [row["event"] for row in member_export(user=member)["registrations"]]
    assert titles == ["Webinar Vorig Jaar"]
    # The log keeps what happened; the entries about the old place forget the
    # member (the coordinator's own decision keeps its coordinator).
    about_old = audit_entries_for(target=old)
    assert {entry.action for entry in about_old} == {
        "registration.attendance_set",
        "registration.messages_off",
    }
    for entry in about_old:
        assert "Bewaar Termijn" not in entry.target_repr
        assert "Webinar Lang Geleden" in entry.target_repr
        assert entry.actor in (None, coordinator)
    assert about_old.get(action="registration.messages_off").actor is None
    about_recent = audit_entries_for(target=recent)
    assert all("Bewaar Termijn" in entry.target_repr for entry in about_recent)
    pruned = AuditEntry.objects.get(action="event.registrations_pruned")
    assert pruned.target_id == str(old.event_id)
    assert pruned.data == {"registrations": 1, "retention_days": 730}


def test_running_twice_changes_nothing_more():
    member = MemberProfileFactory().user
    coordinator = UserFactory()
    _registration(_ended(800, "Oud"), member, coordinator)
    _registration(_ended(10, "Nieuw"), member, coordinator)
    prune_past_registrations()
    after_first = _state()

    assert prune_past_registrations() == 0

    assert _state() == after_first


def test_the_period_comes_from_the_settings(settings):
    settings.REGISTRATION_RETENTION_DAYS = 5
    member = MemberProfileFactory().user
    coordinator = UserFactory()
    registration = _registration(_ended(6, "Vorige week"), member, coordinator)

    assert prune_past_registrations() == 1

    registration.refresh_from_db()
    assert registration.member is None
