"""E-mails of the leergang, in Dutch, as text and HTML: about applications,
invitations for team members, and a place that came free for coordinators.
Every mail goes through ``portal.mail``, which also sets the Reply-To of the
organisers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.mail import mail_send, site_url

from .models import Application, TeamMember
from .selectors.invitations import INVITATION_MAX_AGE, team_member_invitation_token

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
    "carried_over": (
        _("Uw aanmelding is overgenomen: {title}"),
        _(
            "Gemeente {municipality} stond op de reservelijst van {source}. Wij "
            "hebben uw aanmelding overgenomen voor {title}. U hoeft daarvoor niets "
            "te doen. De coördinator beoordeelt de aanmelding opnieuw en laat u "
            "weten of uw gemeente mee kan doen."
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
    source = application.carried_over_from if kind == "carried_over" else None
    mail_send(
        to=recipients,
        subject=str(subject).format(title=edition.title),
        template="email/leergang/application",
        context={
            "application": application,
            "edition": edition,
            "kind": kind,
            "opening": str(opening).format(
                municipality=application.municipality.name,
                title=edition.title,
                source=source.edition.title if source else "",
            ),
            "message": application.decision_message
            if kind not in ("submitted", "carried_over")
            else "",
            "status_url": site_url(reverse("leergang:my_application")),
        },
    )


def send_invitation_mail(*, team_member: TeamMember, application: Application) -> None:
    """Invite a team member to join the team with their own account."""
    token = team_member_invitation_token(team_member=team_member)
    mail_send(
        to=[team_member.email],
        subject=str(
            _("Uitnodiging: doe mee met het team van gemeente {municipality}")
        ).format(municipality=application.municipality.name),
        template="email/leergang/invitation",
        context={
            "team_member": team_member,
            "application": application,
            "edition": application.edition,
            "municipality": application.municipality,
            "days": INVITATION_MAX_AGE.days,
            "invitation_url": site_url(reverse("leergang:invitation", args=[token])),
        },
    )


def send_place_free_mail(
    *, application: Application, first_reserve: Application | None, to: list[str]
) -> None:
    """Tell the coordinators that an accepted municipality withdrew."""
    offer = first_reserve or application
    mail_send(
        to=to,
        subject=str(_("Er is een plaats vrij in {title}")).format(
            title=application.edition.title
        ),
        template="email/leergang/place_free",
        context={
            "application": application,
            "edition": application.edition,
            "first_reserve": first_reserve,
            "review_url": site_url(offer.get_review_url()),
        },
    )
