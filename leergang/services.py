"""Writes with rules for the leergang: drafts, submissions, withdrawals and
the coordinator's decisions.

Every write locks the edition row first (``select_for_update``), so
applications of one edition are serialised: two coordinators accepting at the
same moment never admit more municipalities than the cohort size, and two
contacts of one municipality never make two active applications. E-mails go
out after commit, through a Celery task that takes the application's id.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.taxonomy import Bouwopgave

from .exceptions import (
    ApplicationIncomplete,
    ApplicationNotEditable,
    ApplicationsClosed,
    CohortFull,
    DeclineMessageRequired,
    DuplicateApplication,
    InvalidTransition,
)
from .models import TEAM_MAX, TEAM_MIN, Application, Edition, TeamMember

S = Application.Status


@dataclass(frozen=True)
class TeamMemberData:
    name: str
    email: str
    function: str
    domain: str


@dataclass(frozen=True)
class ApplicationData:
    contact_name: str
    contact_email: str
    contact_phone: str = ""
    motivation: str = ""
    bouwopgaven: list[int] = field(default_factory=list)
    commitment_name: str = ""
    commitment_role: str = ""
    team: list[TeamMemberData] = field(default_factory=list)


def _queue_mail(application_id: int, kind: str) -> None:
    from . import tasks

    transaction.on_commit(
        lambda: tasks.send_application_mail.delay(application_id, kind)
    )


def _lock_edition(edition_id: int) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition_id)


def _lock_application(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def application_missing(*, data: ApplicationData) -> dict[str, str]:
    """What a submission still lacks, as Dutch messages per field."""
    errors: dict[str, str] = {}
    if not data.motivation.strip():
        errors["motivation"] = _("Schrijf waarom uw gemeente wil meedoen.")
    if not data.bouwopgaven:
        errors["bouwopgaven"] = _(
            "Kies ten minste één bouwopgave waaraan uw team wil werken."
        )
    if not data.commitment_name.strip():
        errors["commitment_name"] = _(
            "Vul de naam in van de manager of wethouder die zich verbindt."
        )
    if not data.commitment_role.strip():
        errors["commitment_role"] = _(
            "Vul de functie in van de manager of wethouder, bijvoorbeeld "
            "'wethouder sociaal domein'."
        )
    size = len(data.team)
    if size < TEAM_MIN:
        errors["team"] = _(
            "Een team heeft ten minste %(min)d mensen. U heeft er nu %(size)d."
        ) % {"min": TEAM_MIN, "size": size}
    return errors


def _check_team_max(data: ApplicationData) -> None:
    if len(data.team) > TEAM_MAX:
        raise ApplicationIncomplete(
            {
                "team": _(
                    "Een team heeft ten hoogste %(max)d mensen. U heeft er nu %(size)d."
                )
                % {"max": TEAM_MAX, "size": len(data.team)}
            }
        )


def _write(
    *,
    edition: Edition,
    municipality,
    applicant,
    data: ApplicationData,
    now: datetime,
) -> Application:
    """Create or update the municipality's draft, under the edition lock."""
    if not edition.is_open(at=now):
        raise ApplicationsClosed
    _check_team_max(data)
    application = (
        Application.objects.select_for_update()
        .filter(edition=edition, municipality=municipality)
        .exclude(status__in=Application.INACTIVE_STATUSES)
        .first()
    )
    if application is None:
        application = Application(edition=edition, municipality=municipality)
    elif application.status != S.DRAFT:
        raise ApplicationNotEditable
    application.applicant = applicant
    application.contact_name = data.contact_name
    application.contact_email = data.contact_email
    application.contact_phone = data.contact_phone
    application.motivation = data.motivation
    application.bouwopgaven = sorted({Bouwopgave(n).value for n in data.bouwopgaven})
    application.commitment_name = data.commitment_name
    application.commitment_role = data.commitment_role
    application.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise DuplicateApplication from exc
    application.team_members.all().delete()
    members = [
        TeamMember(
            application=application,
            name=member.name,
            email=member.email,
            function=member.function,
            domain=member.domain,
            position=position,
        )
        for position, member in enumerate(data.team)
    ]
    for member in members:
        member.full_clean(exclude=["application"])
    TeamMember.objects.bulk_create(members)
    return application


