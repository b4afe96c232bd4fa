"""Writes with rules for applying: drafts, submissions and withdrawals.

Every write locks the edition row first (``portal.locking.lock``), so the
applications of one edition are serialised: two contacts of one municipality
never make two active applications, and a withdrawal and an acceptance never
see the same free place. E-mails go out after commit, through a Celery task
that takes the application's id. When an accepted municipality withdraws, the
coordinators hear that a place came free (see ``services.reserve``).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Municipality
from portal.audit import audit_record
from portal.jobs import enqueue
from portal.locking import lock
from portal.models import User
from portal.taxonomy import Bouwopgave

from ..emails import send_application_mail
from ..exceptions import (
    ApplicationIncomplete,
    ApplicationNotEditable,
    ApplicationsClosed,
    DuplicateApplication,
    InvalidTransition,
)
from ..models import TEAM_MAX, TEAM_MIN, Application, Edition, TeamMember
from ..selectors.applications import application_get_for_mail

S = Application.Status

APPLICATION_MAIL_TASK = "leergang.tasks.send_application_mail"
PLACE_FREE_MAIL_TASK = "leergang.tasks.send_place_free_mail"


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


def application_mail_queue(*, application: Application, kind: str) -> None:
    """Mail the applicant about ``application`` once the transaction commits:
    a receipt (``submitted``, ``carried_over``) or a decision (the status)."""
    enqueue(APPLICATION_MAIL_TASK, application.pk, kind)


def application_mail_send(*, application_id: int, kind: str) -> None:
    """Send the mail of ``kind``; nothing when the application is gone.
    SMTP errors propagate, so the task tries again."""
    application = application_get_for_mail(pk=application_id)
    if application is None:
        return
    send_application_mail(application=application, kind=kind)


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
    municipality: Municipality,
    applicant: User,
    data: ApplicationData,
    now: datetime,
) -> Application:
    """Create or update the municipality's draft, under the edition lock."""
    if not edition.is_open(at=now):
        raise ApplicationsClosed
    _check_team_max(data)
    application = lock(
        Application.objects.filter(edition=edition, municipality=municipality).exclude(
            status__in=Application.INACTIVE_STATUSES
        ),
        missing_ok=True,
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
    municipality: Municipality,
    applicant: User,
    data: ApplicationData,
    now: datetime | None = None,
) -> Application:
    """Save the municipality's application as a draft; nothing is required
    beyond a contact person, and at most eight team members."""
    with transaction.atomic():
        edition = lock(Edition, pk=edition.pk)
        return _write(
            edition=edition,
            municipality=municipality,
            applicant=applicant,
            data=data,
            now=now or timezone.now(),
        )


def application_submit(
    *,
    edition: Edition,
    municipality: Municipality,
    applicant: User,
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
        edition = lock(Edition, pk=edition.pk)
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
        audit_record(
            actor=applicant,
            action="application.submitted",
            target=application,
            summary=_("Gemeente %(name)s heeft zich aangemeld voor %(edition)s.")
            % {"name": municipality.name, "edition": edition.title},
            data={"team_size": len(data.team)},
        )
        application_mail_queue(application=application, kind="submitted")
        return application


def application_withdraw(
    *,
    application: Application,
    by: User | None = None,
    now: datetime | None = None,
) -> Application:
    """Withdraw an application; the municipality may then apply anew.
    Withdrawing twice changes nothing.

    When an accepted municipality withdraws, a place in the cohort comes free:
    the coordinators get an e-mail after commit, and the review pages offer
    the first on the reserve list (see ``selectors.reserve``)."""
    with transaction.atomic():
        lock(Edition, pk=application.edition_id)
        application = lock(Application, pk=application.pk)
        if application.status == S.WITHDRAWN:
            return application
        if application.status == S.DECLINED:
            raise InvalidTransition
        previous = application.status
        application.status = S.WITHDRAWN
        application.withdrawn_at = now or timezone.now()
        application.save(update_fields=["status", "withdrawn_at", "updated_at"])
        audit_record(
            actor=by,
            action="application.withdrawn",
            target=application,
            summary=_("De aanmelding van gemeente %(name)s is ingetrokken.")
            % {"name": application.municipality.name},
            data={"from": previous},
        )
        if previous == S.ACCEPTED:
            enqueue(PLACE_FREE_MAIL_TASK, application.pk)
        return application
