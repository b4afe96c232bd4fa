"""Reads of team invitations: the signed link and the invited team member."""

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.core import signing

from portal.models import User

from ..exceptions import InvitationExpired, InvitationInvalid
from ..models import TeamMember

INVITATION_SALT = "leergang.team-invitation"
INVITATION_MAX_AGE = timedelta(days=60)


def user_has_verified_email(*, user: User, email: str) -> bool:
    """True when ``email`` (in any case) is a verified address of ``user``."""
    return EmailAddress.objects.filter(
        user=user, email__iexact=email.strip(), verified=True
    ).exists()


def team_member_get_for_review(*, pk: int) -> TeamMember:
    return TeamMember.objects.select_related("application").get(pk=pk)


def team_member_invitation_token(*, team_member: TeamMember) -> str:
    """A signed token for the team member's invitation link, bound to the
    member and the invited address (a changed address voids old links)."""
    return signing.dumps(
        {"m": team_member.pk, "e": team_member.email.strip().lower()},
        salt=INVITATION_SALT,
    )


def team_member_for_invitation(
    *, token: str, max_age: timedelta = INVITATION_MAX_AGE
) -> TeamMember:
    """The team member a token invites; ``InvitationExpired`` or
    ``InvitationInvalid`` when the link is too old or was changed."""
    try:
        payload: Any = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise InvitationExpired from exc
    except signing.BadSignature as exc:
        raise InvitationInvalid from exc
    if not isinstance(payload, dict):
        raise InvitationInvalid
    pk, email = payload.get("m"), payload.get("e")
    if not isinstance(pk, int) or not isinstance(email, str):
        raise InvitationInvalid
    member = (
        TeamMember.objects.select_related(
            "application__edition", "application__municipality", "user"
        )
        .filter(pk=pk)
        .first()
    )
    if member is None or member.email.strip().lower() != email:
        raise InvitationInvalid
    return member
