"""Factories of the leernetwerk: places and organisations, members with their
profile, events and registrations (aware datetimes throughout)."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from network.models import (
    Event,
    MemberProfile,
    MemberRole,
    Municipality,
    Organisation,
    Province,
    Registration,
)
from portal.roles import Role
from tests.portal.factories import UserFactory


def _in_days(days: int):
    """A time ``days`` from now, to the minute (as the admin's date picker)."""
    return (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    province = Province.UTRECHT


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class MemberUserFactory(UserFactory):
    """A signed-up account: verified address and the role Lid."""

    @factory.post_generation
    def member_role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=Role.MEMBER.value))


class MemberProfileFactory(factory.django.DjangoModelFactory):
    """A member of the leernetwerk, listed in the directory."""

    class Meta:
        model = MemberProfile

    user = factory.SubFactory(MemberUserFactory)
    role = MemberRole.PROFESSIONAL
    organisation_name = factory.Sequence(lambda n: f"Wijkteam {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    domains = factory.LazyFunction(lambda: ["wmo"])
    interests = factory.LazyFunction(lambda: [2])
    show_in_directory = True
    receive_newsletter = False


class EventFactory(factory.django.DjangoModelFactory):
    """An upcoming, published kennisatelier in ten days, two hours long, with
    10 places. ``past=True``: it began three days ago."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Kennisatelier {n}")
    slug = factory.Sequence(lambda n: f"kennisatelier-{n}")
    kind = Event.Kind.KENNISATELIER
    summary = "Samen leren over integraal werken."
    description = "Een middag met professionals uit zorg en welzijn en werk en inkomen."
    starts_at = factory.LazyFunction(lambda: _in_days(10))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=2))
    location = "Stadskantoor Houten"
    capacity = 10
    contact_email = "organisator@example.org"

    class Params:
        past = factory.Trait(starts_at=factory.LazyFunction(lambda: _in_days(-3)))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration of a member with a profile."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    member = factory.LazyFunction(lambda: MemberProfileFactory().user)
    status = Registration.Status.CONFIRMED
    requested_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(
        lambda o: o.requested_at if o.status == Registration.Status.CONFIRMED else None
    )
