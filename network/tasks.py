"""Background work of the leernetwerk. Tasks take ids and are safe to run twice."""

from smtplib import SMTPException

from celery import shared_task


@shared_task(
    name="network.tasks.send_registration_mail",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_registration_mail(registration_id: int, kind: str) -> None:
    """Mail the member about their registration (confirmation, waitlist, ...)."""
    from .emails import send_registration_mail as send
    from .models import Registration

    registration = (
        Registration.objects.select_related("event", "member")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:  # deleted with the account in the meantime
        return
    send(registration=registration, kind=kind)


@shared_task(name="network.tasks.dispatch_reminders")
def dispatch_reminders() -> int:
    """Every minute: claim the reminders that are due and send them once."""
    from .services import reminders_dispatch

    return reminders_dispatch()
