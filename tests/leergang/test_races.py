"""Coordinators accepting at the same moment, in real threads against
PostgreSQL: the edition row lock keeps the cohort size."""

import threading

import pytest
from django.db import connection, connections

from leergang.exceptions import CohortFull
from leergang.models import Application
from leergang.services import application_accept, application_submit
from portal.roles import Role
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    MunicipalityFactory,
    application_data,
)
from tests.portal.factories import UserFactory

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _needs_postgresql():
    assert connection.vendor == "postgresql", "race tests need PostgreSQL"


def race(target, arguments):
    """Start one thread per argument at the same moment; collect results."""
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def run(argument):
        try:
            barrier.wait()
            results.append(target(argument))
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return results, errors


def test_eight_accepts_at_once_never_exceed_a_cohort_of_five():
    edition = EditionFactory(cohort_size=5)
    applications = ApplicationFactory.create_batch(8, edition=edition)
    coordinators = UserFactory.create_batch(2, roles=[Role.COORDINATOR])

    results, errors = race(
        lambda pair: application_accept(
            application=pair[0], by=coordinators[pair[1] % 2]
        ),
        [(application, i) for i, application in enumerate(applications)],
    )

    assert len(results) == 5
    assert len(errors) == 3
    assert all(isinstance(error, CohortFull) for error in errors)
    statuses = Application.objects.filter(edition=edition)
    assert statuses.filter(status=Application.Status.ACCEPTED).count() == 5
    assert statuses.filter(status=Application.Status.SUBMITTED).count() == 3


def test_two_contacts_of_one_municipality_submitting_at_once_make_one_application():
    edition = EditionFactory()
    municipality = MunicipalityFactory()
    contacts = UserFactory.create_batch(2, roles=[Role.MUNICIPALITY_CONTACT])

    results, errors = race(
        lambda contact: application_submit(
            edition=edition,
            municipality=municipality,
            applicant=contact,
            data=application_data(),
        ),
        contacts,
    )

    assert len(results) == 1
    assert len(errors) == 1
    assert Application.objects.filter(edition=edition).count() == 1
