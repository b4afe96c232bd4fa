"""Coordinators accepting at the same moment, in real threads against
PostgreSQL: the edition row lock keeps the cohort size."""

import pytest

from leergang.exceptions import AlreadyTeamMember, CohortFull
from leergang.models import Application
from leergang.services.applications import application_submit, application_withdraw
from leergang.services.invitations import team_member_join
from leergang.services.review import application_accept
from portal.roles import Role
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    application_data,
)
from tests.network.factories import MunicipalityFactory
from tests.portal.factories import UserFactory
from tests.races import _needs_postgresql, race  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_eight_accepts_at_once_never_admit_more_than_five():
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


def test_one_invitation_joined_twice_at_once_links_one_account_once():
    """A double click on "Ik doe mee": the team member's row lock lets one
    join through; the other is told the user is already a member."""
    application = ApplicationFactory(status=Application.Status.ACCEPTED)
    member = application.team_members.get(position=0)
    user = UserFactory(email=member.email)

    results, errors = race(
        lambda _i: team_member_join(team_member=member, user=user), [0, 1, 2]
    )

    assert len(results) == 1
    assert len(errors) == 2
    assert all(isinstance(error, AlreadyTeamMember) for error in errors)
    member.refresh_from_db()
    assert member.user == user
    assert member.joined_at == results[0].joined_at


def test_withdraw_and_accept_from_the_reserve_list_at_once_keep_the_edition_size():
    """While an accepted municipality withdraws, two coordinators admit two
    reserves at once: at most the one freed place is filled."""
    edition = EditionFactory(cohort_size=2)
    accepted = ApplicationFactory.create_batch(
        2, edition=edition, status=Application.Status.ACCEPTED
    )
    reserves = ApplicationFactory.create_batch(
        2, edition=edition, status=Application.Status.RESERVE
    )
    coordinator = UserFactory(roles=[Role.COORDINATOR])

    def act(index):
        if index == 0:
            return application_withdraw(application=accepted[0])
        return application_accept(application=reserves[index - 1], by=coordinator)

    _results, errors = race(act, [0, 1, 2])

    # Either the withdrawal came first (one reserve admitted, one refused) or
    # the accepts came first (both refused); never three accepted.
    assert len(errors) in (1, 2)
    assert all(isinstance(error, CohortFull) for error in errors)
    accepted_now = Application.objects.filter(
        edition=edition, status=Application.Status.ACCEPTED
    ).count()
    assert accepted_now == 3 - len(errors)
