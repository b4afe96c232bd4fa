"""Writes with rules for the leergang: drafts, submissions, withdrawals and
the coordinator's decisions.

Every write locks the edition row first (``select_for_update``), so
applications of one edition are serialised: two coordinators accepting at the
same moment never admit more municipalities than the cohort size, and two
contacts of one municipality never make two active applications. E-mails go
out after commit, through a Celery task that takes the application's id.

Accepting a municipality invites its team: each team member gets a signed
link by e-mail and joins the team with their own account. When an accepted
municipality withdraws, the coordinators hear that a place came free and the
first on the reserve list is offered on the review pages. A reserve list can be
carried over to the next edition.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.taxonomy import Bouwopgave

from . import selectors
from .exceptions import (
    AlreadyTeamMember,
    ApplicationIncomplete,
    ApplicationNotEditable,
    ApplicationsClosed,
    CarryOverSameEdition,
    CohortFull,
    DeclineMessageRequired,
    DuplicateApplication,
    InvalidTransition,
    InvitationAlreadyUsed,
    InvitationEmailMismatch,
    InvitationNotActive,
    TeamMemberAlreadyJoined,
)
from .models import TEAM_MAX, TEAM_MIN, Application, Edition, TeamMember

S = Application.Status

logger = logging.getLogger(__name__)


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


def _queue_invitation(team_member_id: int, requested_at: datetime | None) -> None:
    from . import tasks

    requested = requested_at.isoformat() if requested_at else None
    transaction.on_commit(
        lambda: tasks.send_team_invitation.delay(team_member_id, requested)
    )


def _queue_place_free_mail(application_id: int) -> None:
    from . import tasks

    transaction.on_commit(lambda: tasks.send_place_free_mail.delay(application_id))


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
    Withdrawing twice changes nothing.

    When an accepted municipality withdraws, a place in the cohort comes free:
    the coordinators get an e-mail after commit, and the review pages offer
    the first on the reserve list (see ``selectors.edition_reserve_offer``)."""
    with transaction.atomic():
        _lock_edition(application.edition_id)
        application = _lock_application(application)
        if application.status == S.WITHDRAWN:
            return application
        if application.status == S.DECLINED:
            raise InvalidTransition
        was_accepted = application.status == S.ACCEPTED
        application.status = S.WITHDRAWN
        application.withdrawn_at = now or timezone.now()
        application.save(update_fields=["status", "withdrawn_at", "updated_at"])
        if was_accepted:
            _queue_place_free_mail(application.pk)
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
        if status == S.ACCEPTED:
            for member_id in application.team_members.values_list("pk", flat=True):
                _queue_invitation(member_id, None)
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


# --- Team invitations ---------------------------------------------------------


def team_member_send_invitation(
    *,
    team_member_id: int,
    requested_at: datetime | None = None,
    now: datetime | None = None,
) -> bool:
    """Mail the team member their invitation and set ``invited_at``; True
    when a mail went out.

    Safe to run twice: a member who was already invited is skipped, unless the
    coordinator asked for a new invitation (``requested_at``) after the last
    one. The mail is sent while the member's row is locked, so two workers
    running the same task cannot both send it; when sending fails, nothing is
    saved and the task tries again."""
    from .emails import send_invitation_mail

    with transaction.atomic():
        member = (
            TeamMember.objects.select_for_update().filter(pk=team_member_id).first()
        )
        if member is None or member.user_id is not None:
            return False
        if member.invited_at is not None and (
            requested_at is None or member.invited_at >= requested_at
        ):
            return False
        application = Application.objects.select_related("edition", "municipality").get(
            pk=member.application_id
        )
        if application.status != S.ACCEPTED:
            return False
        send_invitation_mail(team_member=member, application=application)
        member.invited_at = now or timezone.now()
        member.save(update_fields=["invited_at"])
        return True


def team_member_resend_invitation(
    *, team_member: TeamMember, by, now: datetime | None = None
) -> TeamMember:
    """The coordinator sends a team member a new invitation (the old link
    keeps working until it expires)."""
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().get(pk=team_member.pk)
        status = (
            Application.objects.filter(pk=member.application_id)
            .values_list("status", flat=True)
            .get()
        )
        if status != S.ACCEPTED:
            raise InvitationNotActive
        if member.user_id is not None:
            raise TeamMemberAlreadyJoined
        _queue_invitation(member.pk, now or timezone.now())
    logger.info(
        "Invitation of team member %s sent again by user %s",
        member.pk,
        getattr(by, "pk", None),
    )
    return member


def team_member_join(
    *, team_member: TeamMember, user, now: datetime | None = None
) -> TeamMember:
    """Link ``user``'s account to the team member, who then takes part in the
    cohort space.

    The team member's row is locked, so one invitation is claimed by one
    account only. The account needs a verified e-mail address equal to the
    invited one (case does not matter): a forwarded link is not enough."""
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().get(pk=team_member.pk)
        status = (
            Application.objects.filter(pk=member.application_id)
            .values_list("status", flat=True)
            .get()
        )
        if member.user_id is not None:
            if member.user_id == user.pk:
                raise AlreadyTeamMember
            raise InvitationAlreadyUsed
        if status != S.ACCEPTED:
            raise InvitationNotActive
        if not selectors.user_has_verified_email(user=user, email=member.email):
            raise InvitationEmailMismatch
        if TeamMember.objects.filter(
            application_id=member.application_id, user=user
        ).exists():
            raise AlreadyTeamMember
        member.user = user
        member.joined_at = now or timezone.now()
        try:
            with transaction.atomic():
                member.save(update_fields=["user", "joined_at"])
        except IntegrityError as exc:
            raise AlreadyTeamMember from exc
        return member


# --- Carrying a reserve list over ----------------------------------------------


@dataclass(frozen=True)
class CarryOverResult:
    created: list[Application]
    skipped: list[Application]


def edition_carry_over_reserve(
    *, source: Edition, target: Edition, by, now: datetime | None = None
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
            _lock_edition(pk)
        now = now or timezone.now()
        reserve = list(
            selectors.application_reserve_list(edition=source).prefetch_related(
                "team_members"
            )
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
            _queue_mail(copy.pk, "carried_over")
            created.append(copy)
    logger.info(
        "Reserve list of edition %s carried over to edition %s by user %s: "
        "%d carried over, %d skipped",
        source.pk,
        target.pk,
        getattr(by, "pk", None),
        len(created),
        len(skipped),
    )
    return CarryOverResult(created=created, skipped=skipped)
