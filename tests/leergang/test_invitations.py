"""Team invitations: accepting a municipality invites its team; a team member
joins with an account whose verified address is the invited one."""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from django.core import signing
from django.utils import timezone

from leergang.exceptions import (
    AlreadyTeamMember,
    CohortFull,
    InvitationAlreadyUsed,
    InvitationEmailMismatch,
    InvitationExpired,
    InvitationInvalid,
    InvitationNotActive,
    TeamMemberAlreadyJoined,
)
from leergang.models import Application, TeamMember
from leergang.selectors import invitations as selectors
from leergang.services.applications import application_withdraw
from leergang.services.invitations import (
    team_member_join,
    team_member_resend_invitation,
    team_member_send_invitation,
)
from leergang.services.review import application_accept
from leergang.tasks import send_team_invitation
from portal.roles import Role
from tests.leergang.factories import ApplicationFactory, EditionFactory, contact_user
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Application.Status
INVITE_SUBJECT = "Uitnodiging: doe mee met het team van gemeente"


@pytest.fixture
def coordinator():
    return UserFactory(roles=[Role.COORDINATOR])


@pytest.fixture
def accepted(coordinator):
    """An accepted application of three; the invitations are not sent yet."""
    application = ApplicationFactory(
        edition=EditionFactory(title="Innovatieleergang 2027"),
        municipality__name="Houten",
    )
    return application_accept(application=application, by=coordinator)


@pytest.fixture
def member(accepted):
    return accepted.team_members.get(position=0)


