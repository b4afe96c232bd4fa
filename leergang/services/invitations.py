"""Team invitations: accepting a municipality invites its team; each team
member gets a signed link by e-mail and joins the team with their own
account. The team member's row is locked for every change, so one invitation
is sent once and claimed by one account only."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.jobs import enqueue
from portal.locking import lock
from portal.models import User

from ..emails import send_invitation_mail
from ..exceptions import (
    AlreadyTeamMember,
    InvitationAlreadyUsed,
    InvitationEmailMismatch,
    InvitationNotActive,
    TeamMemberAlreadyJoined,
)
from ..models import Application, TeamMember
from ..selectors.invitations import user_has_verified_email

S = Application.Status

TEAM_INVITATION_TASK = "leergang.tasks.send_team_invitation"


def team_member_invitation_queue(
    *, team_member_id: int, requested_at: datetime | None = None
) -> None:
    """Send the invitation after commit (see ``team_member_send_invitation``)."""
    requested = requested_at.isoformat() if requested_at else None
    enqueue(TEAM_INVITATION_TASK, team_member_id, requested)


def _application_status(member: TeamMember) -> str:
    return (
        Application.objects.filter(pk=member.application_id)
        .values_list("status", flat=True)
        .get()
    )


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
    with transaction.atomic():
        member = lock(TeamMember, pk=team_member_id, missing_ok=True)
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
        audit_record(
            actor=None,
            action="invitation.sent",
            target=member,
            summary=_("%(name)s is uitgenodigd voor het team van gemeente %(place)s.")
            % {"name": member.name, "place": application.municipality.name},
            data={"email": member.email, "again": requested_at is not None},
        )
        return True


def team_member_resend_invitation(
    *, team_member: TeamMember, by: User, now: datetime | None = None
) -> TeamMember:
    """The coordinator sends a team member a new invitation (the old link
    keeps working until it expires)."""
    with transaction.atomic():
        member = lock(TeamMember, pk=team_member.pk)
        if _application_status(member) != S.ACCEPTED:
            raise InvitationNotActive
        if member.user_id is not None:
            raise TeamMemberAlreadyJoined
        requested_at = now or timezone.now()
        audit_record(
            actor=by,
            action="invitation.resent",
            target=member,
            summary=_("%(name)s krijgt een nieuwe uitnodiging.")
            % {"name": member.name},
            data={"email": member.email},
        )
        team_member_invitation_queue(
            team_member_id=member.pk, requested_at=requested_at
        )
    return member


def team_member_join(
    *, team_member: TeamMember, user: User, now: datetime | None = None
) -> TeamMember:
    """Link ``user``'s account to the team member, who then takes part in the
    cohort space.

    The team member's row is locked, so one invitation is claimed by one
    account only. The account needs a verified e-mail address equal to the
    invited one (case does not matter): a forwarded link is not enough."""
    with transaction.atomic():
        member = lock(TeamMember, pk=team_member.pk)
        status = _application_status(member)
        if member.user_id is not None:
            if member.user_id == user.pk:
                raise AlreadyTeamMember
            raise InvitationAlreadyUsed
        if status != S.ACCEPTED:
            raise InvitationNotActive
        if not user_has_verified_email(user=user, email=member.email):
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
        audit_record(
            actor=user,
            action="invitation.accepted",
            target=member,
            summary=_("%(name)s doet mee in het team.") % {"name": member.name},
            data={"email": member.email},
        )
        return member
