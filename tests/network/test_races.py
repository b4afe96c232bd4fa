"""Registrations, cancellations and promotions racing in real threads against
PostgreSQL: the event row lock keeps every rule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from network.models import Registration
from network.selectors.events import event_seats
from network.services.registrations import registration_cancel, registration_create
from network.services.reminders import reminders_claim_due
from tests.network.factories import EventFactory, RegistrationFactory
from tests.portal.factories import UserFactory
from tests.races import _needs_postgresql, race  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

S = Registration.Status


def test_fifty_members_racing_for_ten_seats():
    event = EventFactory(capacity=10)
    members = UserFactory.create_batch(50)

    results, errors = race(
        lambda member: registration_create(event=event, member=member), members
    )

    assert errors == []
    assert len(results) == 50
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == 50
    assert registrations.filter(status=S.CONFIRMED).count() == 10
    waitlist = list(
        registrations.filter(status=S.WAITLISTED).order_by("requested_at", "pk")
    )
    assert len(waitlist) == 40
    # The confirmed ones asked first: nobody on the waitlist asked earlier.
    last_confirmed = max(
        r.requested_at for r in registrations.filter(status=S.CONFIRMED)
    )
    assert all(r.requested_at >= last_confirmed for r in waitlist)


def test_the_same_member_clicking_twenty_times_gets_one_registration():
    event = EventFactory(capacity=10)
    member = UserFactory()

    results, errors = race(
        lambda _n: registration_create(event=event, member=member), range(20)
    )

    assert errors == []
    assert {r.pk for r in results} == {results[0].pk}
    assert Registration.objects.filter(event=event).count() == 1


def test_concurrent_cancellations_promote_exactly_as_many_as_left():
    event = EventFactory(capacity=10)
    confirmed = [
        registration_create(event=event, member=m) for m in UserFactory.create_batch(10)
    ]
    waiting = [
        registration_create(event=event, member=m) for m in UserFactory.create_batch(15)
    ]
    leaving = confirmed[:6]

    _results, errors = race(
        lambda registration: registration_cancel(registration=registration), leaving
    )

    assert errors == []
    seats = event_seats(event=event)
    assert (seats.confirmed, seats.waitlisted) == (10, 9)
    promoted = Registration.objects.filter(
        pk__in=[r.pk for r in waiting], status=S.CONFIRMED
    )
    # The first six of the waitlist, in order, got the seats.
    assert sorted(promoted.values_list("pk", flat=True)) == [r.pk for r in waiting[:6]]


def test_cancellations_and_new_registrations_racing_never_overbook():
    event = EventFactory(capacity=5)
    confirmed = [
        registration_create(event=event, member=m) for m in UserFactory.create_batch(5)
    ]
    newcomers = UserFactory.create_batch(20)
    work = [("cancel", r) for r in confirmed[:3]] + [("join", m) for m in newcomers]

    def act(item):
        action, target = item
        if action == "cancel":
            return registration_cancel(registration=target)
        return registration_create(event=event, member=target)

    _results, errors = race(act, work)

    assert errors == []
    seats = event_seats(event=event)
    assert seats.confirmed == 5
    assert seats.waitlisted == 17


def test_two_dispatchers_claim_each_reminder_once():
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    for _ in range(30):
        RegistrationFactory(event=event, confirmed_at=start - timedelta(days=20))
    now = start - timedelta(hours=23)

    results, errors = race(lambda _n: reminders_claim_due(now=now), range(4))

    assert errors == []
    claimed = [pk for result in results for pk in result]
    assert len(claimed) == 30
    assert len(set(claimed)) == 30
