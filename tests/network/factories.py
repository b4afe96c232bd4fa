from datetime import timedelta

import factory
from django.utils import timezone

from network.models import Event, Registration
from tests.portal.factories import UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    """An upcoming webinar, next week, with 10 places."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Kennisatelier {n}")
    slug = factory.Sequence(lambda n: f"kennisatelier-{n}")
    kind = Event.Kind.KENNISATELIER
    summary = "Samen leren over integraal werken."
    description = "Een middag met professionals uit zorg en welzijn en werk en inkomen."
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=2))
    location = "Stadskantoor Houten"
    capacity = 10
    contact_email = "organisator@example.org"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    member = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
