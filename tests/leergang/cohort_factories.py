"""Factories and helpers for the cohort space."""

from datetime import timedelta

import factory
from django.utils import timezone

from leergang.models import (
    Application,
    Scan,
    ScanMoment,
    ScanScore,
    Session,
    TeamMember,
)
from portal.roles import Role
from portal.taxonomy import Bouwopgave, Venster
from tests.leergang.factories import ApplicationFactory, EditionFactory
from tests.portal.factories import UserFactory


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
