"""Two coordinators accept the last place of a leergang at the same moment,
over HTTP (gunicorn with four workers, PostgreSQL): one municipality gets
the place, the other coordinator sees that the leergang is full, and never
are more municipalities accepted than the cohort has places.

CI runs one round; ``make soak`` runs ten (``SOAK_ROUNDS``).
"""

from functools import partial

import pytest
from django.urls import reverse

from leergang.models import Application
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    accepted,
    coordinator,
)
from tests.races import race
from tests.servers import gunicorn, post_form, session_for
from tests.soak import ROUNDS

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_coordinators_accepting_the_last_place_at_once(tmp_path):
    first, second = session_for(coordinator()), session_for(coordinator())
    with gunicorn(tmp_path / "gunicorn.log", workers=4) as base:
        for _round in range(ROUNDS):
            edition = EditionFactory(cohort_size=5)
            for _ in range(4):
                accepted(edition=edition)
            a, b = (
                ApplicationFactory(edition=edition),
                ApplicationFactory(edition=edition),
            )
            decide = "decision=accept&message="

            answers, errors = race(
                lambda job: job(),
                [
                    partial(
                        post_form,
                        base,
                        reverse("leergang:review_detail", args=[application.pk]),
                        session=session,
                        data=decide,
                    )
                    for application, session in ((a, first), (b, second))
                ],
            )

            # One is redirected to the list (accepted); the other gets the
            # form again with the message that the leergang is full.
            assert not errors, errors
            assert sorted(answers) == [200, 302], answers
            statuses = dict(
                Application.objects.filter(pk__in=[a.pk, b.pk]).values_list(
                    "pk", "status"
                )
            )
            assert sorted(statuses.values()) == [
                Application.Status.ACCEPTED,
                Application.Status.SUBMITTED,
            ]
            assert (
                Application.objects.filter(
                    edition=edition, status=Application.Status.ACCEPTED
                ).count()
                == 5
            )
