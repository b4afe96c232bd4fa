"""Registrations under load, over HTTP, as in production: gunicorn with four
workers, PostgreSQL, and a real Celery worker that sends the mails.

Each round, 200 members post the registration form at the same moment for
an event with 50 seats: 50 places and 150 on the waitlist, in the order they
were served, and not one server error. Then 50 of them cancel (30 with a
place, 20 on the waitlist) at the same moment as 50 new members register:
never more places than seats, the freed places go to the waitlist in its
order, and each member who moved up gets one mail about it.

CI runs one round; ``make soak`` runs ten (``SOAK_ROUNDS``).
"""

from collections import Counter
from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone

from network.models import Event, Registration
from tests.network.factories import EventFactory
from tests.races import race
from tests.servers import gunicorn, members_with_sessions, post_form
from tests.soak import ROUNDS
from tests.workers import Worker, worker_fixture  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEATS = 50
CROWD = 200
CANCEL_CONFIRMED = 30
CANCEL_WAITLISTED = 20
NEWCOMERS = 50
PROMOTED_SUBJECT = "Er is een plek vrij"


def at_once(jobs: list) -> list:
    """Run the callables in ``jobs`` in threads released together; their
    results (in the order they came)."""
    results, errors = race(lambda job: job(), jobs)
    assert not errors, errors
    return results


def in_order(event: Event) -> bool:
    """First come, first served: every place was asked for before every
    waitlist place."""
    active = Registration.objects.filter(event=event)
    confirmed = active.filter(status=Registration.Status.CONFIRMED)
    waiting = active.filter(status=Registration.Status.WAITLISTED)
    latest_place = max(confirmed.values_list("requested_at", flat=True))
    return not waiting.exists() or latest_place <= min(
        waiting.values_list("requested_at", flat=True)
    )


def counts(event: Event) -> Counter[str]:
    return Counter(
        Registration.objects.filter(event=event).values_list("status", flat=True)
    )


def test_registrations_and_cancellations_at_once_over_http(worker, tmp_path):
    crowd = members_with_sessions(CROWD, prefix="menigte")
    newcomers = members_with_sessions(NEWCOMERS * ROUNDS, prefix="nieuw")
    worker.start(concurrency=2)
    with gunicorn(
        tmp_path / "gunicorn.log",
        workers=4,
        TEST_WORKER_MAIL_DIR=str(worker.mail_dir),
    ) as base:
        for round_number in range(ROUNDS):
            event = EventFactory(
                title=f"Drukte, ronde {round_number + 1}",
                capacity=SEATS,
                starts_at=timezone.now() + timedelta(days=20),
                ends_at=timezone.now() + timedelta(days=20, hours=2),
            )
            register = f"/agenda/{event.slug}/aanmelden/"
            unregister = f"/agenda/{event.slug}/afmelden/"

            answers = at_once(
                [
                    partial(post_form, base, register, session=session)
                    for _user, session in crowd
                ]
            )

            assert Counter(answers) == {302: CROWD}, (round_number, Counter(answers))
            assert counts(event) == {"bevestigd": SEATS, "wachtlijst": CROWD - SEATS}
            assert in_order(event)

            by_member = {
                r.member_id: r for r in Registration.objects.filter(event=event)
            }
            queue = sorted(
                (r for r in by_member.values() if r.status == "wachtlijst"),
                key=lambda r: (r.requested_at, r.pk),
            )
            placed = [
                (user, session)
                for user, session in crowd
                if by_member[user.pk].status == "bevestigd"
            ]
            waiting = {r.member_id for r in queue}
            leaving_waitlist = [
                (user, session) for user, session in crowd if user.pk in waiting
            ][:CANCEL_WAITLISTED]
            leaving = placed[:CANCEL_CONFIRMED] + leaving_waitlist
            arriving = newcomers[
                round_number * NEWCOMERS : (round_number + 1) * NEWCOMERS
            ]
            gone = {user.pk for user, _session in leaving}
            expected_promoted = [r.member_id for r in queue if r.member_id not in gone][
                :CANCEL_CONFIRMED
            ]

            answers = at_once(
                [
                    partial(post_form, base, unregister, session=session)
                    for _user, session in leaving
                ]
                + [
                    partial(post_form, base, register, session=session)
                    for _user, session in arriving
                ]
            )

            assert Counter(answers) == {302: len(leaving) + len(arriving)}
            after = counts(event)
            assert after["bevestigd"] == SEATS
            assert after["afgemeld"] == len(leaving)
            assert after["wachtlijst"] == CROWD - SEATS - CANCEL_WAITLISTED + (
                NEWCOMERS - CANCEL_CONFIRMED
            )
            assert in_order(event)
            promoted = set(
                Registration.objects.filter(
                    event=event,
                    status="bevestigd",
                    member_id__in=[r.member_id for r in queue],
                ).values_list("member_id", flat=True)
            )
            assert promoted == set(expected_promoted)

            # Everyone who moved up gets one mail about it, also a member
            # who moved up just before their own cancellation was served.
            moved_up = Registration.objects.filter(
                event=event,
                member_id__in=[r.member_id for r in queue],
                confirmed_at__isnull=False,
            ).values_list("member_id", flat=True)
            emails = {user.pk: user.email for user, _session in crowd}
            expected_mails = Counter(emails[pk] for pk in moved_up)
            assert len(expected_mails) >= CANCEL_CONFIRMED
            worker.wait_for(
                lambda event=event, expected=expected_mails: (
                    promotion_mails(worker, event) == expected
                ),
                "for one mail to each member who moved up",
                seen=lambda event=event: sum(promotion_mails(worker, event).values()),
                timeout=60,
            )


def promotion_mails(worker: Worker, event: Event) -> Counter[str]:
    return Counter(
        str(mail["To"])
        for mail in worker.mails()
        if str(mail["Subject"]).startswith(PROMOTED_SUBJECT)
        and event.title in str(mail["Subject"])
    )
