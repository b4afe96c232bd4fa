"""The reserve list: admitting from it when a place came free, telling the
coordinators about the free place, and carrying the list over to the next
edition."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.locking import lock
from portal.models import User

from ..emails import send_place_free_mail
from ..exceptions import CarryOverSameEdition, NotOnReserveList
from ..models import Application, Edition, TeamMember
from ..selectors.applications import coordinator_emails, edition_places_left
from ..selectors.reserve import application_get_withdrawn, application_reserve_list
from .applications import application_mail_queue
from .review import application_accept

S = Application.Status

logger = logging.getLogger(__name__)


def application_accept_from_reserve(
    *, application: Application, by: User, now: datetime | None = None
) -> Application:
    """Admit a municipality from the reserve list when a place came free.
    Refuses with ``NotOnReserveList`` when it is no longer on the list (it was
    admitted, declined or withdrew meanwhile), and with ``CohortFull`` when
    the place has been taken."""
    with transaction.atomic():
        lock(Edition, pk=application.edition_id)
        current = lock(Application, pk=application.pk)
        if current.status != S.RESERVE:
            raise NotOnReserveList(municipality=application.municipality.name)
        return application_accept(application=current, by=by, now=now)


def application_place_free_notify(*, application_id: int) -> bool:
    """Tell the coordinators that the accepted municipality of
    ``application_id`` withdrew and a place is free, naming the first on the
    reserve list; True when the mail went out.

    Sent once per withdrawal, and not at all when the place has been filled
    again in the meantime. The mail is claimed in the database first, so a
    second run (or a second worker) finds it claimed; a failed send gives the
    claim back for the retry."""
    application = application_get_withdrawn(pk=application_id)
    if application is None or application.withdrawn_at is None:
        return False
    edition = application.edition
    if edition_places_left(edition=edition) <= 0:
        return False
    recipients = coordinator_emails()
    if not recipients:
        return False
    claimed = Application.objects.filter(
        pk=application.pk, place_free_notified_at__isnull=True
    ).update(place_free_notified_at=timezone.now())
    if not claimed:
        return False
    try:
        send_place_free_mail(
            application=application,
            first_reserve=application_reserve_list(edition=edition).first(),
            to=recipients,
        )
    except Exception:
        Application.objects.filter(pk=application.pk).update(
            place_free_notified_at=None
        )
        raise
    return True


@dataclass(frozen=True)
class CarryOverResult:
    created: list[Application]
    skipped: list[Application]


def edition_carry_over_reserve(
    *, source: Edition, target: Edition, by: User, now: datetime | None = None
) -> CarryOverResult:
    """Copy every application on the reserve list of ``source`` into
    ``target`` as a new submission (contact, motivation, bouwopgaven,
    commitment and team), in reserve-list order, and mail each applicant.

    A municipality that already has an active application in ``target``, or
    whose reserve application was carried over to ``target`` before, is
    skipped, so running this twice changes nothing. Both editions are locked
    (in a fixed order) for the whole run."""
    if source.pk == target.pk:
        raise CarryOverSameEdition
    created: list[Application] = []
    skipped: list[Application] = []
    with transaction.atomic():
        for pk in sorted((source.pk, target.pk)):
            lock(Edition, pk=pk)
        now = now or timezone.now()
        reserve = list(
            application_reserve_list(edition=source).prefetch_related("team_members")
        )
        taken = set(
            Application.objects.filter(edition=target)
            .exclude(status__in=Application.INACTIVE_STATUSES)
            .values_list("municipality_id", flat=True)
        )
        carried = set(
            Application.objects.filter(
                edition=target, carried_over_from__in=[a.pk for a in reserve]
            ).values_list("carried_over_from_id", flat=True)
        )
        for original in reserve:
            if original.municipality_id in taken or original.pk in carried:
                skipped.append(original)
                continue
            copy = Application(
                edition=target,
                municipality_id=original.municipality_id,
                applicant_id=original.applicant_id,
                status=S.SUBMITTED,
                contact_name=original.contact_name,
                contact_email=original.contact_email,
                contact_phone=original.contact_phone,
                motivation=original.motivation,
                bouwopgaven=list(original.bouwopgaven),
                commitment_name=original.commitment_name,
                commitment_role=original.commitment_role,
                carried_over_from=original,
                submitted_at=now,
            )
            copy.full_clean(validate_unique=False, validate_constraints=False)
            try:
                with transaction.atomic():
                    copy.save()
            except IntegrityError:
                skipped.append(original)
                continue
            TeamMember.objects.bulk_create(
                TeamMember(
                    application=copy,
                    name=member.name,
                    email=member.email,
                    function=member.function,
                    domain=member.domain,
                    position=member.position,
                )
                for member in original.team_members.all()
            )
            taken.add(original.municipality_id)
            audit_record(
                actor=by,
                action="application.carried_over",
                target=copy,
                summary=_(
                    "De aanmelding van gemeente %(name)s is van de reservelijst "
                    "van %(source)s overgenomen naar %(target)s."
                )
                % {
                    "name": original.municipality.name,
                    "source": source.title,
                    "target": target.title,
                },
                data={"from_application": original.pk, "from_edition": source.pk},
            )
            application_mail_queue(application=copy, kind="carried_over")
            created.append(copy)
    logger.info(
        "Reserve list of edition %s carried over to edition %s by user %s: "
        "%d carried over, %d skipped",
        source.pk,
        target.pk,
        by.pk,
        len(created),
        len(skipped),
    )
    return CarryOverResult(created=created, skipped=skipped)
