"""A member with data in every place the portal keeps personal data, for
the privacy tests: their account, where they are logged in, profile, places
at events, reminders, the leergang, the kennisbank, the audit log and the
back office's history."""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.users.models import UserProfile

from knowledge.models import PraatplaatAnswer, PraatplaatFilling, ReviewReminder
from leergang.models import Application, Reflection, TeamMember
from network.models import Event, Registration, Reminder, ReminderKind
from network.services.members import calendar_feed_rotate
from network.services.registrations import (
    registration_create,
    registration_set_attendance,
)
from portal.audit import audit_record
from portal.models import User
from portal.roles import Role
from tests.knowledge.factories import praatplaat_create
from tests.leergang.factories import ApplicationFactory, SessionFactory
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)
from tests.portal.factories import UserFactory

EMAIL = "fenna.vertrekker@example.org"
SECOND_EMAIL = "f.vertrekker@werk.example.org"
FIRST_NAME, LAST_NAME = "Fenna", "Vertrekker"
FULL_NAME = f"{FIRST_NAME} {LAST_NAME}"
# Where she is logged in (documentation range, RFC 5737).
SESSION_IP = "198.51.100.23"


@dataclass
class Leaver:
    user: User
    coordinator: User
    waiting: User
    upcoming: Event
    past: Event
    past_registration: Registration
    pending_reminder: Reminder


def leaver_create() -> Leaver:
    """Fenna Vertrekker, a member and municipality contact, with data in
    every model that the download exports; and around her a coordinator and
    a member on the waitlist behind her."""
    coordinator = UserFactory(
        roles=[Role.MEMBER, Role.COORDINATOR], first_name="Cor", last_name="Dinator"
    )
    profile = MemberProfileFactory(
        user__email=EMAIL,
        user__first_name=FIRST_NAME,
        user__last_name=LAST_NAME,
        organisation_name="Wijkteam Privacyplein",
    )
    user = profile.user
    user.groups.add(Group.objects.get(name=Role.MUNICIPALITY_CONTACT.value))
    EmailAddress.objects.create(user=user, email=SECOND_EMAIL, verified=False)
    calendar_feed_rotate(user=user)
    UserProfile.get_for_user(user)
    UserSession.objects.create(
        user=user,
        session_key="vertrekker-laptop",
        ip=SESSION_IP,
        user_agent="Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) "
        "Gecko/20100101 Firefox/128.0",
    )

    # A place at an upcoming event with one seat, and someone waiting for it;
    # a reminder already claimed for it, not yet sent.
    upcoming = EventFactory(
        capacity=1,
        title="Kennisatelier Toekomst",
        starts_at=timezone.now() + timedelta(hours=20),
        ends_at=timezone.now() + timedelta(hours=22),
    )
    registration = registration_create(event=upcoming, member=user)
    waiting = MemberProfileFactory().user
    registration_create(event=upcoming, member=waiting)
    pending = Reminder.objects.create(
        registration=registration,
        kind=ReminderKind.DAY,
        event_starts_at=upcoming.starts_at,
    )

    # A past event she came to, with a reminder that went out and one that
    # failed (the error names her address).
    past = EventFactory(past=True, title="Webinar Verleden")
    past_registration = RegistrationFactory(event=past, member=user)
    registration_set_attendance(
        registration=past_registration, attended=True, actor=coordinator
    )
    Reminder.objects.create(
        registration=past_registration,
        kind=ReminderKind.DAY,
        event_starts_at=past.starts_at,
        status=Reminder.Status.SENT,
        sent_at=past.starts_at - timedelta(days=1),
    )
    Reminder.objects.create(
        registration=past_registration,
        kind=ReminderKind.HOUR,
        event_starts_at=past.starts_at,
        status=Reminder.Status.FAILED,
        attempts=6,
        last_error=f"SMTPRecipientsRefused: {{'{EMAIL}': (550, 'unknown')}}",
    )

    # The leergang: she applied for her gemeente as its contact, is in its
    # team (invited at her address) and wrote a reflection.
    application = ApplicationFactory(
        applicant=user,
        municipality=profile.municipality,
        status=Application.Status.ACCEPTED,
        contact_name=FULL_NAME,
        contact_email=EMAIL,
        contact_phone="06 1234 5678",
        team=0,
    )
    audit_record(
        actor=user,
        action="application.submitted",
        target=application,
        summary=f"Ingediend door {FULL_NAME}",
    )
    team_member = TeamMember.objects.create(
        application=application,
        name=FULL_NAME,
        email=EMAIL,
        function="Kwartiermaker privacy",
        domain="wmo",
        user=user,
        joined_at=timezone.now(),
    )
    audit_record(
        actor=coordinator,
        action="invitation.sent",
        target=team_member,
        summary="Uitnodiging verstuurd.",
        data={"email": EMAIL},
    )
    Reflection.objects.create(
        application=application,
        session=SessionFactory(edition=application.edition),
        author=user,
        first_order="Wij leerden over de grens van ons domein heen te kijken.",
    )

    # The kennisbank: a praatplaat filled in, a page she owns and was asked
    # to review, and the back office's history of her account and that page.
    plate = praatplaat_create()
    filling = PraatplaatFilling.objects.create(
        page=plate, owner=user, team_name="Team Vertrekhal"
    )
    PraatplaatAnswer.objects.create(
        filling=filling,
        hotspot=plate.hotspots.first(),
        text="De regie ligt bij het wijkteam.",
    )
    ReviewReminder.objects.create(
        page=Page.objects.get(pk=plate.pk),
        due_on=timezone.localdate(),
        sent_to=EMAIL,
        sent_at=timezone.now(),
    )
    log(instance=user, action="wagtail.edit", user=coordinator)
    log(instance=plate, action="wagtail.edit", user=user)
    return Leaver(
        user=user,
        coordinator=coordinator,
        waiting=waiting,
        upcoming=upcoming,
        past=past,
        past_registration=past_registration,
        pending_reminder=pending,
    )