def application_save_draft(
    *,
    edition: Edition,
    municipality,
    applicant,
    data: ApplicationData,
    now: datetime | None = None,
) -> Application:
    """Save the municipality's application as a draft; nothing is required
    beyond a contact person, and at most eight team members."""
    with transaction.atomic():
        edition = _lock_edition(edition.pk)
        now = now or timezone.now()
        return _write(
            edition=edition,
            municipality=municipality,
            applicant=applicant,
            data=data,
            now=now,
        )


def application_submit(
    *,
    edition: Edition,
    municipality,
    applicant,
    data: ApplicationData,
    now: datetime | None = None,
) -> Application:
    """Submit the municipality's application; it must be complete (a team of
    three to eight, motivation, bouwopgaven and the commitment of a manager or
    alderman). Mails a receipt."""
    errors = application_missing(data=data)
    if errors:
        raise ApplicationIncomplete(errors)
    with transaction.atomic():
        edition = _lock_edition(edition.pk)
        now = now or timezone.now()
        application = _write(
            edition=edition,
            municipality=municipality,
            applicant=applicant,
            data=data,
            now=now,
        )
        application.status = S.SUBMITTED
        application.submitted_at = now
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        _queue_mail(application.pk, "submitted")
        return application


def application_withdraw(
    *, application: Application, now: datetime | None = None
) -> Application:
    """Withdraw an application; the municipality may then apply anew.
    Withdrawing twice changes nothing."""
    with transaction.atomic():
        _lock_edition(application.edition_id)
        application = _lock_application(application)
        if application.status == S.WITHDRAWN:
            return application
        if application.status == S.DECLINED:
            raise InvalidTransition
        application.status = S.WITHDRAWN
        application.withdrawn_at = now or timezone.now()
        application.save(update_fields=["status", "withdrawn_at", "updated_at"])
        return application


def _decide(
    *,
    application: Application,
    by,
    status: str,
    allowed_from: tuple[str, ...],
    message: str = "",
    now: datetime | None = None,
) -> Application:
    with transaction.atomic():
        edition = _lock_edition(application.edition_id)
        application = _lock_application(application)
        if application.status == status:
            return application
        if application.status not in allowed_from:
            raise InvalidTransition
        if status == S.ACCEPTED:
            accepted = Application.objects.filter(
                edition=edition, status=S.ACCEPTED
            ).count()
            if accepted >= edition.cohort_size:
                raise CohortFull
        application.status = status
        application.decided_by = by
        application.decided_at = now or timezone.now()
        application.decision_message = message
        application.save(
            update_fields=[
                "status",
                "decided_by",
                "decided_at",
                "decision_message",
                "updated_at",
            ]
        )
        _queue_mail(application.pk, status)
        return application


def application_accept(
    *, application: Application, by, message: str = "", now: datetime | None = None
) -> Application:
    """Admit the municipality to the cohort; refuses with ``CohortFull`` when
    the edition already has ``cohort_size`` accepted municipalities."""
    return _decide(
        application=application,
        by=by,
        status=S.ACCEPTED,
        allowed_from=(S.SUBMITTED, S.RESERVE),
        message=message,
        now=now,
    )


def application_reserve(
    *, application: Application, by, message: str = "", now: datetime | None = None
) -> Application:
    """Put the application on the reserve list."""
    return _decide(
        application=application,
        by=by,
        status=S.RESERVE,
        allowed_from=(S.SUBMITTED, S.ACCEPTED),
        message=message,
        now=now,
    )


def application_decline(
    *, application: Application, by, message: str, now: datetime | None = None
) -> Application:
    """Decline the application, with a message for the municipality."""
    if not message.strip():
        raise DeclineMessageRequired
    return _decide(
        application=application,
        by=by,
        status=S.DECLINED,
        allowed_from=(S.SUBMITTED, S.RESERVE, S.ACCEPTED),
        message=message.strip(),
        now=now,
    )
