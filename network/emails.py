"""E-mails of the leernetwerk, in Dutch, as text and HTML, all through
``portal.mail``: the mails about a registration (with the calendar file and
the cancel link) and a coordinator's message to a participant."""

from dataclasses import dataclass, field
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.mail import (
    Attachment,
    MailRenders,
    mail_build,
    mail_deliver,
    mail_send,
    site_url,
)

from .ics import calendar_content_type, events_calendar
from .models import Event, Registration
from .selectors.registrations import registration_waitlist_position
from .tokens import cancel_token, messages_token

# kind -> (subject, opening line, calendar: None, "publish" or "cancel",
#          show the meeting link)
MAILS = {
    "confirmed": (
        _("Aanmelding bevestigd: {title}"),
        _("U bent aangemeld. Uw plek is bevestigd."),
        "publish",
        True,
    ),
    "waitlisted": (
        _("Op de wachtlijst: {title}"),
        _(
            "De bijeenkomst is vol. U staat op de wachtlijst op plaats {position}. "
            "Komt er een plek vrij, dan krijgt u die automatisch en sturen wij u "
            "een e-mail."
        ),
        None,
        False,
    ),
    "promoted": (
        _("Er is een plek vrij: u bent aangemeld voor {title}"),
        _(
            "Goed nieuws: er kwam een plek vrij. U stond op de wachtlijst en uw "
            "plek is nu bevestigd."
        ),
        "publish",
        True,
    ),
    "cancelled": (
        _("Afmelding ontvangen: {title}"),
        _("U bent afgemeld. Jammer dat u er niet bij kunt zijn."),
        "cancel",
        False,
    ),
    "cancelled_by_organiser": (
        _("Afgemeld door de organisator: {title}"),
        _(
            "De organisator heeft uw aanmelding voor deze bijeenkomst geannuleerd. "
            "Heeft u vragen? Beantwoord dan deze e-mail."
        ),
        "cancel",
        False,
    ),
    "event_changed": (
        _("Gewijzigd: {title}"),
        _(
            "De bijeenkomst is gewijzigd. Hieronder staan de nieuwe gegevens; het "
            "agenda-bestand werkt uw agenda bij."
        ),
        "publish",
        True,
    ),
    "event_cancelled": (
        _("Gaat niet door: {title}"),
        _(
            "Helaas gaat deze bijeenkomst niet door. Het agenda-bestand haalt hem "
            "uit uw agenda."
        ),
        "cancel",
        False,
    ),
    # Reminders name the date rather than "in a week": one may go out later
    # than its ideal moment (an event moved, a dispatcher was down).
    "reminder_7d": (
        _("Herinnering: {title} op {date}"),
        _("Een herinnering aan de bijeenkomst waarvoor u bent aangemeld."),
        "publish",
        False,
    ),
    "reminder_1d": (
        _("Herinnering: {title} op {date}"),
        _(
            "Een herinnering aan de bijeenkomst waarvoor u bent aangemeld. Tot "
            "binnenkort!"
        ),
        "publish",
        False,
    ),
    "reminder_1h": (
        _("Begint zo: {title} om {time}"),
        _("De bijeenkomst waarvoor u bent aangemeld begint bijna."),
        "publish",
        True,
    ),
}


# The opening for someone on the waitlist, where the usual one promises a
# calendar file.
WAITLIST_OPENINGS = {
    "event_changed": _(
        "De bijeenkomst is gewijzigd. Hieronder staan de nieuwe gegevens. U staat "
        "op de wachtlijst op plaats {position}. Krijgt u een plek, dan sturen wij "
        "u een e-mail met een agenda-bestand."
    ),
}


def _reply_to(event: Event) -> list[str]:
    """Replies reach the organiser of the event, when it names one."""
    return [event.contact_email] if event.contact_email else []


@dataclass(frozen=True)
class _EventPart:
    """What a mail about a registration says about the event, the same for
    everyone with the same kind of mail and the same kind of place."""

    subject: str
    context: dict[str, Any]
    attachments: list[Attachment]


# (event id, kind of mail, confirmed place, waitlist position)
EventPartKey = tuple[int, str, bool, int | None]


@dataclass
class MailBatch:
    """What the mails of a batch (the reminders of a chunk) share: the event's
    part of each mail (subject, details, calendar file), made once per event
    and kind of mail, and each mail's rendering, made once for everyone it is
    the same for, with each participant's own name and cancel link filled in.
    A batch takes each event as it first met it."""

    event_parts: dict[EventPartKey, _EventPart] = field(default_factory=dict)
    renders: MailRenders = field(default_factory=MailRenders)


