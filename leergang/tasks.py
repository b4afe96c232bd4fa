"""Background work of the leergang. Tasks take ids and are safe to run twice."""

from smtplib import SMTPException

from celery import shared_task


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
        Application.objects.select_related("edition", "municipality", "applicant")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    send(application=application, kind=kind)
