"""Factories for the membership tests of the leernetwerk."""

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
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Kennisatelier {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    kind = Event.Kind.KENNISATELIER
    summary = "Samen leren over integraal werken."
    description = "Een bijeenkomst van het leernetwerk."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    capacity = None


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    member = factory.SubFactory(MemberUserFactory)
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
