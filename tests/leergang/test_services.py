"""The rules of applying for the leergang and of the coordinator's decisions."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from leergang.exceptions import (
    ApplicationIncomplete,
    ApplicationNotEditable,
    ApplicationsClosed,
    CohortFull,
    DeclineMessageRequired,
    DuplicateApplication,
    InvalidTransition,
)
from leergang.models import Application
from leergang.services.applications import (
    application_save_draft,
    application_submit,
    application_withdraw,
)
from leergang.services.review import (
    application_accept,
    application_decline,
    application_reserve,
)
from portal.roles import Role
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    application_data,
    team_data,
)
from tests.network.factories import MunicipalityFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def municipality():
    return MunicipalityFactory(name="Houten", slug="houten")


@pytest.fixture
def contact():
    return UserFactory(roles=[Role.MUNICIPALITY_CONTACT])


@pytest.fixture
def coordinator():
    return UserFactory(roles=[Role.COORDINATOR])


def _submit(edition, municipality, contact, **overrides):
    return application_submit(
        edition=edition,
        municipality=municipality,
        applicant=contact,
        data=application_data(**overrides),
    )


# --- Draft and submit ---------------------------------------------------------


def test_draft_needs_only_a_contact_and_is_saved_again_in_place(
    edition, municipality, contact
):
    draft = application_save_draft(
        edition=edition,
        municipality=municipality,
        applicant=contact,
        data=application_data(motivation="", bouwopgaven=[], team=team_data(1)),
    )
    assert draft.status == S.DRAFT
    assert draft.team_members.count() == 1

    again = application_save_draft(
        edition=edition,
        municipality=municipality,
        applicant=contact,
        data=application_data(team=team_data(4)),
    )
    assert again.pk == draft.pk
    assert [m.name for m in again.team_members.all()] == [
        "Persoon 0",
        "Persoon 1",
        "Persoon 2",
        "Persoon 3",
    ]
    assert again.bouwopgaven == [2, 5]


def test_submit_turns_the_draft_into_a_submission_and_mails_a_receipt(
    edition, municipality, contact, django_capture_on_commit_callbacks, mailoutbox
):
    draft = application_save_draft(
        edition=edition,
        municipality=municipality,
        applicant=contact,
        data=application_data(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        submitted = _submit(edition, municipality, contact)

    assert submitted.pk == draft.pk
    assert submitted.status == S.SUBMITTED
    assert submitted.submitted_at is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == f"Aanmelding ontvangen: {edition.title}"
    assert "Houten" in mailoutbox[0].body
    assert set(mailoutbox[0].to) == {contact.email, "sanne@gemeente.example.org"}


@pytest.mark.parametrize("size", [0, 2])
def test_submit_refuses_a_team_smaller_than_three(edition, municipality, contact, size):
    with pytest.raises(ApplicationIncomplete) as info:
        _submit(edition, municipality, contact, team=team_data(size))
    assert info.value.errors == {
        "team": f"Een team heeft ten minste 3 mensen. U heeft er nu {size}."
    }
    assert not Application.objects.exists()


@pytest.mark.parametrize("save", ["draft", "submit"])
def test_a_team_larger_than_eight_is_refused(edition, municipality, contact, save):
    service = application_save_draft if save == "draft" else application_submit
    with pytest.raises(ApplicationIncomplete) as info:
        service(
            edition=edition,
            municipality=municipality,
            applicant=contact,
            data=application_data(team=team_data(9)),
        )
    assert info.value.errors == {
        "team": "Een team heeft ten hoogste 8 mensen. U heeft er nu 9."
    }


@pytest.mark.parametrize("size", [3, 8])
def test_teams_of_three_to_eight_are_accepted(edition, municipality, contact, size):
    application = _submit(edition, municipality, contact, team=team_data(size))
    assert application.team_members.count() == size


def test_submit_says_exactly_what_is_missing(edition, municipality, contact):
    with pytest.raises(ApplicationIncomplete) as info:
        _submit(
            edition,
            municipality,
            contact,
            motivation=" ",
            bouwopgaven=[],
            commitment_name="",
            commitment_role="",
        )
    assert set(info.value.errors) == {
        "motivation",
        "bouwopgaven",
        "commitment_name",
        "commitment_role",
    }
    assert "bouwopgave" in info.value.errors["bouwopgaven"]


def test_a_submitted_application_cannot_be_changed_or_submitted_twice(
    edition, municipality, contact
):
    _submit(edition, municipality, contact)
    with pytest.raises(ApplicationNotEditable):
        application_save_draft(
            edition=edition,
            municipality=municipality,
            applicant=contact,
            data=application_data(),
        )
    with pytest.raises(ApplicationNotEditable):
        _submit(edition, municipality, contact)
    assert Application.objects.count() == 1


def test_applying_outside_the_window_is_refused(municipality, contact):
    closed = EditionFactory(
        applications_open_at=timezone.now() - timedelta(days=30),
        applications_close_at=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(ApplicationsClosed):
        _submit(closed, municipality, contact)


def test_the_database_refuses_a_second_active_application(edition, municipality):
    ApplicationFactory(edition=edition, municipality=municipality)
    with pytest.raises(IntegrityError):
        ApplicationFactory(edition=edition, municipality=municipality, team=0)


def test_a_duplicate_active_application_is_refused_by_the_service(
    edition, municipality, contact
):
    existing = ApplicationFactory(edition=edition, municipality=municipality)
    # A second active one slips past the lookup only in a race; the
    # constraint then turns into a Dutch error.
    Application.objects.filter(pk=existing.pk).update(status=S.ACCEPTED)
    with pytest.raises(ApplicationNotEditable):
        _submit(edition, municipality, contact)
    assert str(DuplicateApplication()).startswith("Uw gemeente heeft zich al")


def test_after_withdrawing_the_municipality_may_apply_again(
    edition, municipality, contact
):
    first = _submit(edition, municipality, contact)
    assert application_withdraw(application=first).status == S.WITHDRAWN
    second = _submit(edition, municipality, contact)
    assert second.pk != first.pk
    assert second.status == S.SUBMITTED


def test_withdraw_twice_changes_nothing_and_declined_cannot_be_withdrawn(
    edition, coordinator
):
    application = ApplicationFactory(edition=edition)
    withdrawn = application_withdraw(application=application)
    assert application_withdraw(application=withdrawn).withdrawn_at == (
        withdrawn.withdrawn_at
    )

    declined = ApplicationFactory(edition=edition)
    application_decline(application=declined, by=coordinator, message="Helaas.")
    with pytest.raises(InvalidTransition):
        application_withdraw(application=declined)


# --- Decisions ----------------------------------------------------------------


def test_accept_mails_the_applicant(
    edition, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(edition=edition)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = application_accept(application=application, by=coordinator)

    assert accepted.status == S.ACCEPTED
    assert accepted.decided_by == coordinator
    # The applicant's mail first, then one invitation per team member.
    assert len(mailoutbox) == 1 + 3
    mail = mailoutbox[0]
    assert mail.subject == f"Uw gemeente doet mee: {edition.title}"
    assert "toegelaten" in mail.body
    assert "/leergang/mijn-aanmelding/" in mail.body
    assert mail.alternatives[0][1] == "text/html"
    assert application.applicant.email in mail.to


def test_reserve_mails_the_applicant(
    edition, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(edition=edition)
    with django_capture_on_commit_callbacks(execute=True):
        application_reserve(application=application, by=coordinator)

    application.refresh_from_db()
    assert application.status == S.RESERVE
    assert [m.subject for m in mailoutbox] == [f"Op de reservelijst: {edition.title}"]


def test_decline_needs_a_message_and_mails_it(
    edition, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(edition=edition)
    with pytest.raises(DeclineMessageRequired):
        application_decline(application=application, by=coordinator, message="  ")

    with django_capture_on_commit_callbacks(execute=True):
        application_decline(
            application=application,
            by=coordinator,
            message="Uw team mist iemand van werk en inkomen.",
        )

    application.refresh_from_db()
    assert application.status == S.DECLINED
    assert len(mailoutbox) == 1
    assert "Uw team mist iemand van werk en inkomen." in mailoutbox[0].body
    assert (
        "Uw team mist iemand van werk en inkomen." in (mailoutbox[0].alternatives[0][0])
    )


def test_accept_refuses_when_the_edition_is_full_and_reserve_frees_a_place(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    edition = EditionFactory(cohort_size=2)
    first, second, third = ApplicationFactory.create_batch(3, edition=edition)
    application_accept(application=first, by=coordinator)
    application_accept(application=second, by=coordinator)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(CohortFull) as info,
    ):
        application_accept(application=third, by=coordinator)
    assert "De leergang is vol" in str(info.value)
    assert mailoutbox == []
    third.refresh_from_db()
    assert third.status == S.SUBMITTED

    application_reserve(application=second, by=coordinator)
    assert application_accept(application=third, by=coordinator).status == (S.ACCEPTED)


def test_a_draft_or_withdrawn_application_cannot_be_decided(edition, coordinator):
    draft = ApplicationFactory(edition=edition, status=S.DRAFT)
    with pytest.raises(InvalidTransition):
        application_accept(application=draft, by=coordinator)
    withdrawn = ApplicationFactory(edition=edition, status=S.WITHDRAWN)
    with pytest.raises(InvalidTransition):
        application_reserve(application=withdrawn, by=coordinator)


def test_accepting_twice_changes_nothing_and_sends_one_mail(
    edition, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(edition=edition)
    with django_capture_on_commit_callbacks(execute=True):
        application_accept(application=application, by=coordinator)
        application_accept(application=application, by=coordinator)
    subjects = [m.subject for m in mailoutbox]
    assert subjects.count(f"Uw gemeente doet mee: {edition.title}") == 1
    assert len(subjects) == 1 + 3  # and each team member invited once
