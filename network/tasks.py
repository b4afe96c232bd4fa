"""Background work of the leernetwerk: thin Celery entry points that call the
services. Tasks take ids and are safe to run twice."""

from smtplib import SMTPException

from celery import shared_task

from .services.coordination import coordinator_message_send
from .services.registrations import registration_mail_send
from .services.reminders import reminders_dispatch

MAIL_RETRY = {
    "autoretry_for": (SMTPException, ConnectionError, TimeoutError),
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "max_retries": 8,
}


@shared_task(name="network.tasks.send_registration_mail", **MAIL_RETRY)
def send_registration_mail(registration_id: int, kind: str) -> None:
    """Mail the member about their registration (confirmation, waitlist, ...)."""
    registration_mail_send(registration_id=registration_id, kind=kind)


@shared_task(name="network.tasks.dispatch_reminders")
def dispatch_reminders() -> int:
    """Every 30 seconds: claim the reminders that are due and send them once."""
    return reminders_dispatch()


@shared_task(name="network.tasks.send_coordinator_message", **MAIL_RETRY)
def send_coordinator_message(registration_id: int, subject: str, body: str) -> bool:
    """Mail a coordinator's message to one participant, in an e-mail of their
    own. Returns False when the registration or its account no longer exists."""
    return coordinator_message_send(
        registration_id=registration_id, subject=subject, body=body
    )
