"""E-mails about applications for the leergang, in Dutch, as text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Application

# kind -> (subject, opening line)
MAILS = {
    "submitted": (
        _("Aanmelding ontvangen: {title}"),
        _(
            "Wij hebben de aanmelding van gemeente {municipality} ontvangen. De "
            "coördinator beoordeelt alle aanmeldingen en laat u weten of uw "
            "gemeente mee kan doen."
        ),
    ),
    "accepted": (
        _("Uw gemeente doet mee: {title}"),
        _(
            "Goed nieuws: gemeente {municipality} is toegelaten tot de leergang. "
            "Wij nemen binnenkort contact met u op over de eerste bijeenkomst."
        ),
    ),
    "reserve": (
        _("Op de reservelijst: {title}"),
        _(
            "De leergang heeft plaats voor een beperkt aantal gemeenten. Gemeente "
            "{municipality} staat op de reservelijst. Komt er een plaats vrij, "
            "dan laten wij het u weten."
        ),
    ),
    "declined": (
        _("Besluit over uw aanmelding: {title}"),
        _(
            "Helaas kan gemeente {municipality} deze keer niet meedoen aan de "
            "leergang. Hieronder leest u waarom."
        ),
    ),
}


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def application_recipients(*, application: Application) -> list[str]:
    recipients = []
    if application.applicant is not None:
        recipients.append(application.applicant.email)
    if application.contact_email and application.contact_email.lower() not in {
        r.lower() for r in recipients
    }:
        recipients.append(application.contact_email)
    return recipients


def send_application_mail(*, application: Application, kind: str) -> None:
    """Send the mail of ``kind`` about ``application`` (raises on SMTP errors)."""
    subject, opening = MAILS[kind]
    recipients = application_recipients(application=application)
    if not recipients:
        return
    edition = application.edition
    context = {
        "application": application,
        "edition": edition,
        "kind": kind,
        "opening": str(opening).format(municipality=application.municipality.name),
        "message": application.decision_message if kind != "submitted" else "",
        "status_url": base_url() + reverse("leergang:my_application"),
    }
    subject_text = str(subject).format(title=edition.title)
    context["subject"] = subject_text
    mail = EmailMultiAlternatives(
        subject=subject_text,
        body=render_to_string("email/leergang/application.txt", context),
        to=recipients,
    )
    mail.attach_alternative(
        render_to_string("email/leergang/application.html", context), "text/html"
    )
    mail.send()