def invitation_link(mail) -> str:
    match = re.search(r"https?://\S+(/leergang/uitnodiging/[^/\s]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def member_user(member, **kwargs):
    return UserFactory(email=member.email, **kwargs)


# --- Sending ------------------------------------------------------------------


def test_accepting_invites_every_team_member_with_a_signed_link(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(
        edition=EditionFactory(title="Innovatieleergang 2027"),
        municipality__name="Houten",
    )
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        application_accept(application=application, by=coordinator)

    invitations = [m for m in mailoutbox if m.subject.startswith(INVITE_SUBJECT)]
    assert sorted(m.to[0] for m in invitations) == [
        f"teamlid{i}@gemeente.example.org" for i in range(3)
    ]
    mail = invitations[0]
    assert mail.subject == f"{INVITE_SUBJECT} Houten"
    assert "Innovatieleergang 2027" in mail.body
    assert "De link werkt 60 dagen." in mail.body
    assert mail.alternatives[0][1] == "text/html"
    assert invitation_link(mail) in mail.alternatives[0][0]
    member = TeamMember.objects.get(email=mail.to[0], application=application)
    token = invitation_link(mail).split("/")[-2]
    assert selectors.team_member_for_invitation(token=token) == member
    for member in application.team_members.all():
        assert member.invited_at is not None
        assert member.invited_at >= before
        assert member.user is None


def test_nothing_is_sent_when_the_accept_rolls_back(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(edition=EditionFactory(cohort_size=1))
    ApplicationFactory(edition=application.edition, status=S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CohortFull):
        application_accept(application=application, by=coordinator)
    assert mailoutbox == []
    assert not TeamMember.objects.filter(
        application=application, invited_at__isnull=False
    ).exists()


def test_the_task_is_safe_to_run_twice(member, mailoutbox):
    send_team_invitation(member.pk)
    send_team_invitation(member.pk)

    assert len(mailoutbox) == 1
    member.refresh_from_db()
    assert member.invited_at is not None


def test_the_task_skips_unknown_joined_and_no_longer_accepted_members(
    accepted, member, mailoutbox
):
    send_team_invitation(999_999)
    member.user = member_user(member)
    member.save()
    assert team_member_send_invitation(team_member_id=member.pk) is False
    application_withdraw(application=accepted)
    other = accepted.team_members.get(position=1)
    assert team_member_send_invitation(team_member_id=other.pk) is False
    assert mailoutbox == []


def test_the_coordinator_sends_again_once_per_request(
    member, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    send_team_invitation(member.pk)
    member.refresh_from_db()
    first = member.invited_at

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        team_member_resend_invitation(team_member=member, by=coordinator)
    assert len(mailoutbox) == 2
    member.refresh_from_db()
    assert member.invited_at > first

    # The same request delivered twice does not send a third mail.
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 2


def test_resending_is_refused_for_a_joined_member_or_an_inactive_application(
    accepted, member, coordinator
):
    member.user = member_user(member)
    member.joined_at = timezone.now()
    member.save()
    with pytest.raises(TeamMemberAlreadyJoined):
        team_member_resend_invitation(team_member=member, by=coordinator)

    application_withdraw(application=accepted)
    other = accepted.team_members.get(position=1)
    with pytest.raises(InvitationNotActive):
        team_member_resend_invitation(team_member=other, by=coordinator)


# --- Tokens -------------------------------------------------------------------


def test_a_token_is_bound_to_the_member_and_the_address(member):
    token = selectors.team_member_invitation_token(team_member=member)
    assert selectors.team_member_for_invitation(token=token) == member

    member.email = "nieuw@gemeente.example.org"
    member.save()
    with pytest.raises(InvitationInvalid):
        selectors.team_member_for_invitation(token=token)


def test_a_tampered_or_foreign_token_is_invalid(member):
    token = selectors.team_member_invitation_token(team_member=member)
    with pytest.raises(InvitationInvalid):
        selectors.team_member_for_invitation(token=token[:-2] + "xx")
    unsalted = signing.dumps({"m": member.pk, "e": member.email})
    with pytest.raises(InvitationInvalid):
        selectors.team_member_for_invitation(token=unsalted)
    wrong_shape = signing.dumps(["x"], salt=selectors.INVITATION_SALT)
    with pytest.raises(InvitationInvalid):
        selectors.team_member_for_invitation(token=wrong_shape)


def token_made_days_ago(member, days: int, monkeypatch) -> str:
    then = timezone.now().timestamp() - timedelta(days=days).total_seconds()
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: then)
        return selectors.team_member_invitation_token(team_member=member)


def test_a_token_works_for_sixty_days(member, monkeypatch):
    fresh = token_made_days_ago(member, 59, monkeypatch)
    assert selectors.team_member_for_invitation(token=fresh) == member
    old = token_made_days_ago(member, 61, monkeypatch)
    with pytest.raises(InvitationExpired) as info:
        selectors.team_member_for_invitation(token=old)
    assert "verlopen" in str(info.value)


# --- Joining ------------------------------------------------------------------


def test_joining_links_the_account_case_insensitively(member):
    user = UserFactory(email=member.email.upper())

    joined = team_member_join(team_member=member, user=user)

    member.refresh_from_db()
    assert member.user == user
    assert member.joined_at is not None
    assert joined.pk == member.pk


def test_joining_twice_says_already_a_member(member):
    user = member_user(member)
    team_member_join(team_member=member, user=user)
    with pytest.raises(AlreadyTeamMember) as info:
        team_member_join(team_member=member, user=user)
    assert str(info.value) == "U bent al lid van het team."


def claimed_by_another_account(member):
    """The invitation was claimed by an account that has since changed its
    address; the invited address now belongs to a new account."""
    first = UserFactory()
    TeamMember.objects.filter(pk=member.pk).update(user=first, joined_at=timezone.now())
    return first


def test_a_second_account_cannot_claim_the_same_invitation(member):
    first = claimed_by_another_account(member)
    second = member_user(member)

    with pytest.raises(InvitationAlreadyUsed):
        team_member_join(team_member=member, user=second)
    member.refresh_from_db()
    assert member.user == first


def test_joining_needs_the_invited_address_verified(member):
    other = UserFactory(email="iemand.anders@example.org")
    with pytest.raises(InvitationEmailMismatch):
        team_member_join(team_member=member, user=other)

    unverified = UserFactory(email=member.email, verified=False)
    EmailAddress.objects.create(user=unverified, email=member.email, verified=False)
    with pytest.raises(InvitationEmailMismatch):
        team_member_join(team_member=member, user=unverified)
    member.refresh_from_db()
    assert member.user is None
    assert member.joined_at is None


def test_one_account_is_one_team_member_per_application(accepted):
    first, second = accepted.team_members.all()[:2]
    user = member_user(first)
    EmailAddress.objects.create(user=user, email=second.email, verified=True)
    team_member_join(team_member=first, user=user)

    with pytest.raises(AlreadyTeamMember):
        team_member_join(team_member=second, user=user)


def test_joining_is_refused_when_the_application_is_no_longer_accepted(
    accepted, member
):
    application_withdraw(application=accepted)
    with pytest.raises(InvitationNotActive):
        team_member_join(team_member=member, user=member_user(member))


# --- The invitation page ------------------------------------------------------


def url_for(member) -> str:
    token = selectors.team_member_invitation_token(team_member=member)
    return f"/leergang/uitnodiging/{token}/"


def test_anonymous_visitors_are_told_to_sign_in_or_sign_up(client, member):
    url = url_for(member)
    response = client.get(url)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Uitnodiging voor het team van gemeente Houten" in content
    assert f"/account/login/?{urlencode({'next': url})}" in content
    assert f"/account/signup/?{urlencode({'next': url})}" in content
    assert member.email in content


def test_an_anonymous_post_goes_to_login_and_changes_nothing(client, member):
    response = client.post(url_for(member))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    member.refresh_from_db()
    assert member.user is None


def test_the_invited_person_joins_with_ik_doe_mee(client, member):
    user = member_user(member)
    client.force_login(user)
    url = url_for(member)

    page = client.get(url)
    assert "Ik doe mee" in page.content.decode()

    response = client.post(url, follow=True)

    content = response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    assert "Welkom in het team van gemeente Houten." in content
    assert "U bent al lid van het team." in content
    assert "Ik doe mee" not in content
    member.refresh_from_db()
    assert member.user == user
    assert member.joined_at is not None


def test_a_second_account_gets_a_clear_message(client, member):
    claimed_by_another_account(member)
    client.force_login(member_user(member))

    page = client.get(url_for(member))
    assert "Iemand anders heeft deze uitnodiging al gebruikt" in page.content.decode()
    assert "Ik doe mee" not in page.content.decode()

    response = client.post(url_for(member))
    assert response.status_code == 409
    assert "Iemand anders heeft deze uitnodiging al gebruikt" in (
        response.content.decode()
    )


def test_another_address_is_told_to_ask_the_coordinator(client, member):
    client.force_login(UserFactory(email="ander@example.org"))

    page = client.get(url_for(member))
    content = page.content.decode()
    assert "U bent ingelogd als ander@example.org" in content
    assert "Vraag de coördinator" in content
    assert "Ik doe mee" not in content

    response = client.post(url_for(member))
    assert response.status_code == 409
    member.refresh_from_db()
    assert member.user is None


@pytest.mark.parametrize("how", ["tampered", "expired"])
def test_a_bad_link_shows_a_dutch_message_and_changes_nothing(
    client, member, how, monkeypatch
):
    user = member_user(member)
    client.force_login(user)
    if how == "tampered":
        url = url_for(member)[:-4] + "xx/"
        expected = "Deze uitnodiging klopt niet."
    else:
        token = token_made_days_ago(member, 61, monkeypatch)
        url = f"/leergang/uitnodiging/{token}/"
        expected = "Deze uitnodiging is verlopen."

    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert expected in response.content.decode()
    member.refresh_from_db()
    assert member.user is None


def test_an_invitation_of_a_withdrawn_municipality_is_gone(client, accepted, member):
    application_withdraw(application=accepted)
    client.force_login(member_user(member))
    response = client.post(url_for(member))
    assert response.status_code == 404
    assert "Deze uitnodiging geldt niet meer" in response.content.decode()
    member.refresh_from_db()
    assert member.user is None


# --- What the contact and the coordinator see ---------------------------------


def test_my_application_shows_who_joined_the_team(client, member):
    application = member.application
    contact = contact_user(municipality=application.municipality)
    team_member_join(team_member=member, user=member_user(member))
    invited = application.team_members.get(position=1)
    invited.invited_at = timezone.now()
    invited.save()
    client.force_login(contact)

    content = client.get("/leergang/mijn-aanmelding/").content.decode()

    assert 'data-state="joined"' in content
    assert "Doet mee sinds" in content
    assert "Uitgenodigd op" in content
    assert "Nog niet uitgenodigd" in content


def test_the_coordinator_resends_an_invitation_from_the_review_page(
    client, member, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(coordinator)
    detail = client.get(member.application.get_review_url()).content.decode()
    assert "Uitnodiging opnieuw sturen" in detail

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/leergang/beheer/teamlid/{member.pk}/opnieuw-uitnodigen/", follow=True
        )

    assert f"{member.name} krijgt een nieuwe uitnodiging" in response.content.decode()
    assert [m.to for m in mailoutbox] == [[member.email]]


def test_resending_needs_the_permission_and_a_post(client, member, make_user):
    url = f"/leergang/beheer/teamlid/{member.pk}/opnieuw-uitnodigen/"
    client.force_login(make_user(Role.MEMBER))
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    client.logout()
    assert client.post(url).status_code == 302


def test_resending_to_a_joined_member_shows_the_refusal(client, member, coordinator):
    team_member_join(team_member=member, user=member_user(member))
    client.force_login(coordinator)
    response = client.post(
        f"/leergang/beheer/teamlid/{member.pk}/opnieuw-uitnodigen/", follow=True
    )
    assert "Dit teamlid doet al mee." in response.content.decode()
