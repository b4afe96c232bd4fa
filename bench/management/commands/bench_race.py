"""Set up and check the registration race of the benchmark (target 5).

``bench_race setup --members 220``: members with a profile and a logged-in
session each, an event with 50 seats for the race and one with room for all
(the idle baseline); prints them as JSON.
``bench_race check --slug S``: how the registrations of event S ended, as JSON.
"""

import json
import secrets
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from network.models import Event, Registration
from tests.servers import members_with_sessions

DOMAIN = "race.bench.example"


class Command(BaseCommand):
    help = "Prepare or check the registration race of the benchmark."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["setup", "check"])
        parser.add_argument("--members", type=int, default=220)
        parser.add_argument("--seats", type=int, default=50)
        parser.add_argument("--slug", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "setup":
            result = setup(members=options["members"], seats=options["seats"])
        else:
            result = check(slug=options["slug"])
        self.stdout.write(json.dumps(result))


def _event(slug: str, title: str, capacity: int) -> Event:
    starts = (timezone.now() + timedelta(days=30)).replace(second=0, microsecond=0)
    return Event.objects.create(
        title=title,
        slug=slug,
        kind=Event.Kind.WEBINAR,
        summary="Een webinar voor de belastingproef.",
        description="Online, met vragen uit de zaal.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        location="Online",
        capacity=capacity,
        contact_email="leernetwerk@example.org",
    )


@transaction.atomic
def setup(*, members: int, seats: int) -> dict[str, Any]:
    run = secrets.token_hex(3)
    sessions = [
        key
        for _user, key in members_with_sessions(
            members, prefix=f"race-{run}", domain=DOMAIN
        )
    ]
    race = _event(f"belastingproef-{run}", "Belastingproef: 50 plaatsen", seats)
    idle = _event(f"nulmeting-{run}", "Belastingproef: nulmeting", members)
    return {"race": race.slug, "idle": idle.slug, "seats": seats, "sessions": sessions}


def check(*, slug: str) -> dict[str, Any]:
    event = Event.objects.get(slug=slug)
    registrations = Registration.objects.filter(event=event)
    waitlisted = list(
        registrations.filter(status=Registration.Status.WAITLISTED)
        .order_by("requested_at", "pk")
        .values_list("requested_at", flat=True)
    )
    confirmed = list(
        registrations.filter(status=Registration.Status.CONFIRMED).values_list(
            "requested_at", flat=True
        )
    )
    return {
        "capacity": event.capacity,
        "confirmed": len(confirmed),
        "waitlisted": len(waitlisted),
        "other": registrations.exclude(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        ).count(),
        # First come, first served: every confirmed place was asked for
        # before every waitlisted one.
        "in_order": not confirmed
        or not waitlisted
        or max(confirmed) <= min(waitlisted),
    }
