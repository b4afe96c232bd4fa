"""Background work of the leernetwerk: thin Celery entry points that call the
services. Tasks take ids and are safe to run twice."""

from celery import shared_task

from portal.jobs import MAIL_TASK_RETRY

from .services.coordination import coordinator_message_send
from .services.registrations import registration_mail_send
from .services.reminders import reminders_dispatch, reminders_send
from .services.retention import registrations_prune_past


@shared_task(name="network.tasks.send_registration_mail", **MAIL_TASK_RETRY)
def send_registration_mail(registration_id: int, kind: str) -> None:
    """Mail the member about their registration (confirmation, waitlist, ...)."""
    registration_mail_send(registration_id=registration_id, kind=kind)


@shared_task(name="network.tasks.dispatch_reminders")
def dispatch_reminders() -> int:
    """Every 30 seconds: claim the reminders that are due and send them once
    (the first chunk here, the others as ``send_reminders`` tasks)."""
    return reminders_dispatch()


@shared_task(name="network.tasks.send_reminders")
def send_reminders(reminder_ids: list[int]) -> int:
    """Send a chunk of claimed reminders over one connection to the mail
    server. A reminder that is no longer claimed (sent by an earlier run of
    this task) is skipped; a failed mail is retried by the dispatcher."""
    return reminders_send(reminder_ids=reminder_ids)


@shared_task(name="network.tasks.send_coordinator_message", **MAIL_TASK_RETRY)
def send_coordinator_message(registration_id: int, subject: str, body: str) -> bool:
    """Mail a coordinator's message to one participant, in an e-mail of their
    own. Returns False when the registration or its account no longer exists."""
    return coordinator_message_send(
        registration_id=registration_id, subject=subject, body=body
    )


@shared_task(name="network.tasks.prune_past_registrations")
def prune_past_registrations() -> int:
    """Daily: the registrations of events that ended longer ago than the
    retention period lose their member (see ``registrations_prune_past``).
    Takes no arguments and works from the database, so running it twice
    changes nothing more."""
    return registrations_prune_past()
