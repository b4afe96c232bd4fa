"""The rules of registering, the waitlist and cancelling
(network.services.registrations and network.services.events)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from network.exceptions import (
    EventCancelled,
    EventStarted,
    RegistrationClosed,
    RegistrationNotOpenYet,
)
from network.models import Event, Registration
from network.selectors.events import event_seats
from network.selectors.registrations import registration_waitlist_position
from network.services.events import EventSnapshot, event_cancel, event_save
from network.services.registrations import (
    CancelledBy,
    registration_cancel,
    registration_create,
)
from tests.network.factories import EventFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Registration.Status


def register(event, n=1):
    return [registration_create(event=event, member=UserFactory()) for _ in range(n)]


def test_first_come_first_served_then_the_waitlist_in_order(mailoutbox, on_commit):
    event = EventFactory(capacity=2)

    with on_commit():
        first, second, third, fourth = register(event, 4)

    assert [r.status for r in (first, second, third, fourth)] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITLISTED,
        S.WAITLISTED,
    ]
    assert registration_waitlist_position(registration=third) == 1
    assert registration_waitlist_position(registration=fourth) == 2
    seats = event_seats(event=event)
    assert (seats.confirmed, seats.waitlisted, seats.free) == (2, 2, 0)
    assert [m.subject.split(":")[0] for m in mailoutbox] == [
        "Aanmelding bevestigd", "Aanmelding bevestigd",
        "Op de wachtlijst", "Op de wachtlijst",
    ]  # fmt: skip


def test_unlimited_event_confirms_everyone():
    event = EventFactory(capacity=None)

    registrations = register(event, 25)

    assert {r.status for r in registrations} == {S.CONFIRMED}


def test_registering_twice_keeps_one_registration_and_sends_one_mail(
    mailoutbox, on_commit
):
    event = EventFactory()
    member = UserFactory()

    with on_commit():
        first = registration_create(event=event, member=member)
        again = registration_create(event=event, member=member)

    assert again.pk == first.pk
    assert Registration.objects.filter(event=event, member=member).count() == 1
    assert len(mailoutbox) == 1


def test_cancelling_frees_the_seat_for_the_first_on_the_waitlist(mailoutbox, on_commit):
    event = EventFactory(capacity=1)
    confirmed, waiting_1, waiting_2 = register(event, 3)

    with on_commit():
        registration_cancel(registration=confirmed)

    statuses = {r.pk: r.status for r in Registration.objects.filter(event=event)}
    assert statuses == {
        confirmed.pk: S.CANCELLED,
        waiting_1.pk: S.CONFIRMED,
        waiting_2.pk: S.WAITLISTED,
    }
    waiting_2.refresh_from_db()
    assert registration_waitlist_position(registration=waiting_2) == 1
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects[confirmed.member.email].startswith("Afmelding ontvangen")
    assert subjects[waiting_1.member.email].startswith("Er is een plek vrij")
    assert waiting_2.member.email not in subjects


def test_leaving_the_waitlist_promotes_nobody():
    event = EventFactory(capacity=1)
    confirmed, waiting = register(event, 2)

    registration_cancel(registration=waiting)

    confirmed.refresh_from_db()
    assert confirmed.status == S.CONFIRMED
    assert event_seats(event=event).waitlisted == 0


def test_cancelling_twice_changes_nothing(mailoutbox, on_commit):
    event = EventFactory(capacity=1)
    confirmed, _waiting = register(event, 2)
    registration_cancel(registration=confirmed)

    with on_commit():
        registration_cancel(registration=confirmed)

    assert mailoutbox == []
    assert event_seats(event=event).confirmed == 1


def test_registering_again_after_cancelling_joins_the_end_of_the_queue():
    event = EventFactory(capacity=1)
    member = UserFactory()
    mine = registration_create(event=event, member=member)
    registration_cancel(registration=mine)  # nobody waiting: seat is free
    other = registration_create(event=event, member=UserFactory())

    again = registration_create(event=event, member=member)

    assert again.pk == mine.pk
    assert again.status == S.WAITLISTED
    assert other.status == S.CONFIRMED


def test_closed_registration_is_refused_in_dutch():
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(hours=1))

    with pytest.raises(RegistrationClosed) as error:
        registration_create(event=event, member=UserFactory())

    assert str(error.value) == "Aanmelden voor deze bijeenkomst is gesloten."
    assert not Registration.objects.exists()


def test_registration_that_has_not_opened_is_refused():
    event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=1))

    with pytest.raises(RegistrationNotOpenYet):
        registration_create(event=event, member=UserFactory())


def test_started_event_refuses_registration():
    start = timezone.now() - timedelta(minutes=5)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))

    with pytest.raises(RegistrationClosed):
        registration_create(event=event, member=UserFactory())


def test_cancelled_event_refuses_registration():
    event = EventFactory(status=Event.Status.CANCELLED)

    with pytest.raises(EventCancelled):
        registration_create(event=event, member=UserFactory())


def test_moving_an_event_bumps_the_sequence_and_mails_the_participants(
    mailoutbox, on_commit
):
    event = EventFactory(capacity=1)
    confirmed, waiting = register(event, 2)
    before = EventSnapshot.of(event)

    event.starts_at += timedelta(days=1)
    event.ends_at += timedelta(days=1)
    with on_commit():
        event_save(event=event, before=before)

    event.refresh_from_db()
    assert event.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [confirmed.member.email, waiting.member.email]
    )
    assert all(m.subject.startswith("Gewijzigd") for m in mailoutbox)


def test_a_new_title_alone_sends_no_change_mail(mailoutbox, on_commit):
    event = EventFactory()
    register(event)
    before = EventSnapshot.of(event)

    event.title = "Kennisatelier (nieuwe titel)"
    with on_commit():
        event_save(event=event, before=before)

    event.refresh_from_db()
    assert event.sequence == 0
    assert mailoutbox == []


def test_more_seats_promote_the_waitlist():
    event = EventFactory(capacity=1)
    _confirmed, waiting_1, waiting_2 = register(event, 3)
    before = EventSnapshot.of(event)

    event.capacity = 2
    event_save(event=event, before=before)

    waiting_1.refresh_from_db()
    waiting_2.refresh_from_db()
    assert (waiting_1.status, waiting_2.status) == (S.CONFIRMED, S.WAITLISTED)


def test_cancelling_an_event_tells_everyone_with_a_calendar_cancellation(
    mailoutbox, on_commit
):
    event = EventFactory(capacity=1)
    register(event, 2)

    with on_commit():
        event_cancel(event=event)

    event.refresh_from_db()
    assert event.is_cancelled
    assert event.sequence == 1
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        assert mail.subject.startswith("Gaat niet door")
        (_name, content, mimetype) = mail.attachments[0]
        assert "METHOD:CANCEL" in content
        assert "method=CANCEL" in mimetype


def test_an_event_must_end_after_it_starts():
    from django.core.exceptions import ValidationError

    event = EventFactory.build(slug="x")
    event.ends_at = event.starts_at - timedelta(hours=1)

    with pytest.raises(ValidationError) as error:
        event_save(event=event)

    assert "Het einde moet na het begin liggen." in str(error.value)
    assert not Event.objects.filter(slug="x").exists()


def test_a_coordinator_cancelling_sends_the_organisers_wording(mailoutbox, on_commit):
    event = EventFactory()
    [registration] = register(event)

    with on_commit():
        registration_cancel(registration=registration, by=CancelledBy.COORDINATOR)

    [mail] = mailoutbox
    assert mail.subject.startswith("Afgemeld door de organisator")
    assert "De organisator heeft uw aanmelding" in mail.body
    assert "Jammer dat u er niet bij kunt zijn" not in mail.body


def test_once_the_event_began_only_the_organiser_can_cancel(mailoutbox, on_commit):
    event = EventFactory(capacity=1)
    mine, waiting = register(event, 2)
    began = event.starts_at + timedelta(minutes=5)

    with on_commit(), pytest.raises(EventStarted):
        registration_cancel(registration=mine, now=began)
    mine.refresh_from_db()
    assert mine.status == S.CONFIRMED
    assert mailoutbox == []

    with on_commit():
        registration_cancel(registration=mine, now=began, by=CancelledBy.COORDINATOR)
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, waiting.status) == (S.CANCELLED, S.WAITLISTED)
    assert [m.subject.split(":")[0] for m in mailoutbox] == [
        "Afgemeld door de organisator"
    ]


def test_a_coordinator_cancels_a_place_in_the_back_office_during_the_event(
    client, make_user
):
    from django.urls import reverse

    from portal.roles import Role

    start = timezone.now() - timedelta(minutes=10)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    registration = Registration.objects.create(
        event=event, member=UserFactory(), status=S.CONFIRMED, confirmed_at=start
    )
    client.force_login(make_user(Role.COORDINATOR))

    client.post(
        reverse("network_admin:registration_cancel", args=[event.pk, registration.pk])
    )

    registration.refresh_from_db()
    assert registration.status == S.CANCELLED


def test_editing_a_cancelled_event_mails_nobody(mailoutbox, on_commit):
    event = EventFactory()
    register(event, 2)
    event_cancel(event=event)
    before = EventSnapshot.of(event)

    event.starts_at += timedelta(days=7)
    event.ends_at += timedelta(days=7)
    with on_commit():
        event_save(event=event, before=before)

    assert mailoutbox == []
