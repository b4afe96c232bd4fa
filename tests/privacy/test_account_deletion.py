"""Deleting one's account removes the personal data everywhere: no text
column of any table holds the address, the name or the IP address of a
session afterwards, places at upcoming events go to the waitlist, no
reminder goes out any more, and the audit log keeps the decisions without
the person."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from network.models import Registration, Reminder
from network.services.registrations import registration_create
from network.services.reminders import reminders_dispatch, reminders_send
from portal.models import AuditEntry, User
from portal.selectors import audit_entries_for
from tests.network.factories import EventFactory, MemberProfileFactory
from tests.portal.factories import PASSWORD

from .people import EMAIL, FULL_NAME, SECOND_EMAIL, SESSION_IP, leaver_create
from .walk import find_text

pytestmark = pytest.mark.django_db


def _delete_through_the_page(client, user, capture):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(
            reverse("network:account_delete"), {"password": PASSWORD}
        )
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


def test_no_table_holds_the_address_or_the_name_after_deletion(
    client, django_capture_on_commit_callbacks
):
    leaver = leaver_create()
    # The walk sees her wherever she is (else it could not fail).
    tables = {
        hit.table for hit in find_text(EMAIL, SECOND_EMAIL, FULL_NAME, SESSION_IP)
    }
    assert {
        "portal_user",
        "account_emailaddress",
        "usersessions_usersession",
        "portal_auditentry",
        "network_reminder",
        "leergang_application",
        "leergang_teammember",
        "knowledge_reviewreminder",
        "wagtailcore_modellogentry",
    } <= tables

    _delete_through_the_page(client, leaver.user, django_capture_on_commit_callbacks)

    assert find_text(EMAIL, SECOND_EMAIL, FULL_NAME, SESSION_IP) == []
    # What she was part of stays, without her: the team keeps a place, the
    # application its contents, the past event its count of who came.
    past = Registration.objects.get(pk=leaver.past_registration.pk)
    assert (past.member, past.status, past.attended) == (None, "bevestigd", True)


def test_the_next_on_the_waitlist_gets_the_place_and_one_mail(
    client, django_capture_on_commit_callbacks
):
    leaver = leaver_create()
    mail.outbox.clear()

    _delete_through_the_page(client, leaver.user, django_capture_on_commit_callbacks)

    cancelled = Registration.objects.get(event=leaver.upcoming, member=None)
    assert cancelled.status == Registration.Status.CANCELLED
    promoted = Registration.objects.get(event=leaver.upcoming, member=leaver.waiting)
    assert promoted.status == Registration.Status.CONFIRMED
    to_waiting = [m for m in mail.outbox if m.to == [leaver.waiting.email]]
    assert [m.subject for m in to_waiting] == [
        "Er is een plek vrij: u bent aangemeld voor Kennisatelier Toekomst"
    ]


def test_no_reminder_goes_out_after_deletion(
    client, django_capture_on_commit_callbacks
):
    leaver = leaver_create()
    _delete_through_the_page(client, leaver.user, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    # The reminder that was claimed for her, and the next dispatcher run
    # (the event is in its one-day window).
    assert reminders_send(reminder_ids=[leaver.pending_reminder.pk]) == 0
    reminders_dispatch(now=timezone.now())

    assert not Reminder.objects.filter(
        registration__in=[
            leaver.past_registration.pk,
            leaver.pending_reminder.registration_id,
        ]
    ).exists()
    recipients = [m.to for m in mail.outbox]
    # The member who took her place is reminded; she is not.
    assert recipients == [[leaver.waiting.email]]


def test_the_log_keeps_the_decisions_but_not_the_person(
    client, django_capture_on_commit_callbacks
):
    leaver = leaver_create()
    user_pk = leaver.user.pk
    by_her = list(
        AuditEntry.objects.filter(actor=leaver.user).values_list("pk", flat=True)
    )
    before = set(AuditEntry.objects.values_list("pk", "action"))

    _delete_through_the_page(client, leaver.user, django_capture_on_commit_callbacks)

    after = set(AuditEntry.objects.values_list("pk", "action"))
    assert before <= after  # nothing lost; her cancellation was added
    pseudonyms = {
        entry.data["actor"] for entry in AuditEntry.objects.filter(pk__in=by_her)
    }
    assert len(pseudonyms) == 1  # one unknown person took these decisions
    assert pseudonyms.pop().startswith("verwijderd-")
    attendance = AuditEntry.objects.get(action="registration.attendance_set")
    assert attendance.actor == leaver.coordinator  # the coordinator's own
    assert attendance.target_repr == "(account verwijderd): Webinar Verleden"
    assert not PageLogEntry.objects.filter(user_id=user_pk).exists()
    account_log = ModelLogEntry.objects.get(object_id=str(user_pk))
    assert account_log.label == "(account verwijderd)"


def test_a_namesake_keeps_their_name(client, django_capture_on_commit_callbacks):
    leaver = leaver_create()
    namesake = MemberProfileFactory(
        user__first_name="Fenna", user__last_name="Vertrekker"
    ).user
    registration = registration_create(event=EventFactory(), member=namesake)

    _delete_through_the_page(client, leaver.user, django_capture_on_commit_callbacks)

    entry = audit_entries_for(target=registration).get()
    assert entry.target_repr.startswith(FULL_NAME)
    assert entry.actor == namesake
