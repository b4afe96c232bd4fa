"""The audit log of the leergang: every decision on an application is kept
(not only the last one the application shows), and so are the invitations,
the submitted zelfscans and the practice stories, each with who did it."""

import pytest

from leergang.exceptions import CohortFull
from leergang.models import Application, PracticeStory, Scan, ScanMoment
from leergang.services.applications import (
    application_save_draft,
    application_submit,
    application_withdraw,
)
from leergang.services.cohort import ScoreInput, practice_story_create, scan_save
from leergang.services.invitations import (
    team_member_join,
    team_member_resend_invitation,
)
from leergang.services.reserve import edition_carry_over_reserve
from leergang.services.review import (
    application_accept,
    application_decline,
    application_reserve,
)
from portal.models import AuditEntry
from portal.roles import Role
from portal.selectors import audit_entries_for
from portal.taxonomy import Bouwopgave, Venster
from tests.knowledge.conftest import home, kennisbank  # noqa: F401 - fixtures
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    accepted,
    application_data,
    contact_user,
    member_of,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def coordinator():
    return UserFactory(roles=[Role.COORDINATOR])


def history(target) -> list[tuple[str, object]]:
    """(action, actor) of every entry about ``target``, oldest first."""
    return [
        (entry.action, entry.actor)
        for entry in reversed(list(audit_entries_for(target=target)))
    ]


def test_submitting_and_withdrawing_are_logged_with_who_did_it():
    edition = EditionFactory()
    contact = contact_user()
    municipality = contact.member_profile.municipality
    application_save_draft(
        edition=edition,
        municipality=municipality,
        applicant=contact,
        data=application_data(),
    )
    assert not AuditEntry.objects.exists()  # a draft is no decision

    application = application_submit(
        edition=edition,
        municipality=municipality,
        applicant=contact,
        data=application_data(),
    )
    application_withdraw(application=application, by=contact)
    application_withdraw(application=application, by=contact)  # changes nothing

    assert history(application) == [
        ("application.submitted", contact),
        ("application.withdrawn", contact),
    ]
    submitted = audit_entries_for(target=application).last()
    assert municipality.name in submitted.summary


def test_every_decision_on_an_application_is_kept(coordinator):
    application = ApplicationFactory(municipality__name="Houten")
    other = UserFactory(roles=[Role.COORDINATOR])

    application_reserve(application=application, by=coordinator)
    application_accept(application=application, by=other, message="Welkom.")
    application_accept(application=application, by=other)  # changes nothing
    application_reserve(application=application, by=coordinator)
    application_decline(application=application, by=other, message="Helaas.")

    assert history(application) == [
        ("application.reserved", coordinator),
        ("application.accepted", other),
        ("application.reserved", coordinator),
        ("application.declined", other),
    ]
    entries = list(audit_entries_for(target=application))
    assert entries[0].data == {
        "from": S.RESERVE,
        "to": S.DECLINED,
        "message": "Helaas.",
    }
    assert entries[-2].data["message"] == "Welkom."
    assert entries[-1].summary == "Gemeente Houten staat op de reservelijst."


def test_a_refused_decision_leaves_no_entry(coordinator):
    edition = EditionFactory(cohort_size=1)
    ApplicationFactory(edition=edition, status=S.ACCEPTED)
    application = ApplicationFactory(edition=edition)

    with pytest.raises(CohortFull):
        application_accept(application=application, by=coordinator)

    assert history(application) == []


def test_carrying_a_reserve_list_over_is_logged_on_each_copy(coordinator):
    source, target = EditionFactory(), EditionFactory()
    original = ApplicationFactory(edition=source, status=S.RESERVE)

    result = edition_carry_over_reserve(source=source, target=target, by=coordinator)

    (copy,) = result.created
    assert history(copy) == [("application.carried_over", coordinator)]
    assert audit_entries_for(target=copy).get().data["from_application"] == (
        original.pk
    )


def test_invitations_sent_sent_again_and_accepted_are_logged(
    coordinator, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application_accept(application=application, by=coordinator)
    member = application.team_members.get(position=0)
    with django_capture_on_commit_callbacks(execute=True):
        team_member_resend_invitation(team_member=member, by=coordinator)
    user = UserFactory(email=member.email)
    team_member_join(team_member=member, user=user)

    assert history(member) == [
        ("invitation.sent", None),
        ("invitation.resent", coordinator),
        ("invitation.sent", None),
        ("invitation.accepted", user),
    ]


def test_a_submitted_zelfscan_is_logged_and_a_draft_is_not():
    application = accepted()
    author = member_of(application)
    scores = {
        (b, v): ScoreInput(score=3) for b in Bouwopgave.values for v in Venster.values
    }
    scan_save(
        application=application,
        moment=ScanMoment.START,
        scores=scores,
        by=author,
        submit=False,
    )
    scan = Scan.objects.get()
    assert history(scan) == []

    scan_save(
        application=application,
        moment=ScanMoment.START,
        scores=scores,
        by=author,
        submit=True,
    )

    assert history(scan) == [("scan.submitted", author)]


def test_making_the_practice_story_is_logged(coordinator, kennisbank):  # noqa: F811
    application = accepted()

    page = practice_story_create(application=application, by=coordinator)
    practice_story_create(application=application, by=coordinator)  # the same

    story = PracticeStory.objects.get()
    assert history(story) == [("practice_story.created", coordinator)]
    assert audit_entries_for(target=story).get().data["page"] == page.pk
