"""E-mails about registrations, in Dutch, as text and HTML, with the calendar
file and the cancel link."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .ics import events_calendar
from .models import Registration
from .tokens import cancel_token

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


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def send_registration_mail(*, registration: Registration, kind: str) -> None:
    """Send the mail of ``kind`` about ``registration`` (raises on SMTP errors)."""
    from .selectors import registration_waitlist_position

    subject_text, opening, calendar, show_link = MAILS[kind]
    event = registration.event
    member = registration.member
    if member is None:  # the account was deleted; nobody to write to
        return
    starts_at = timezone.localtime(event.starts_at)
    position = (
        registration_waitlist_position(registration=registration)
        if registration.status == Registration.Status.WAITLISTED
        else None
    )
    is_confirmed = registration.status == Registration.Status.CONFIRMED
    if calendar == "publish" and not is_confirmed:
        # Only people with a place get the item in their calendar; someone on
        # the waitlist is not coming (yet).
        calendar = None
        opening = WAITLIST_OPENINGS.get(kind, opening)
    context = {
        "event": event,
        "member": member,
        "opening": opening.format(position=position),
        "kind": kind,
        "starts_at": starts_at,
        "ends_at": timezone.localtime(event.ends_at),
        "event_url": f"{base_url()}{event.get_absolute_url()}",
        "show_meeting_link": show_link and is_confirmed and bool(event.online_url),
        "cancel_url": (
            base_url()
            + reverse(
                "network:registration_cancel",
                args=[cancel_token(registration=registration)],
            )
            if registration.status != Registration.Status.CANCELLED
            and not event.is_cancelled
            else ""
        ),
    }
    message = EmailMultiAlternatives(
        subject=subject_text.format(
            title=event.title,
            date=date_format(starts_at, "l j F"),
            time=date_format(starts_at, "H:i"),
        ),
        body=render_to_string("email/network/registration.txt", context),
        to=[member.email],
        reply_to=[event.contact_email] if event.contact_email else None,
    )
    message.attach_alternative(
        render_to_string("email/network/registration.html", context), "text/html"
    )
    if calendar:
        message.attach(
            "bijeenkomst.ics",
            events_calendar([event], cancelled=calendar == "cancel"),
            "text/calendar; charset=utf-8; method="
            + ("CANCEL" if calendar == "cancel" else "PUBLISH"),
        )
    message.send()
