"""Factories for the coordinator's back office tests (aware datetimes)."""

from datetime import timedelta

import factory
from django.utils import timezone

from network.models import (
    Event,
    MemberProfile,
    MemberRole,
    Municipality,
    Organisation,
    Province,
    Registration,
)
from tests.portal.factories import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")
    province = Province.UTRECHT


class MemberProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberProfile

    user = factory.SubFactory(UserFactory)
    role = MemberRole.PROFESSIONAL
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class EventFactory(factory.django.DjangoModelFactory):
    """An upcoming, published webinar in a week, two hours long."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Kennisatelier {n}")
    slug = factory.Sequence(lambda n: f"bijeenkomst-{n}")
    kind = Event.Kind.KENNISATELIER
    summary = "Samen leren over integraal werken."
    description = "Een middag met praktijkvoorbeelden."
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    location = "Stadskantoor Houten"
    capacity = 20

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(
                lambda: (timezone.now() - timedelta(days=3)).replace(
                    second=0, microsecond=0
                )
            )
        )


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
