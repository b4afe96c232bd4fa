"""The coordinator's decisions on an application: accept, reserve, decline.

A decision locks the edition row, so two coordinators accepting at the same
moment never admit more municipalities than the cohort size. The applicant is
mailed after commit; accepting also invites the team (see
``services.invitations``). Every decision is kept in the audit log, not only
the last one that the application shows.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.locking import lock
from portal.models import User

from ..exceptions import CohortFull, DeclineMessageRequired, InvalidTransition
from ..models import Application, Edition
from .applications import application_mail_queue
from .invitations import team_member_invitation_queue

S = Application.Status

# status -> (audit action, summary)
DECISIONS = {
    S.ACCEPTED: ("application.accepted", _("Gemeente %(name)s is toegelaten.")),
    S.RESERVE: (
        "application.reserved",
        _("Gemeente %(name)s staat op de reservelijst."),
    ),
    S.DECLINED: ("application.declined", _("Gemeente %(name)s is afgewezen.")),
}


def _decide(
    *,
    application: Application,
    by: User,
    status: str,
    allowed_from: tuple[str, ...],
    message: str = "",
    now: datetime | None = None,
) -> Application:
    with transaction.atomic():
        edition = lock(Edition, pk=application.edition_id)
        application = lock(Application, pk=application.pk)
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
        previous = application.status
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
        action, summary = DECISIONS[S(status)]
        audit_record(
            actor=by,
            action=action,
            target=application,
            summary=summary % {"name": application.municipality.name},
            data={"from": previous, "to": status, "message": message},
        )
        application_mail_queue(application=application, kind=status)
        if status == S.ACCEPTED:
            for member_id in application.team_members.values_list("pk", flat=True):
                team_member_invitation_queue(team_member_id=member_id)
        return application


def application_accept(
    *,
    application: Application,
    by: User,
    message: str = "",
    now: datetime | None = None,
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
    *,
    application: Application,
    by: User,
    message: str = "",
    now: datetime | None = None,
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
    *,
    application: Application,
    by: User,
    message: str,
    now: datetime | None = None,
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
