"""Factories and helpers of the leergang: editions, applications with their
team, and the cohort space (sessions, team members with an account, scans)."""

from datetime import timedelta

import factory
from django.utils import timezone

from leergang.models import (
    Application,
    Edition,
    Scan,
    ScanMoment,
    ScanScore,
    Session,
    TeamMember,
)
from leergang.services.applications import ApplicationData, TeamMemberData
from network.models import MemberProfile, MemberRole
from portal.roles import Role
from portal.taxonomy import Bouwopgave, Venster
from tests.network.factories import MunicipalityFactory
from tests.portal.factories import UserFactory


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


# --- The cohort space ---------------------------------------------------------


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Bijeenkomst {n + 1}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    description = "Samen werken aan de eerste bouwopgave."


def accepted(*, edition=None, **kwargs) -> Application:
    return ApplicationFactory(
        edition=edition or EditionFactory(),
        status=Application.Status.ACCEPTED,
        **kwargs,
    )


def cohort(*, size: int = 5, edition=None) -> list[Application]:
    edition = edition or EditionFactory()
    return [accepted(edition=edition) for _ in range(size)]


def member_of(application: Application, **user_kwargs):
    """A signed-up user linked to one of the application's team members."""
    user = UserFactory(roles=[Role.MEMBER], **user_kwargs)
    TeamMember.objects.create(
        application=application,
        name=user.get_full_name() or user.email,
        email=user.email,
        function="Klantmanager",
        domain="participatiewet",
        position=99,
        user=user,
        joined_at=timezone.now(),
    )
    return user


def coordinator():
    return UserFactory(roles=[Role.MEMBER, Role.COORDINATOR])


def make_scan(
    application: Application,
    *,
    moment: str = ScanMoment.START,
    score=3,
    submitted: bool = True,
) -> Scan:
    """A scan with all twenty scores: ``score`` is a number or a function of
    (bouwopgave, venster)."""
    scan = Scan.objects.create(
        application=application,
        moment=moment,
        submitted_at=timezone.now() if submitted else None,
    )
    ScanScore.objects.bulk_create(
        ScanScore(
            scan=scan,
            bouwopgave=b,
            venster=v,
            score=score(b, v) if callable(score) else score,
        )
        for b in Bouwopgave.values
        for v in Venster.values
    )
    return scan
