from datetime import timedelta

import factory
from django.utils import timezone

from leergang.models import Application, Edition, TeamMember
from leergang.services import ApplicationData, TeamMemberData
from network.models import MemberProfile, MemberRole, Municipality, Province
from portal.roles import Role
from tests.portal.factories import UserFactory


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Leergemeente {n}")
    slug = factory.Sequence(lambda n: f"leergemeente-{n}")
    province = Province.UTRECHT


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition open for applications, with room for five municipalities."""

    class Meta:
        model = Edition

    title = factory.Sequence(lambda n: f"Innovatieleergang {2027 + n}")
    slug = factory.Sequence(lambda n: f"innovatieleergang-{2027 + n}")
    description = "Een jaar lang samen leren over integraal werken."
    cohort_size = 5
    applications_open_at = factory.LazyFunction(
        lambda: timezone.now() - timedelta(days=7)
    )
    applications_close_at = factory.LazyFunction(
        lambda: timezone.now() + timedelta(days=30)
    )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application with a team of three."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    applicant = factory.SubFactory(UserFactory)
    status = Application.Status.SUBMITTED
    contact_name = "Sanne de Vries"
    contact_email = factory.Sequence(lambda n: f"contact{n}@gemeente.example.org")
    motivation = "Wij willen leren samenwerken over de domeinen heen."
    bouwopgaven = factory.LazyFunction(lambda: [1, 2])
    commitment_name = "Piet Jansen"
    commitment_role = "Wethouder sociaal domein"
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if create:
            for position in range(3 if extracted is None else extracted):
                TeamMember.objects.create(
                    application=self,
                    name=f"Teamlid {position}",
                    email=f"teamlid{position}@gemeente.example.org",
                    function="Klantmanager",
                    domain="participatiewet",
                    position=position,
                )


def contact_user(*, municipality=None, with_municipality: bool = True):
    """A municipality contact with (by default) a municipality on the profile."""
    user = UserFactory(roles=[Role.MEMBER, Role.MUNICIPALITY_CONTACT])
    MemberProfile.objects.create(
        user=user,
        role=MemberRole.POLICY_MAKER,
        municipality=(municipality or MunicipalityFactory())
        if with_municipality
        else None,
    )
    return user


def team_data(size: int) -> list[TeamMemberData]:
    return [
        TeamMemberData(
            name=f"Persoon {i}",
            email=f"persoon{i}@gemeente.example.org",
            function="Beleidsmedewerker",
            domain="wmo",
        )
        for i in range(size)
    ]


def application_data(**overrides) -> ApplicationData:
    values = {
        "contact_name": "Sanne de Vries",
        "contact_email": "sanne@gemeente.example.org",
        "contact_phone": "030 123 45 67",
        "motivation": "Wij willen inwoners sneller aan passend werk helpen.",
        "bouwopgaven": [2, 5],
        "commitment_name": "Piet Jansen",
        "commitment_role": "Wethouder sociaal domein",
        "team": team_data(3),
    }
    values.update(overrides)
    return ApplicationData(**values)
