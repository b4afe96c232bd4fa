"""Background work of the leergang: thin entry points that call services.
Tasks take ids and are safe to run twice; mail tasks are retried with a
growing pause (``portal.jobs.MAIL_TASK_RETRY``)."""

from datetime import datetime

from celery import shared_task

from portal.jobs import MAIL_TASK_RETRY

from .services.applications import application_mail_send
from .services.invitations import team_member_send_invitation
from .services.reserve import application_place_free_notify


@shared_task(name="leergang.tasks.send_application_mail", **MAIL_TASK_RETRY)
def send_application_mail(application_id: int, kind: str) -> None:
    """Mail the applicant about their application (receipt or a decision)."""
    application_mail_send(application_id=application_id, kind=kind)


@shared_task(name="leergang.tasks.send_team_invitation", **MAIL_TASK_RETRY)
def send_team_invitation(team_member_id: int, requested_at: str | None = None) -> None:
    """Mail a team member their invitation. A member who was invited already
    is skipped, unless the coordinator asked again (``requested_at``, an ISO
    date-time) after the last invitation."""
    team_member_send_invitation(
        team_member_id=team_member_id,
        requested_at=datetime.fromisoformat(requested_at) if requested_at else None,
    )


@shared_task(name="leergang.tasks.send_place_free_mail", **MAIL_TASK_RETRY)
def send_place_free_mail(application_id: int) -> None:
    """Tell the coordinators that a place came free (once per withdrawal)."""
    application_place_free_notify(application_id=application_id)
