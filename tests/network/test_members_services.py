"""The rules of membership: joining, editing, the data download and deleting
an account."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from network.models import MemberProfile, MemberRole, Registration
from network.selectors.members import member_directory, member_registrations
from network.selectors.registrations import registration_waitlist_position
from network.services.members import (
    member_delete,
    member_export,
    member_profile_save,
)
from network.services.registrations import registration_create
from portal.models import User
from portal.roles import Role
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    MemberUserFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegistrationFactory,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "first_name": "Fatima",
        "last_name": "Bouzid",
        "role": MemberRole.PROFESSIONAL,
        "organisation": None,
        "organisation_name": "Sociaal wijkteam Noord",
        "municipality": None,
        "domains": ["wmo", "participatiewet"],
        "interests": [2, 5],
        "show_in_directory": False,
        "receive_newsletter": False,
    }
    data.update(overrides)
    return data


# --- Joining and editing ------------------------------------------------------


def test_joining_makes_a_profile_with_the_given_values_and_the_member_role():
    user = UserFactory()  # no roles yet
    municipality = MunicipalityFactory(name="Houten")
    profile = member_profile_save(
        user=user,
        data=_data(municipality=municipality, interests=[5, 2, 2]),
    )
    profile.refresh_from_db()
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Fatima", "Bouzid")
    assert profile.role == MemberRole.PROFESSIONAL
    assert profile.organisation_name == "Sociaal wijkteam Noord"
    assert profile.municipality == municipality
    assert profile.domains == ["wmo", "participatiewet"]
    assert profile.interests == [2, 5]
    assert user.has_role(Role.MEMBER)


def test_consents_are_off_unless_given_and_are_separate():
    user = UserFactory()
    profile = member_profile_save(user=user, data=_data())
    assert (profile.show_in_directory, profile.receive_newsletter) == (False, False)

    profile = member_profile_save(user=user, data=_data(show_in_directory=True))
    assert (profile.show_in_directory, profile.receive_newsletter) == (True, False)

    profile = member_profile_save(
        user=user, data=_data(show_in_directory=False, receive_newsletter=True)
    )
    assert (profile.show_in_directory, profile.receive_newsletter) == (False, True)


def test_saving_again_edits_the_one_profile_and_keeps_the_member_role():
    user = MemberUserFactory()
    member_profile_save(user=user, data=_data())
    member_profile_save(
        user=user, data=_data(role=MemberRole.POLICY_MAKER, domains=["jeugd"])
    )
    assert MemberProfile.objects.filter(user=user).count() == 1
    profile = MemberProfile.objects.get(user=user)
    assert profile.role == MemberRole.POLICY_MAKER
    assert profile.domains == ["jeugd"]
    assert user.groups.filter(name=Role.MEMBER.value).count() == 1


def test_an_organisation_from_the_list_clears_a_typed_name():
    organisation = OrganisationFactory(name="Movisie")
    profile = member_profile_save(
        user=UserFactory(), data=_data(organisation=organisation, organisation_name="")
    )
    assert profile.organisation == organisation
    assert profile.organisation_display == "Movisie"


def test_a_typed_name_that_is_in_the_list_is_linked_to_it():
    organisation = OrganisationFactory(name="Divosa")
    profile = member_profile_save(
        user=UserFactory(), data=_data(organisation_name="  divosa ")
    )
    assert profile.organisation == organisation
    assert profile.organisation_name == ""


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_name": " "}, "first_name", "Vul uw voornaam in."),
        ({"last_name": ""}, "last_name", "Vul uw achternaam in."),
        ({"role": ""}, "role", "Kies uw rol."),
        ({"role": "koning"}, "role", "Kies uw rol."),
        ({"organisation_name": ""}, "organisation", "Kies uw organisatie"),
        ({"domains": ["wmo", "ruimtevaart"]}, "domains", "Kies domeinen"),
        ({"interests": [1, 9]}, "interests", "Kies bouwopgaven"),
        ({"interests": ["een"]}, "interests", "Kies bouwopgaven"),
    ],
)
def test_broken_rules_give_dutch_errors_and_save_nothing(overrides, field, message):
    user = UserFactory(first_name="Oud", last_name="Naam")
    with pytest.raises(ValidationError) as info:
        member_profile_save(user=user, data=_data(**overrides))
    assert message in " ".join(info.value.message_dict[field])
    assert not MemberProfile.objects.filter(user=user).exists()
    user.refresh_from_db()
    assert user.first_name == "Oud"
    assert not user.has_role(Role.MEMBER)


def test_list_and_typed_organisation_together_is_refused():
    organisation = OrganisationFactory(name="SAM")
    with pytest.raises(ValidationError) as info:
        member_profile_save(
            user=UserFactory(),
            data=_data(organisation=organisation, organisation_name="Iets anders"),
        )
    assert "organisation_name" in info.value.message_dict


def test_a_resident_may_join_without_an_organisation():
    profile = member_profile_save(
        user=UserFactory(),
        data=_data(role=MemberRole.EXPERIENCE_EXPERT, organisation_name=""),
    )
    assert profile.organisation_display == ""


# --- Directory and my registrations (selectors) -------------------------------


def test_directory_lists_only_consenting_active_members():
    listed = MemberProfileFactory(show_in_directory=True)
    MemberProfileFactory(show_in_directory=False)
    MemberProfileFactory(show_in_directory=True, user__is_active=False)
    assert list(member_directory()) == [listed]


def test_waitlist_positions_match_the_queue():
    event = EventFactory(capacity=1)
    first, second, third = (MemberUserFactory() for _ in range(3))
    for user in (first, second, third):
        registration_create(event=event, member=user)
    for user, expected in ((first, None), (second, 1), (third, 2)):
        (registration,) = member_registrations(user=user)
        assert registration.waitlist_position == expected
        assert registration_waitlist_position(registration=registration) == expected


# --- Data download ----------------------------------------------------------------


def test_export_holds_the_account_profile_and_registrations():
    profile = MemberProfileFactory(
        user__first_name="Lotte",
        user__email="lotte@example.org",
        organisation=OrganisationFactory(name="Gemeente Houten"),
        municipality=MunicipalityFactory(name="Houten"),
        interests=[5],
        receive_newsletter=True,
    )
    past = EventFactory(
        title="Webinar Op Koers",
        starts_at=timezone.now() - timedelta(days=30),
    )
    RegistrationFactory(event=past, member=profile.user, attended=True)
    cancelled = EventFactory(title="Kennisatelier Woerden")
    RegistrationFactory(
        event=cancelled, member=profile.user, status=Registration.Status.CANCELLED
    )

    data = member_export(user=profile.user)

    assert data["account"]["email"] == "lotte@example.org"
    assert data["account"]["first_name"] == "Lotte"
    assert data["account"]["roles"] == [Role.MEMBER.value]
    assert data["account"]["email_addresses"] == [
        {"email": "lotte@example.org", "verified": True}
    ]
    assert data["member_profile"]["organisation"] == "Gemeente Houten"
    assert data["member_profile"]["municipality"] == "Houten"
    assert data["member_profile"]["interests"][0]["number"] == 5
    assert data["member_profile"]["receive_newsletter"] is True
    assert data["member_profile"]["show_in_directory"] is True
    registrations = {r["event"]: r for r in data["registrations"]}
    assert registrations["Webinar Op Koers"]["attended"] is True
    assert registrations["Webinar Op Koers"]["status"] == "bevestigd"
    assert registrations["Webinar Op Koers"]["starts_at"] == past.starts_at.isoformat()
    assert registrations["Kennisatelier Woerden"]["status"] == "afgemeld"


def test_export_contains_nothing_of_other_members():
    mine = MemberProfileFactory(user__email="ik@example.org")
    other = MemberProfileFactory(
        user__email="ander@example.org",
        user__first_name="Anderpersoon",
        organisation_name="Andere Organisatie BV",
    )
    event = EventFactory(title="Gedeelde bijeenkomst", contact_email="org@example.org")
    RegistrationFactory(event=event, member=mine.user)
    RegistrationFactory(event=event, member=other.user)
    RegistrationFactory(member=other.user)  # an event only the other attends

    text = repr(member_export(user=mine.user))

    assert "ander@example.org" not in text
    assert "Anderpersoon" not in text
    assert "Andere Organisatie BV" not in text
    assert "org@example.org" not in text
    assert len(member_export(user=mine.user)["registrations"]) == 1


def test_export_of_an_account_without_profile():
    user = UserFactory()
    data = member_export(user=user)
    assert data["member_profile"] is None
    assert data["registrations"] == []


# --- Deleting an account ----------------------------------------------------------


def test_delete_removes_account_profile_and_addresses_but_keeps_counts():
    profile = MemberProfileFactory()
    user = profile.user
    past = EventFactory(starts_at=timezone.now() - timedelta(days=10))
    RegistrationFactory(event=past, member=user, attended=True)

    member_delete(user=user)

    assert not User.objects.filter(pk=user.pk).exists()
    assert not MemberProfile.objects.filter(pk=profile.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    registration = Registration.objects.get(event=past)
    assert registration.member is None
    assert registration.attended is True
    assert registration.status == Registration.Status.CONFIRMED


def test_delete_cancels_upcoming_places_and_promotes_the_waitlist():
    event = EventFactory(capacity=1)
    leaving, waiting = MemberProfileFactory(), MemberProfileFactory()
    registration_create(event=event, member=leaving.user)
    waiting_registration = registration_create(event=event, member=waiting.user)
    assert waiting_registration.status == Registration.Status.WAITLISTED

    member_delete(user=leaving.user)

    waiting_registration.refresh_from_db()
    assert waiting_registration.status == Registration.Status.CONFIRMED
    assert Registration.objects.filter(event=event).count() == 2
    gone = Registration.objects.get(event=event, member=None)
    assert gone.status == Registration.Status.CANCELLED


def test_delete_leaves_other_members_alone():
    leaving, staying = MemberProfileFactory(), MemberProfileFactory()
    member_delete(user=leaving.user)
    assert User.objects.filter(pk=staying.user.pk).exists()
    assert MemberProfile.objects.filter(pk=staying.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_delete_mails_the_leaver_before_deleting_and_the_promoted_member():
    """Committed for real: the cancellation mail goes out while the address
    still exists, and the person from the waitlist hears they got the seat."""
    from django.core import mail

    event = EventFactory(capacity=1, title="Webinar Participatiewiel")
    leaving = MemberProfileFactory(user__email="weg@example.org")
    waiting = MemberProfileFactory(user__email="wacht@example.org")
    registration_create(event=event, member=leaving.user)
    registration_create(event=event, member=waiting.user)
    mail.outbox.clear()

    member_delete(user=leaving.user)

    recipients = {message.to[0] for message in mail.outbox}
    assert recipients == {"weg@example.org", "wacht@example.org"}
    assert not User.objects.filter(email="weg@example.org").exists()
    assert Registration.objects.get(member=waiting.user).status == "bevestigd"