def _event_part(
    *, event: Event, kind: str, is_confirmed: bool, position: int | None
) -> _EventPart:
    subject_text, opening, calendar, show_link = MAILS[kind]
    starts_at = timezone.localtime(event.starts_at)
    if calendar == "publish" and not is_confirmed:
        # Only people with a place get the item in their calendar; someone on
        # the waitlist is not coming (yet).
        calendar = None
        opening = WAITLIST_OPENINGS.get(kind, opening)
    context = {
        "event": event,
        "opening": opening.format(position=position),
        "kind": kind,
        "starts_at": starts_at,
        "ends_at": timezone.localtime(event.ends_at),
        "event_url": site_url(event.get_absolute_url()),
        "show_meeting_link": show_link and is_confirmed and bool(event.online_url),
    }
    attachments = []
    if calendar:
        cancelled = calendar == "cancel"
        attachments.append(
            Attachment(
                filename="bijeenkomst.ics",
                # The meeting link belongs in the calendar item of someone
                # with a place (every update replaces the item, so each one
                # carries it), never in anyone else's.
                content=events_calendar(
                    [event], cancelled=cancelled, meeting_links=is_confirmed
                ),
                mimetype=calendar_content_type(cancelled=cancelled),
            )
        )
    subject = str(subject_text).format(
        title=event.title,
        date=date_format(starts_at, "l j F"),
        time=date_format(starts_at, "H:i"),
    )
    return _EventPart(subject=subject, context=context, attachments=attachments)


def send_registration_mail(
    *,
    registration: Registration,
    kind: str,
    connection: Any = None,
    batch: MailBatch | None = None,
) -> None:
    """Send the mail of ``kind`` about ``registration`` (raises on SMTP errors).

    A batch of mails (the reminders of a chunk) passes its ``connection`` to
    the mail server (``portal.mail.mail_connection``) and one ``batch`` to
    every mail.
    """
    message = registration_mail(
        registration=registration, kind=kind, connection=connection, batch=batch
    )
    if message is not None:
        mail_deliver(message, connection=connection)


def registration_mail(
    *,
    registration: Registration,
    kind: str,
    connection: Any = None,
    batch: MailBatch | None = None,
) -> EmailMultiAlternatives | None:
    """The mail of ``kind`` about ``registration``, ready to send (see
    :func:`send_registration_mail`); None when the member's account was
    deleted: nobody to write to."""
    event = registration.event
    member = registration.member
    if member is None:
        return None
    is_confirmed = registration.is_confirmed
    position = registration_waitlist_position(registration=registration)
    key = (event.pk, kind, is_confirmed, position)
    part = batch.event_parts.get(key) if batch is not None else None
    if part is None:
        part = _event_part(
            event=event, kind=kind, is_confirmed=is_confirmed, position=position
        )
        if batch is not None:
            batch.event_parts[key] = part
    # What differs from one participant to the next.
    personal = {
        "member_name": member.first_name or member.email,
        "cancel_url": (
            site_url(
                reverse(
                    "network:registration_cancel",
                    args=[cancel_token(registration=registration)],
                )
            )
            if registration.is_active and not event.is_cancelled
            else ""
        ),
    }
    return mail_build(
        to=[member.email],
        subject=part.subject,
        template="email/network/registration",
        context=part.context,
        personal=personal,
        renders=batch.renders if batch is not None else None,
        reply_to=_reply_to(event),
        attachments=part.attachments,
        connection=connection,
    )


def send_coordinator_message(
    *, registration: Registration, subject: str, body: str
) -> None:
    """Mail a coordinator's message to the participant of ``registration``, in
    an e-mail of their own (raises on SMTP errors)."""
    member = registration.member
    if member is None:  # the account was deleted; nobody to write to
        return
    event = registration.event
    # One click turns these messages off for this event (RFC 2369, 8058); the
    # mails about the member's place itself are not affected.
    messages_off_url = site_url(
        reverse(
            "network:messages_off", args=[messages_token(registration=registration)]
        )
    )
    mail_send(
        to=[member.email],
        subject=subject,
        template="email/network/coordinator_message",
        context={
            "event": event,
            "member": member,
            "body": body,
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at),
            "event_url": site_url(event.get_absolute_url()),
            "messages_off_url": messages_off_url,
        },
        reply_to=_reply_to(event),
        headers={
            "List-Unsubscribe": f"<{messages_off_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
