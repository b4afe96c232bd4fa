"""Reads for the coordinator's back office: event lists with seat counts,
attendee lists, exports, message recipients and certificates.

Attendee data is for coordinators only; the admin views check the permission
before they call anything here.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from portal.models import User

from ..models import Event, Registration, Reminder, ReminderKind
from .registrations import registration_list_for_event

# Audiences of "Bericht aan alle deelnemers".
AUDIENCE_CONFIRMED = "bevestigd"
AUDIENCE_WAITLIST = "wachtlijst"
AUDIENCE_BOTH = "beide"
AUDIENCE_STATUSES = {
    AUDIENCE_CONFIRMED: [Registration.Status.CONFIRMED],
    AUDIENCE_WAITLIST: [Registration.Status.WAITLISTED],
    AUDIENCE_BOTH: [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
}

DASHBOARD_LIMIT = 12


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.annotate(
        confirmed_count=Count(
            "registrations",
            filter=Q(registrations__status=Registration.Status.CONFIRMED),
        ),
        waitlist_count=Count(
            "registrations",
            filter=Q(registrations__status=Registration.Status.WAITLISTED),
        ),
    )


def event_admin_queryset() -> QuerySet[Event]:
    """All events (published or not) with their seat and waitlist counts."""
    return _with_counts(Event.objects.all())


def event_dashboard_list(*, limit: int = DASHBOARD_LIMIT) -> list[Event]:
    """The next upcoming, scheduled events with their counts, in one query."""
    return list(
        _with_counts(
            Event.objects.upcoming().filter(status=Event.Status.SCHEDULED)
        ).order_by("starts_at", "pk")[:limit]
    )


@dataclass(frozen=True)
class ReminderFailure:
    """A reminder the mail server did not take, for the coordinator to see."""

    registration: Registration
    kind: str  # "1 uur", "1 dag", ...
    error: str
    attempts: int
    # When it is tried again; None when the retries are used up.
    retry_at: datetime | None


@dataclass
class RegistrationOverview:
    """An event's registrations, split the way a coordinator reads them."""

    confirmed: list[Registration] = field(default_factory=list)
    # (position, registration), first in line first
    waitlist: list[tuple[int, Registration]] = field(default_factory=list)
    cancelled: list[Registration] = field(default_factory=list)
    # The reminders (for the event's current start) the mail server did not
    # take, soonest retry first.
    reminder_failures: list[ReminderFailure] = field(default_factory=list)


def registration_overview(
    *, event: Event, max_attempts: int = 0
) -> RegistrationOverview:
    """Confirmed, waitlisted (in queue order, with position) and cancelled
    registrations of ``event``, with profiles and each one's failed reminder
    (given up after ``max_attempts``), in one query."""
    overview = RegistrationOverview()
    failed = Reminder.objects.filter(
        registration=OuterRef("pk"),
        event_starts_at=event.starts_at,
        status=Reminder.Status.FAILED,
    ).order_by("-pk")
    registrations = registration_list_for_event(event=event).annotate(
        failed_kind=Subquery(failed.values("kind")[:1]),
        failed_error=Subquery(failed.values("last_error")[:1]),
        failed_attempts=Subquery(failed.values("attempts")[:1]),
        failed_retry_at=Subquery(failed.values("next_attempt_at")[:1]),
    )
    for registration in registrations:
        if registration.failed_kind:
            overview.reminder_failures.append(
                ReminderFailure(
                    registration=registration,
                    kind=str(ReminderKind(registration.failed_kind).label),
                    error=registration.failed_error,
                    attempts=registration.failed_attempts,
                    retry_at=(
                        registration.failed_retry_at
                        if registration.failed_attempts < max_attempts
                        else None
                    ),
                )
            )
        if registration.status == Registration.Status.CONFIRMED:
            overview.confirmed.append(registration)
        elif registration.status == Registration.Status.WAITLISTED:
            overview.waitlist.append((len(overview.waitlist) + 1, registration))
        else:
            overview.cancelled.append(registration)
    overview.reminder_failures.sort(
        key=lambda failure: (
            failure.retry_at is None,
            failure.retry_at or event.starts_at,
        )
    )
    return overview


@dataclass(frozen=True)
class ExportRow:
    name: str
    email: str
    organisation: str
    municipality: str
    role: str
    status: str
    requested_at: object  # aware datetime, shown in Europe/Amsterdam
    attended: str


EXPORT_HEADER = [
    "naam",
    "e-mail",
    "organisatie",
    "gemeente",
    "rol",
    "status",
    "aangemeld op",
    "aanwezig",
]

_STATUS_ORDER: dict[str, int] = {
    Registration.Status.CONFIRMED: 0,
    Registration.Status.WAITLISTED: 1,
    Registration.Status.CANCELLED: 2,
}


def registration_export_rows(*, event: Event) -> list[ExportRow]:
    """One row per registration of ``event``: confirmed first, then the
    waitlist in order, then cancellations."""
    rows = []
    registrations = sorted(
        registration_list_for_event(event=event),
        key=lambda r: _STATUS_ORDER.get(r.status, 3),
    )
    for registration in registrations:
        member = registration.member
        profile = getattr(member, "member_profile", None) if member else None
        if member is None:
            name, email = "(account verwijderd)", ""
        else:
            name = member.get_full_name().strip() or member.email
            email = member.email
        attended = {True: "ja", False: "nee", None: ""}[registration.attended]
        rows.append(
            ExportRow(
                name=name,
                email=email,
                organisation=profile.organisation_display if profile else "",
                municipality=(
                    profile.municipality.name
                    if profile and profile.municipality
                    else ""
                ),
                role=profile.get_role_display() if profile else "",
                status=str(registration.get_status_display()),
                requested_at=timezone.localtime(registration.requested_at),
                attended=attended,
            )
        )
    return rows


def registration_recipient_ids(*, event: Event, audience: str) -> list[int]:
    """Ids of the registrations of ``event`` that a message to ``audience``
    goes to: only those with an account, and not those who turned the
    coordinator's messages about this event off."""
    return list(
        Registration.objects.filter(
            event=event,
            status__in=AUDIENCE_STATUSES[audience],
            member__isnull=False,
            messages_off_at__isnull=True,
        )
        .order_by("requested_at", "pk")
        .values_list("pk", flat=True)
    )


def registration_for_certificate(
    *, slug: str, member: User | AnonymousUser
) -> Registration | None:
    """The member's attended registration for the past event ``slug``, or None."""
    if not member.is_authenticated:
        return None
    return (
        Registration.objects.select_related("event", "member")
        .filter(
            event__slug=slug,
            event__ends_at__lt=timezone.now(),
            event__status=Event.Status.SCHEDULED,
            member=member,
            status=Registration.Status.CONFIRMED,
            attended=True,
        )
        .first()
    )
