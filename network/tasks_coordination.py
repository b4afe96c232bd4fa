"""Background work of the coordinator's back office. Tasks take ids."""

from smtplib import SMTPException

from celery import shared_task


@shared_task(
    name="network.tasks_coordination.send_coordinator_message",
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_coordinator_message(registration_id: int, subject: str, body: str) -> bool:
    """Mail a coordinator's message to one participant, in an e-mail of their
    own. Returns False when the registration or its account no longer exists."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import timezone

    from .models import Registration

    registration = (
        Registration.objects.select_related("event", "member")
        .filter(pk=registration_id, member__isnull=False)
        .first()
    )
    if registration is None or registration.member is None:
        return False
    member = registration.member
    event = registration.event
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "event": event,
        "member": member,
        "subject": subject,
        "body": body,
        "starts_at": timezone.localtime(event.starts_at),
        "event_url": f"{base_url}{event.get_absolute_url()}",
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("email/network/coordinator_message.txt", context),
        to=[member.email],
        reply_to=[event.contact_email] if event.contact_email else None,
    )
    message.attach_alternative(
        render_to_string("email/network/coordinator_message.html", context),
        "text/html",
    )
    message.send()
    return True
