"""Reads of the membership of the leernetwerk: profiles, the member directory,
a member's own page, the data they can download and their calendar feed."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat

from portal.models import User

from ..models import (
    CalendarFeed,
    Event,
    MemberProfile,
    Municipality,
    Organisation,
    Registration,
)
from ..tokens import FIRST_FEED_SECRET, feed_secret_matches
from .registrations import registration_list_for_member


def member_profile_get(*, user: User | AnonymousUser) -> MemberProfile | None:
    """The member profile of ``user`` with its organisation and municipality,
    or None for anonymous visitors and accounts that have not joined."""
    if not user.is_authenticated:
        return None
    return (
        MemberProfile.objects.select_related("organisation", "municipality")
        .filter(user=user)
        .first()
    )


def member_is_member(*, user: User | AnonymousUser) -> bool:
    """True when ``user`` is signed in and has joined the leernetwerk."""
    if not user.is_authenticated:
        return False
    return MemberProfile.objects.filter(user=user).exists()


def member_directory(
    *,
    query: str = "",
    role: str = "",
    municipality_id: int | None = None,
) -> QuerySet[MemberProfile]:
    """Members who chose to be listed and whose account is active, by name.

    ``query`` matches the name (first, last or full) and the organisation
    (from the list or typed in). Everything a row shows comes with the one
    query: user, organisation and municipality are joined.
    """
    qs = MemberProfile.objects.filter(
        show_in_directory=True, user__is_active=True
    ).select_related("user", "organisation", "municipality")
    query = query.strip()
    if query:
        qs = qs.annotate(
            full_name=Concat("user__first_name", Value(" "), "user__last_name")
        ).filter(
            Q(full_name__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(organisation_name__icontains=query)
        )
    if role:
        qs = qs.filter(role=role)
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    return qs.order_by("user__last_name", "user__first_name", "pk")


def member_organisation_choices() -> QuerySet[Organisation]:
    """Organisations a member can pick in the profile form, by name."""
    return Organisation.objects.order_by("name")


def member_municipality_choices() -> QuerySet[Municipality]:
    """Municipalities a member can pick or filter on, by name."""
    return Municipality.objects.order_by("name")


def member_registrations(*, user: User, past: bool = False) -> QuerySet[Registration]:
    """The member's active registrations (``registration_list_for_member``),
    each with ``waitlist_position``: 1 for the first on the waitlist, None when
    not waitlisted. The position is computed in the same query, in the same
    queue order as ``registration_waitlist_position``, so the page does not
    make one query per registration."""
    ahead = (
        Registration.objects.filter(
            event_id=OuterRef("event_id"), status=Registration.Status.WAITLISTED
        )
        .filter(
            Q(requested_at__lt=OuterRef("requested_at"))
            | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return registration_list_for_member(member=user, past=past).annotate(
        waitlist_position=Case(
            When(
                status=Registration.Status.WAITLISTED,
                then=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


def member_registrations_all(*, user: User) -> QuerySet[Registration]:
    """Every registration of ``user``, cancelled ones included, oldest event
    first: what the data download lists."""
    return (
        Registration.objects.filter(member=user)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )


# --- A member's calendar feed -------------------------------------------------


def member_feed_secret(*, user: User) -> str:
    """The secret in ``user``'s current calendar link: the one of the last new
    link they made, or the first link's (no row yet)."""
    stored = (
        CalendarFeed.objects.filter(user=user).values_list("secret", flat=True).first()
    )
    return FIRST_FEED_SECRET if stored is None else stored


def feed_owner(*, user_id: int, secret: str) -> User | None:
    """The active user whose current feed secret is ``secret``, or None."""
    user = (
        User.objects.filter(pk=user_id, is_active=True)
        .annotate(
            feed_secret=Subquery(
                CalendarFeed.objects.filter(user=OuterRef("pk")).values("secret")
            )
        )
        .first()
    )
    if user is None:
        return None
    stored = FIRST_FEED_SECRET if user.feed_secret is None else user.feed_secret
    return user if feed_secret_matches(given=secret, stored=stored) else None


def member_feed_events(*, member: User) -> list[Event]:
    """The published events where ``member`` has a confirmed place (also past
    and cancelled ones, so a calendar app removes a cancelled item)."""
    return [
        registration.event
        for registration in Registration.objects.filter(
            member=member,
            status=Registration.Status.CONFIRMED,
            event__is_published=True,
        )
        .select_related("event", "event__organiser")
        .order_by("event__starts_at")
    ]
