"""Data and triggers of the reminders benchmark (``bench/reminders.py``).

    manage.py bench_reminders prepare --count 10000 [--per-event 100]
    manage.py bench_reminders dispatch
    manage.py bench_reminders status

``prepare`` removes what an earlier run left and makes ``count`` members with
a confirmed place at events that start in 40 minutes, so each one's
hour-before reminder is due; the reminders of everything else that is due
now (the demo portal's events) are marked sent, so the run sends only the
benchmark's. ``dispatch`` hands the beat's task to the broker, as beat does.
``status`` prints the benchmark's reminders per status, as JSON.
"""

import json
from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from network.models import Event, Registration, Reminder
from network.services.reminders import REMINDER_WINDOWS
from portal.models import User

DOMAIN = "herinnering.bench.example"
SLUG_PREFIX = "bench-herinnering-"
DISPATCH_TASK = "network.tasks.dispatch_reminders"


class Command(BaseCommand):
    help = "Data and triggers of the reminders benchmark."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["prepare", "dispatch", "status"])
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--per-event", type=int, default=100)

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "prepare":
            self.prepare(count=options["count"], per_event=options["per_event"])
        elif action == "dispatch":
            from portal.celery import app

            app.send_task(DISPATCH_TASK)
        else:
            counts: dict[str, int] = {}
            for status in Reminder.objects.filter(
                registration__member__email__endswith=f"@{DOMAIN}"
            ).values_list("status", flat=True):
                counts[status] = counts.get(status, 0) + 1
            self.stdout.write(json.dumps(counts))

    @transaction.atomic
    def prepare(self, *, count: int, per_event: int) -> None:
        Event.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        User.objects.filter(email__endswith=f"@{DOMAIN}").delete()
        now = timezone.now()
        # Nothing else is due during the run: whatever the demo portal has in
        # a reminder window counts as sent.
        for kind, opens, closes in REMINDER_WINDOWS:
            Reminder.objects.bulk_create(
                [
                    Reminder(
                        registration_id=pk,
                        kind=kind,
                        event_starts_at=starts_at,
                        status=Reminder.Status.SENT,
                        sent_at=now,
                    )
                    for pk, starts_at in Registration.objects.filter(
                        event__starts_at__lte=now + opens + timedelta(hours=1),
                        event__starts_at__gt=now + closes,
                    ).values_list("pk", "event__starts_at")
                ],
                ignore_conflicts=True,
            )
        starts_at = (now + timedelta(minutes=40)).replace(second=0, microsecond=0)
        events = Event.objects.bulk_create(
            Event(
                title=f"Webinar herinneringen {number + 1}",
                slug=f"{SLUG_PREFIX}{number + 1}",
                kind=Event.Kind.WEBINAR,
                summary="Een webinar om de herinneringen te meten.",
                description="Gemaakt door de benchmark; wordt weer verwijderd.",
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=1),
                online_url="https://meet.example.org/bench",
                contact_email="organisator@example.org",
            )
            for number in range(-(-count // per_event))
        )
        no_password = make_password(None)  # the members cannot log in
        users = User.objects.bulk_create(
            (
                User(
                    email=f"deelnemer{number}@{DOMAIN}",
                    first_name=f"Deelnemer {number}",
                    password=no_password,
                )
                for number in range(count)
            ),
            batch_size=2_000,
        )
        confirmed_at = now - timedelta(days=10)
        Registration.objects.bulk_create(
            (
                Registration(
                    event=events[number // per_event],
                    member=user,
                    status=Registration.Status.CONFIRMED,
                    requested_at=confirmed_at,
                    confirmed_at=confirmed_at,
                )
                for number, user in enumerate(users)
            ),
            batch_size=2_000,
        )
        self.stdout.write(
            json.dumps({"events": len(events), "registrations": len(users)})
        )
