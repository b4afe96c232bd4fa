"""How long the leernetwerk keeps the personal data of past events.

A registration names its member. Once an event ended longer ago than
``settings.REGISTRATION_RETENTION_DAYS`` (two years by default) its
registrations lose their member: they stay as anonymous counts (how many
came), their reminders are deleted, and the audit entries about them forget
the member (``portal.audit.audit_forget_subjects``). Until then a member can
download their certificate of attendance and a coordinator can look back;
afterwards neither is possible. The daily task
``network.tasks.prune_past_registrations`` runs it (see docs/privacy.md).
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit import audit_forget_subjects, audit_record
from portal.models import User

from ..models import Event, Registration, Reminder

# What the audit log names a member by once the retention period has passed.
RETENTION_LABEL = gettext_lazy("(deelnemer, bewaartermijn verstreken)")
PRUNE_BATCH_SIZE = 500


def registration_retention_cutoff(*, now: datetime | None = None) -> datetime:
    """Registrations of events that ended before this moment are pruned."""
    return (now or timezone.now()) - timedelta(
        days=settings.REGISTRATION_RETENTION_DAYS
    )


def registrations_prune_past(*, now: datetime | None = None) -> int:
    """Remove the members from the registrations of events that ended
    before ``registration_retention_cutoff``; returns how many registrations
    lost their member. Works in batches, each in its own transaction, and
    records one audit entry per event. Safe to run twice: a pruned
    registration has no member, so it is not found again."""
    cutoff = registration_retention_cutoff(now=now)
    due = Registration.objects.filter(
        event__ends_at__lt=cutoff, member__isnull=False
    ).order_by("pk")
    pruned = 0
    while True:
        with transaction.atomic():
            batch = list(due.select_related("member", "event")[:PRUNE_BATCH_SIZE])
            if not batch:
                return pruned
            _prune(batch)
            pruned += len(batch)


def _prune(batch: list[Registration]) -> None:
    by_member: dict[User, list[Registration]] = defaultdict(list)
    by_event: dict[Event, int] = defaultdict(int)
    for registration in batch:
        if registration.member is not None:  # always: the query asks for it
            by_member[registration.member].append(registration)
        by_event[registration.event] += 1
    for member, registrations in by_member.items():
        audit_forget_subjects(
            user=member, subjects=registrations, label=str(RETENTION_LABEL)
        )
    ids = [registration.pk for registration in batch]
    Reminder.objects.filter(registration_id__in=ids).delete()
    Registration.objects.filter(pk__in=ids).update(
        member=None, updated_at=timezone.now()
    )
    for event, count in by_event.items():
        audit_record(
            actor=None,
            action="event.registrations_pruned",
            target=event,
            summary=_(
                "Na de bewaartermijn zijn de namen bij %(count)d aanmeldingen "
                "verwijderd."
            )
            % {"count": count},
            data={
                "registrations": count,
                "retention_days": settings.REGISTRATION_RETENTION_DAYS,
            },
        )
