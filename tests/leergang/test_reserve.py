"""The reserve list: its order, the offer when an accepted municipality
withdraws, and carrying the list over to the next edition."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from leergang.exceptions import CarryOverSameEdition, CohortFull
from leergang.models import Application, TeamMember
from leergang.selectors import reserve as selectors
from leergang.services.applications import application_withdraw
from leergang.services.reserve import edition_carry_over_reserve
from leergang.services.review import application_accept
from leergang.tasks import send_place_free_mail
from portal.roles import Role
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
)
from tests.network import failing_mail
from tests.network.factories import MunicipalityFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Application.Status
PLACE_FREE = "Er is een plaats vrij. Eerste op de reservelijst: gemeente"


@pytest.fixture
def coordinator():
    return UserFactory(email="coordinator@example.org", roles=[Role.COORDINATOR])


def reserve(edition, name, *, decided_days_ago, submitted_days_ago=10):
    now = timezone.now()
    return ApplicationFactory(
        edition=edition,
        municipality=MunicipalityFactory(name=name),
        status=S.RESERVE,
        decided_at=now - timedelta(days=decided_days_ago),
        submitted_at=now - timedelta(days=submitted_days_ago),
    )


@pytest.fixture
def full_edition_with_reserves():
    """A cohort of two, full, with three municipalities on the reserve list."""
    edition = EditionFactory(title="Innovatieleergang 2027", cohort_size=2)
    accepted = [
        ApplicationFactory(edition=edition, status=S.ACCEPTED, municipality__name=name)
        for name in ("Houten", "Zeist")
    ]
    reserve(edition, "Bunnik", decided_days_ago=3)
    reserve(edition, "Utrecht", decided_days_ago=5)
    reserve(edition, "Nieuwegein", decided_days_ago=1)
    return edition, accepted


# --- Order --------------------------------------------------------------------


def test_the_reserve_list_is_in_the_order_applications_were_put_on_it():
    edition = EditionFactory()
    late = reserve(edition, "Laat", decided_days_ago=1, submitted_days_ago=30)
    early = reserve(edition, "Vroeg", decided_days_ago=5, submitted_days_ago=2)
    # Put on the list at the same moment: the earlier submission goes first.
    same_moment = timezone.now() - timedelta(days=3)
    tie_second = ApplicationFactory(
        edition=edition,
        status=S.RESERVE,
        decided_at=same_moment,
        submitted_at=same_moment - timedelta(days=1),
    )
    tie_first = ApplicationFactory(
        edition=edition,
        status=S.RESERVE,
        decided_at=same_moment,
        submitted_at=same_moment - timedelta(days=2),
    )
    ApplicationFactory(edition=edition, status=S.SUBMITTED)
    ApplicationFactory(edition=EditionFactory(), status=S.RESERVE)

    order = list(selectors.application_reserve_list(edition=edition))

    assert order == [early, tie_first, tie_second, late]


def test_an_offer_only_when_a_place_is_free_and_someone_waits(
    full_edition_with_reserves,
):
    edition, accepted = full_edition_with_reserves
    assert selectors.edition_reserve_offer(edition=edition) is None
    assert selectors.edition_reserve_offers() == {}

    application_withdraw(application=accepted[0])

    offer = selectors.edition_reserve_offer(edition=edition)
    assert offer.municipality.name == "Utrecht"
    assert selectors.edition_reserve_offers() == {edition.pk: offer}

    empty = EditionFactory(cohort_size=2)
    ApplicationFactory(edition=empty, status=S.SUBMITTED)
    assert selectors.edition_reserve_offer(edition=empty) is None


# --- A place comes free -------------------------------------------------------


def test_withdrawing_an_accepted_application_mails_the_coordinators(
    full_edition_with_reserves,
    coordinator,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    _edition, accepted = full_edition_with_reserves
    direct = UserFactory(email="reviewer@example.org")
    direct.user_permissions.add(
        Permission.objects.get(
            codename="review_application", content_type__app_label="leergang"
        )
    )
    UserFactory(email="lid@example.org", roles=[Role.MEMBER])
    UserFactory(email="oud@example.org", roles=[Role.COORDINATOR], is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=accepted[0])

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Er is een plaats vrij in Innovatieleergang 2027"
    assert sorted(mail.to) == ["coordinator@example.org", "reviewer@example.org"]
    assert "Houten heeft de aanmelding voor Innovatieleergang 2027" in mail.body
    assert "Eerste op de reservelijst: gemeente Utrecht." in mail.body
    utrecht = Application.objects.get(municipality__name="Utrecht")
    assert utrecht.get_review_url() in mail.body
    assert "Utrecht" in mail.alternatives[0][0]


def test_the_place_free_mail_is_sent_once(
    full_edition_with_reserves, coordinator, mailoutbox
):
    _edition, accepted = full_edition_with_reserves
    application_withdraw(application=accepted[0])

    send_place_free_mail(accepted[0].pk)
    send_place_free_mail(accepted[0].pk)

    assert len(mailoutbox) == 1


def test_a_failed_place_free_mail_is_sent_on_the_retry(
    full_edition_with_reserves, coordinator, settings
):
    settings.EMAIL_BACKEND = "tests.network.failing_mail.FailingTwiceBackend"
    failing_mail.reset(failures=1)
    _edition, accepted = full_edition_with_reserves
    application_withdraw(application=accepted[0])

    with pytest.raises(SMTPServerDisconnected):
        send_place_free_mail(accepted[0].pk)
    assert failing_mail.sent == []
    send_place_free_mail(accepted[0].pk)
    send_place_free_mail(accepted[0].pk)

    assert [m.to for m in failing_mail.sent] == [[coordinator.email]]


def test_no_place_free_mail_for_other_withdrawals_or_a_filled_place(
    full_edition_with_reserves,
    coordinator,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    edition, accepted = full_edition_with_reserves
    submitted = ApplicationFactory(edition=edition, status=S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=submitted)
    assert mailoutbox == []

    # The place was filled again before the mail went out.
    application_withdraw(application=accepted[0])
    application_accept(
        application=Application.objects.get(municipality__name="Utrecht"),
        by=coordinator,
    )
    send_place_free_mail(accepted[0].pk)
    assert mailoutbox == []


def test_review_pages_offer_the_first_on_the_reserve_list(
    client, full_edition_with_reserves, coordinator
):
    _edition, accepted = full_edition_with_reserves
    client.force_login(coordinator)
    assert PLACE_FREE not in client.get("/leergang/beheer/").content.decode()

    application_withdraw(application=accepted[0])

    listing = client.get("/leergang/beheer/").content.decode()
    assert f"{PLACE_FREE} Utrecht" in listing
    assert "Gemeente Utrecht toelaten" in listing
    detail = client.get(accepted[1].get_review_url()).content.decode()
    assert f"{PLACE_FREE} Utrecht" in detail


def test_the_accept_button_admits_the_reserve(
    client,
    full_edition_with_reserves,
    coordinator,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    edition, accepted = full_edition_with_reserves
    application_withdraw(application=accepted[0])
    utrecht = Application.objects.get(municipality__name="Utrecht")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("leergang:review_accept_reserve", args=[utrecht.pk]), follow=True
        )

    content = response.content.decode()
    assert "Gemeente Utrecht is toegelaten." in content
    assert PLACE_FREE not in content
    utrecht.refresh_from_db()
    assert utrecht.status == S.ACCEPTED
    assert utrecht.decided_by == coordinator
    assert f"Uw gemeente doet mee: {edition.title}" in [m.subject for m in mailoutbox]


def test_the_accept_button_still_respects_the_edition_size(
    client, full_edition_with_reserves, coordinator
):
    _edition, _accepted = full_edition_with_reserves
    utrecht = Application.objects.get(municipality__name="Utrecht")
    client.force_login(coordinator)

    response = client.post(
        reverse("leergang:review_accept_reserve", args=[utrecht.pk]), follow=True
    )

    assert "De leergang is vol" in response.content.decode()
    utrecht.refresh_from_db()
    assert utrecht.status == S.RESERVE
    with pytest.raises(CohortFull):
        application_accept(application=utrecht, by=coordinator)


def test_the_accept_button_is_only_for_the_reserve_list(
    client, full_edition_with_reserves, coordinator, make_user
):
    edition, accepted = full_edition_with_reserves
    application_withdraw(application=accepted[0])
    submitted = ApplicationFactory(edition=edition, municipality__name="Wijk")
    url = reverse("leergang:review_accept_reserve", args=[submitted.pk])
    client.force_login(coordinator)

    response = client.post(url, follow=True)
    assert "Gemeente Wijk staat niet (meer) op de reservelijst." in (
        response.content.decode()
    )
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED

    assert client.get(url).status_code == 405
    client.force_login(make_user(Role.MEMBER))
    assert client.post(url).status_code == 403


@pytest.mark.parametrize("rows", [3, 30])
def test_review_list_with_offers_keeps_its_query_count(
    client, coordinator, django_assert_max_num_queries, rows
):
    for _ in range(3):
        edition = EditionFactory(cohort_size=rows + 5)
        ApplicationFactory.create_batch(rows, edition=edition, status=S.RESERVE)
    client.force_login(coordinator)

    with django_assert_max_num_queries(14):
        response = client.get("/leergang/beheer/")

    assert response.content.decode().count(PLACE_FREE) == 3


# --- Carrying the reserve list over -------------------------------------------


@pytest.fixture
def editions():
    source = EditionFactory(title="Innovatieleergang 2027")
    target = EditionFactory(title="Innovatieleergang 2028")
    return source, target


def test_carry_over_copies_each_reserve_application(
    editions, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    source, target = editions
    original = reserve(source, "Bunnik", decided_days_ago=2)
    original.contact_phone = "030 765 43 21"
    original.save()
    second = reserve(source, "Zeist", decided_days_ago=4)
    ApplicationFactory(edition=source, status=S.SUBMITTED)
    ApplicationFactory(edition=source, status=S.ACCEPTED)

    with django_capture_on_commit_callbacks(execute=True):
        result = edition_carry_over_reserve(
            source=source, target=target, by=coordinator
        )

    assert [a.carried_over_from for a in result.created] == [second, original]
    assert result.skipped == []
    copy = Application.objects.get(edition=target, municipality__name="Bunnik")
    assert copy.status == S.SUBMITTED
    assert copy.submitted_at is not None
    assert copy.carried_over_from == original
    for name in (
        "applicant_id",
        "contact_name",
        "contact_email",
        "contact_phone",
        "motivation",
        "bouwopgaven",
        "commitment_name",
        "commitment_role",
    ):
        assert getattr(copy, name) == getattr(original, name), name
    assert [
        (m.name, m.email, m.function, m.domain, m.position, m.user_id)
        for m in copy.team_members.all()
    ] == [
        (m.name, m.email, m.function, m.domain, m.position, None)
        for m in original.team_members.all()
    ]
    original.refresh_from_db()
    assert original.status == S.RESERVE
    assert Application.objects.filter(edition=target).count() == 2
    subjects = [m.subject for m in mailoutbox]
    assert subjects == ["Uw aanmelding is overgenomen: Innovatieleergang 2028"] * 2
    bunnik = next(m for m in mailoutbox if "Bunnik" in m.body)
    assert "reservelijst van Innovatieleergang 2027" in bunnik.body
    assert original.contact_email in bunnik.to


def test_carry_over_skips_municipalities_already_in_the_target(editions, coordinator):
    source, target = editions
    bunnik = reserve(source, "Bunnik", decided_days_ago=2)
    zeist = reserve(source, "Zeist", decided_days_ago=3)
    houten = reserve(source, "Houten", decided_days_ago=4)
    ApplicationFactory(edition=target, municipality=bunnik.municipality, status=S.DRAFT)
    ApplicationFactory(
        edition=target, municipality=zeist.municipality, status=S.WITHDRAWN
    )

    result = edition_carry_over_reserve(source=source, target=target, by=coordinator)

    assert result.skipped == [bunnik]
    assert [a.carried_over_from for a in result.created] == [houten, zeist]


def test_carry_over_twice_changes_nothing(
    editions, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    source, target = editions
    reserve(source, "Bunnik", decided_days_ago=2)
    reserve(source, "Zeist", decided_days_ago=3)
    edition_carry_over_reserve(source=source, target=target, by=coordinator)
    # A municipality that withdrew the carried-over application is not
    # carried over again either.
    application_withdraw(
        application=Application.objects.get(edition=target, municipality__name="Zeist")
    )

    with django_capture_on_commit_callbacks(execute=True):
        again = edition_carry_over_reserve(source=source, target=target, by=coordinator)

    assert again.created == []
    assert len(again.skipped) == 2
    assert Application.objects.filter(edition=target).count() == 2
    assert TeamMember.objects.filter(application__edition=target).count() == 6
    assert mailoutbox == []


def test_carry_over_to_the_same_edition_is_refused(editions, coordinator):
    source, _target = editions
    reserve(source, "Bunnik", decided_days_ago=2)
    with pytest.raises(CarryOverSameEdition):
        edition_carry_over_reserve(source=source, target=source, by=coordinator)
    assert Application.objects.count() == 1


def test_the_carry_over_button(client, editions, coordinator):
    source, target = editions
    reserve(source, "Bunnik", decided_days_ago=2)
    client.force_login(coordinator)
    listing = client.get("/leergang/beheer/").content.decode()
    assert "Reservelijst overnemen" in listing
    assert 'name="carry-source"' in listing

    response = client.post(
        reverse("leergang:review_carry_over"),
        {"carry-source": source.pk, "carry-target": target.pk},
        follow=True,
    )

    content = response.content.decode()
    assert "1 aanmelding(en) van de reservelijst van Innovatieleergang 2027" in (
        content
    )
    assert Application.objects.filter(
        edition=target, municipality__name="Bunnik", status=S.SUBMITTED
    ).exists()


def test_the_carry_over_button_checks_its_input_and_permission(
    client, editions, make_user
):
    source, target = editions
    reserve(source, "Bunnik", decided_days_ago=2)
    url = reverse("leergang:review_carry_over")
    data = {"carry-source": source.pk, "carry-target": target.pk}

    assert client.post(url, data).status_code == 302  # to the login page
    client.force_login(make_user(Role.MEMBER))
    assert client.post(url, data).status_code == 403
    client.force_login(make_user(Role.COORDINATOR))
    assert client.get(url).status_code == 405
    response = client.post(
        url, {"carry-source": source.pk, "carry-target": source.pk}, follow=True
    )
    assert "Kies twee verschillende edities" in response.content.decode()
    assert Application.objects.filter(edition=target).count() == 0
