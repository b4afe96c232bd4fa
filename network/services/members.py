"""Writes with rules for the membership of the leernetwerk: join or edit the
profile, download one's data, delete one's account (AVG/GDPR)."""

from collections.abc import Mapping
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import member_areas
from portal.locking import lock
from portal.models import AuditEntry, User
from portal.roles import Role
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
    Registration,
    new_feed_secret,
)
from ..selectors.members import member_registrations_all
from ..selectors.registrations import registration_list_for_member
from .registrations import registration_cancel

EXPORT_FORMAT_VERSION = 1

# What the audit log names a registration by once its member left.
ANONYMOUS_REGISTRATION = gettext_lazy("(account verwijderd)")


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


def calendar_feed_get_or_create(*, user: User) -> CalendarFeed:
    """The member's calendar link secret, made the first time it is needed."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_rotate(*, user: User) -> CalendarFeed:
    """Give the member a new calendar link; every earlier link stops working."""
    with transaction.atomic():
        feed = lock(CalendarFeed, missing_ok=True, user=user)
        if feed is None:  # the first link: nothing to replace
            feed, _created = CalendarFeed.objects.get_or_create(user=user)
            return feed
        feed.secret = new_feed_secret()
        feed.created_at = timezone.now()
        feed.full_clean()
        feed.save(update_fields=["secret", "created_at"])
    return feed


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def member_export(*, user: User) -> dict[str, Any]:
    """Everything the portal keeps about ``user`` in the leernetwerk, as
    JSON-ready data: the account, the profile and the registrations. Nothing
    about other people (no fellow participants, no organiser's e-mail)."""
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
        }
        for registration in member_registrations_all(user=user)
    ]
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "account": account,
        "member_profile": profile_data,
        "registrations": registrations,
        # What the apps built on the leernetwerk keep (the leergang).
        **member_areas.personal_data(user=user),
    }


def member_delete(*, user: User) -> None:
    """Delete the account of ``user`` and the personal data with it.

    First every active registration for an event that has not begun is
    cancelled through ``registration_cancel``, each in its own transaction, so
    freed seats go to the waitlist and the member hears they were cancelled
    while the address still exists. A registration for an event under way
    stays. Then, in one transaction, the account is deleted: the profile and
    the e-mail addresses go with it; registrations stay as anonymous counts
    (their member becomes empty), and so do their entries in the audit log
    (what happened stays, the name of who it happened to goes).
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
        registrations = list(
            Registration.objects.filter(member=locked).select_related("event")
        )
        locked.delete()
        registration_type = ContentType.objects.get_for_model(Registration)
        for registration in registrations:
            AuditEntry.objects.filter(
                target_type=registration_type, target_id=str(registration.pk)
            ).update(
                target_repr=f"{ANONYMOUS_REGISTRATION}: {registration.event}"[:255]
            )
