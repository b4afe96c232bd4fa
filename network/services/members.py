"""Writes with rules for the membership of the leernetwerk: join or edit the
profile, download one's data, delete one's account (AVG/GDPR, see
docs/privacy.md)."""

from collections.abc import Mapping
from typing import Any

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import member_areas
from portal.audit import audit_forget_actor
from portal.locking import lock
from portal.member_areas import DataUse, Exported, NotExported
from portal.models import User
from portal.roles import Role
from portal.selectors import audit_entries_about_person
from portal.services import user_assign_role
from portal.taxonomy import Bouwopgave

from ..exceptions import EventStarted
from ..models import (
    CalendarFeed,
    Domain,
    MemberProfile,
    MemberRole,
    Municipality,
    Organisation,
    Reminder,
    new_feed_secret,
)
from ..selectors.members import member_registrations_all
from ..selectors.registrations import registration_list_for_member
from .registrations import registration_cancel

EXPORT_FORMAT_VERSION = 2


def member_profile_clean(*, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check the rules of a profile; returns the normalised values or raises
    ValidationError with Dutch messages per field. The profile form calls it
    too, so a visitor sees every broken rule at once."""
    errors: dict[str, str] = {}
    first_name = str(data.get("first_name") or "").strip()
    last_name = str(data.get("last_name") or "").strip()
    if not first_name:
        errors["first_name"] = _("Vul uw voornaam in.")
    if not last_name:
        errors["last_name"] = _("Vul uw achternaam in.")

    role = data.get("role") or ""
    if role not in MemberRole.values:
        errors["role"] = _("Kies uw rol.")

    organisation = data.get("organisation")
    if organisation is not None and not isinstance(organisation, Organisation):
        errors["organisation"] = _("Kies een organisatie uit de lijst.")
    organisation_name = str(data.get("organisation_name") or "").strip()
    needs_organisation = role != MemberRole.EXPERIENCE_EXPERT
    if organisation is None and not organisation_name and needs_organisation:
        errors["organisation"] = _(
            "Kies uw organisatie uit de lijst, of vul de naam in als die er niet "
            "bij staat."
        )
    elif organisation is not None and organisation_name:
        errors["organisation_name"] = _(
            "U koos al een organisatie uit de lijst. Maak dit veld leeg, of kies "
            "bovenaan 'Mijn organisatie staat er niet bij'."
        )

    municipality = data.get("municipality")
    if municipality is not None and not isinstance(municipality, Municipality):
        errors["municipality"] = _("Kies een gemeente uit de lijst.")

    domains = list(data.get("domains") or [])
    if any(domain not in Domain.values for domain in domains):
        errors["domains"] = _("Kies domeinen uit de lijst.")
    try:
        interests = [int(value) for value in data.get("interests") or []]
    except (TypeError, ValueError):
        interests = []
        errors["interests"] = _("Kies bouwopgaven uit de lijst.")
    if any(value not in Bouwopgave.values for value in interests):
        errors["interests"] = _("Kies bouwopgaven uit de lijst.")

    if errors:
        raise ValidationError(errors)

    if organisation is None:
        # A typed name that is in the list after all is linked to it.
        known = Organisation.objects.filter(name__iexact=organisation_name).first()
        if known is not None:
            organisation, organisation_name = known, ""

    return {
        "first_name": first_name,
        "last_name": last_name,
        "role": role,
        "organisation": organisation,
        "organisation_name": "" if organisation else organisation_name,
        "municipality": municipality,
        "domains": [value for value in Domain.values if value in domains],
        "interests": sorted(set(interests)),
        "show_in_directory": bool(data.get("show_in_directory")),
        "receive_newsletter": bool(data.get("receive_newsletter")),
    }


def member_profile_save(*, user: User, data: Mapping[str, Any]) -> MemberProfile:
    """Join the leernetwerk, or change the profile of a member.

    ``data`` holds the name, role, organisation (from the list) or
    organisation name (required, except for residents and experience experts),
    municipality, domains, interests (bouwopgave numbers)
    and the two separate consents (directory, newsletter), which are off
    unless given. The member keeps (or gets) the role Lid. Raises
    ValidationError with Dutch messages when a rule is broken; then nothing
    is saved.
    """
    values = member_profile_clean(data=data)
    with transaction.atomic():
        # One join at a time per account (a double click makes one profile).
        user = lock(User, pk=user.pk)
        user.first_name = values.pop("first_name")
        user.last_name = values.pop("last_name")
        user.save(update_fields=["first_name", "last_name"])
        profile = MemberProfile.objects.filter(user=user).first()
        if profile is None:
            profile = MemberProfile(user=user)
        for field, value in values.items():
            setattr(profile, field, value)
        profile.full_clean()
        profile.save()
        user_assign_role(user=user, role=Role.MEMBER)
    return profile


def calendar_feed_rotate(*, user: User) -> CalendarFeed:
    """Give the member a new calendar link; every earlier link stops working
    (also the first one, which had no row of its own)."""
    with transaction.atomic():
        feed = lock(CalendarFeed, missing_ok=True, user=user)
        if feed is None:
            feed, created = CalendarFeed.objects.get_or_create(user=user)
            if created:
                return feed
        feed.secret = new_feed_secret()
        feed.created_at = timezone.now()
        feed.full_clean()
        feed.save(update_fields=["secret", "created_at"])
    return feed


# --- Download my data ----------------------------------------------------------

# Every model that holds personal data, and what "download my data" does with
# it: where in the download a person's rows are (Exported), or why they are
# not there (NotExported). The apps built on the leernetwerk declare their own
# models through portal.member_areas. tests/privacy/ walks every installed
# model and fails on one that holds personal data and is declared nowhere.
PERSONAL_DATA: dict[str, DataUse] = {
    # The account, its roles and e-mail addresses (portal, allauth, auth).
    "portal.User": Exported("account"),
    "portal.User_groups": Exported("account.roles"),
    "portal.User_user_permissions": NotExported(
        "permissions come with the roles (groups); none are given by hand"
    ),
    "account.EmailAddress": Exported("account.email_addresses", owner="user"),
    "account.EmailConfirmation": NotExported(
        "a one-time key to confirm an address; allauth sends signed keys, so "
        "the table stays empty; deleted with the address"
    ),
    "auth.Group": NotExported("no personal data: the name of a role"),
    "auth.Permission": NotExported("no personal data: the name of a permission"),
    "sessions.Session": NotExported(
        "the login: a random key and the account id, signed; nothing the "
        "member typed. Ends at logout (also when the account is deleted) or "
        "after two weeks"
    ),
    # allauth's record of each login session, for the member's list of where
    # they are logged in: browser, IP address, when started and last seen.
    # Deleted at logout, when the session is ended from another device, by
    # the daily prune once it expired, and with the account.
    "usersessions.UserSession": Exported("account.sessions", owner="user"),
    # The audit log: entries the member made or that are about them.
    "portal.AuditEntry": Exported("audit_log"),
    "portal.WaitingJob": NotExported(
        "a task that waits for the broker to come back (deleted once queued); its "
        "arguments name rows by id (a coordinator's message also carries its "
        "text, which is the coordinator's, not the member's)"
    ),
    # The leernetwerk.
    "network.MemberProfile": Exported("member_profile", owner="user"),
    "network.CalendarFeed": Exported("calendar_feed", owner="user"),
    "network.Registration": Exported("registrations", owner="member"),
    "network.Reminder": Exported(
        "registrations.reminders", owner="registration__member"
    ),
    "network.Event": NotExported(
        "contact_email is the organiser's address for the event, not a "
        "member's; the member's own events are under registrations"
    ),
    "network.Region": NotExported("no personal data: a samenwerkingsverband"),
    "network.Municipality": NotExported("no personal data: a gemeente"),
    "network.Organisation": NotExported(
        "no personal data: an organisation (the member's own is in member_profile)"
    ),
    # Wagtail: the back office, used by editors and coordinators for the
    # programme. What they make there is the programme's, not personal; the
    # links to their account are emptied or deleted with it.
    "wagtailcore.Page": NotExported(
        "pages of the portal; owner and locked_by point at the editor and are "
        "emptied when the account is deleted"
    ),
    "wagtailcore.Revision": NotExported(
        "saved drafts of pages and snippets; the editor is emptied when the "
        "account is deleted"
    ),
    "wagtailcore.PageLogEntry": NotExported(
        "Wagtail's history of pages (back office); the person is forgotten "
        "when the account is deleted (portal.audit)"
    ),
    "wagtailcore.ModelLogEntry": NotExported(
        "Wagtail's history of snippets and accounts (back office); the person "
        "is forgotten when the account is deleted (portal.audit)"
    ),
    "wagtailcore.Comment": NotExported(
        "editors' comments on drafts; deleted with the account"
    ),
    "wagtailcore.CommentReply": NotExported(
        "editors' replies to comments on drafts; deleted with the account"
    ),
    "wagtailcore.PageSubscription": NotExported(
        "whether an editor is mailed about comments; deleted with the account"
    ),
    "wagtailcore.WorkflowState": NotExported(
        "who sent a page to the partner review; emptied with the account"
    ),
    "wagtailcore.TaskState": NotExported(
        "who approved a page in the partner review; emptied with the account"
    ),
    "wagtailcore.UploadedFile": NotExported(
        "an upload in progress in the back office; emptied with the account"
    ),
    "wagtailcore.APIToken": NotExported(
        "keys for Wagtail's API, which the portal does not use; deleted with "
        "the account"
    ),
    "wagtailcore.Site": NotExported("no personal data: the name of the site"),
    "wagtailcore.Collection": NotExported("no personal data: a folder name"),
    "wagtailcore.Workflow": NotExported("no personal data: a workflow's name"),
    "wagtailcore.Task": NotExported("no personal data: a review task's name"),
    "wagtailcore.GroupApprovalTask": NotExported(
        "no personal data: a review task's name"
    ),
    "wagtailusers.UserProfile": NotExported(
        "back-office preferences (language, time zone, theme); deleted with the account"
    ),
    "wagtailadmin.EditingSession": NotExported(
        "who has a page open in the back office (minutes); deleted with the account"
    ),
    "wagtailadmin.FormState": NotExported(
        "an unsaved back-office form, kept for minutes; deleted with the account"
    ),
    "wagtaildocs.Document": NotExported(
        "documents uploaded for the programme; the uploader is emptied with the account"
    ),
    "wagtailimages.Image": NotExported(
        "images uploaded for the programme; the uploader is emptied with the account"
    ),
    "wagtailforms.FormSubmission": NotExported(
        "the portal has no form pages, so no submissions are stored"
    ),
    "wagtailembeds.Embed": NotExported(
        "no member's data: the author of an embedded video, as its site publishes it"
    ),
    "taggit.Tag": NotExported("no personal data: a tag"),
    "django_celery_beat.PeriodicTask": NotExported(
        "no personal data: scheduled tasks, which take no ids of people"
    ),
}


def member_personal_data_models() -> dict[str, DataUse]:
    """Every declaration: the leernetwerk's and those of the apps built on
    it (model label -> how the download holds it, or why not)."""
    return {**PERSONAL_DATA, **member_areas.personal_data_models()}


def member_subjects(*, user: User) -> list[models.Model]:
    """The objects that are the person's own (each declared model's rows
    whose ``owner`` is ``user``): what the audit log counts as about them."""
    subjects: list[models.Model] = []
    for label, use in member_personal_data_models().items():
        if isinstance(use, Exported) and use.owner:
            model = apps.get_model(label)
            subjects.extend(
                model._default_manager.filter(**{use.owner: user}).only("pk")
            )
    return subjects


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def member_export(*, user: User) -> dict[str, Any]:
    """Everything the portal keeps about ``user``, as JSON-ready data: the
    account (with the sessions where they are logged in), the profile, the
    calendar link, the registrations with their reminders, the audit log
    entries by or about them, and what the apps built on the leernetwerk keep
    (``PERSONAL_DATA`` and ``member_areas`` say what is where). Nothing about
    other people (no fellow participants, no organiser's e-mail, not who else
    acted in an entry of the log)."""
    profile = (
        MemberProfile.objects.select_related("organisation", "municipality")
        .filter(user=user)
        .first()
    )
    account = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "is_active": user.is_active,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": address.email, "verified": address.verified}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "sessions": [
            {
                "started_at": _iso(session.created_at),
                "last_seen_at": _iso(session.last_seen_at),
                "ip_address": session.ip,
                "browser": session.user_agent,
            }
            for session in UserSession.objects.filter(user=user).order_by(
                "created_at", "pk"
            )
        ],
    }
    profile_data = None
    if profile is not None:
        profile_data = {
            "role": profile.role,
            "role_label": str(profile.get_role_display()),
            "organisation": profile.organisation_display,
            "municipality": profile.municipality.name if profile.municipality else None,
            "domains": list(profile.domains),
            "interests": [
                {"number": number, "label": str(Bouwopgave(number).label)}
                for number in profile.interests
                if number in Bouwopgave.values
            ],
            "show_in_directory": profile.show_in_directory,
            "receive_newsletter": profile.receive_newsletter,
            "member_since": _iso(profile.created_at),
            "updated_at": _iso(profile.updated_at),
        }
    registrations = [
        {
            "event": registration.event.title,
            "starts_at": _iso(registration.event.starts_at),
            "ends_at": _iso(registration.event.ends_at),
            "status": registration.status,
            "status_label": str(registration.get_status_display()),
            "requested_at": _iso(registration.requested_at),
            "confirmed_at": _iso(registration.confirmed_at),
            "cancelled_at": _iso(registration.cancelled_at),
            "attended": registration.attended,
            "messages_off_at": _iso(registration.messages_off_at),
            "reminders": [
                {
                    "kind": reminder.kind,
                    "kind_label": str(reminder.get_kind_display()),
                    "status": reminder.status,
                    "sent_at": _iso(reminder.sent_at),
                }
                for reminder in registration.reminders.all()
            ],
        }
        for registration in member_registrations_all(user=user).prefetch_related(
            models.Prefetch("reminders", Reminder.objects.order_by("claimed_at", "pk"))
        )
    ]
    feed = CalendarFeed.objects.filter(user=user).first()
    audit_log = [
        {
            "at": _iso(entry.created_at),
            "action": entry.action,
            "object": entry.target_repr,
            "summary": entry.summary,
            "by_you": entry.actor_id == user.pk,
        }
        for entry in audit_entries_about_person(
            user=user, subjects=member_subjects(user=user)
        )
    ]
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "account": account,
        "member_profile": profile_data,
        # The secret of the link is left out: it works as a password.
        "calendar_feed": {"made_at": _iso(feed.created_at)} if feed else None,
        "registrations": registrations,
        "audit_log": audit_log,
        # What the apps built on the leernetwerk keep (the leergang).
        **member_areas.personal_data(user=user),
    }


# --- Delete my account ---------------------------------------------------------


def member_delete(*, user: User) -> None:
    """Delete the account of ``user`` and the personal data with it.

    First every active registration for an event that has not begun is
    cancelled through ``registration_cancel``, each in its own transaction, so
    freed seats go to the waitlist (the next person gets the place and a
    mail) and the member hears they were cancelled while the address still
    exists. A registration for an event under way stays. Then, in one
    transaction: every reminder of theirs is deleted (none is sent any more),
    the apps built on the leernetwerk erase their copies
    (``member_areas.personal_data_erase``), the audit log forgets the person
    (``portal.audit.audit_forget_actor``: the decisions stay, the name goes),
    and the account is deleted, taking the profile, the calendar link and
    the e-mail addresses with it. Registrations stay as anonymous counts
    (their member becomes empty).
    """
    for registration in registration_list_for_member(member=user):
        try:
            registration_cancel(registration=registration, actor=user)
        except EventStarted:
            continue
    with transaction.atomic():
        locked = lock(User, missing_ok=True, pk=user.pk)
        if locked is None:
            return
        subjects = member_subjects(user=locked)
        Reminder.objects.filter(registration__member=locked).delete()
        names = member_areas.personal_data_erase(user=locked)
        audit_forget_actor(user=locked, subjects=subjects, names=names)
        locked.delete()
