"""Background work of the leergang. Tasks take ids and are safe to run twice."""

from datetime import datetime
from smtplib import SMTPException

from celery import shared_task

RETRY = {
    "autoretry_for": (SMTPException, ConnectionError, TimeoutError),
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "max_retries": 8,
}


@shared_task(
    name="leergang.tasks.send_application_mail",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_application_mail(application_id: int, kind: str) -> None:
    """Mail the applicant about their application (receipt or a decision)."""
    from .emails import send_application_mail as send
    from .models import Application

    application = (
        Application.objects.select_related(
            "edition", "municipality", "applicant", "carried_over_from__edition"
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    send(application=application, kind=kind)


@shared_task(name="leergang.tasks.send_team_invitation", **RETRY)
def send_team_invitation(team_member_id: int, requested_at: str | None = None) -> None:
    """Mail a team member their invitation. A member who was invited already
    is skipped, unless the coordinator asked again (``requested_at``, an ISO
    date-time) after the last invitation."""
    from .services import team_member_send_invitation

    team_member_send_invitation(
        team_member_id=team_member_id,
        requested_at=datetime.fromisoformat(requested_at) if requested_at else None,
    )


@shared_task(name="leergang.tasks.send_place_free_mail", **RETRY)
def send_place_free_mail(application_id: int) -> None:
    """Tell the coordinators that the accepted municipality of
    ``application_id`` withdrew and a place is free, naming the first on the
    reserve list. Sent once per withdrawal; not at all when the place has
    been filled again in the meantime."""
    from django.utils import timezone

    from . import selectors
    from .emails import send_place_free_mail as send
    from .models import Application

    application = (
        Application.objects.select_related("edition", "municipality")
        .filter(pk=application_id, status=Application.Status.WITHDRAWN)
        .first()
    )
    if application is None or application.withdrawn_at is None:
        return
    edition = application.edition
    if selectors.edition_places_left(edition=edition) <= 0:
        return
    recipients = selectors.coordinator_emails()
    if not recipients:
        return
    # Claim the mail in the database, so a second run (or a second worker)
    # finds it claimed; a failed send gives the claim back for the retry.
    claimed = Application.objects.filter(
        pk=application.pk, place_free_notified_at__isnull=True
    ).update(place_free_notified_at=timezone.now())
    if not claimed:
        return
    try:
        send(
            application=application,
            first_reserve=selectors.application_reserve_list(edition=edition).first(),
            to=recipients,
        )
    except Exception:
        Application.objects.filter(pk=application.pk).update(
            place_free_notified_at=None
        )
        raise
