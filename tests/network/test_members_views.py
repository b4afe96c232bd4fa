"""The pages of membership: joining, the profile, the member directory, my
page, my data and deleting an account."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import MemberProfile, MemberRole, Registration
from network.selectors.members import member_feed_secret
from network.services.registrations import registration_create
from network.tokens import feed_token_read
from portal.models import User
from portal.roles import Role
from tests.knowledge.factories import home_page_create
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    MemberUserFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegistrationFactory,
)
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

JOIN = reverse("network:join")
PROFILE = reverse("network:profile_edit")
DIRECTORY = reverse("network:directory")
MY_PAGE = reverse("network:my_page")
MY_DATA = reverse("network:my_data")
DELETE = reverse("network:account_delete")


def _join_post(**overrides):
    data = {
        "first_name": "Fatima",
        "last_name": "Bouzid",
        "role": MemberRole.PROFESSIONAL.value,
        "organisation": "",
        "organisation_name": "Sociaal wijkteam Noord",
        "municipality": "",
        "domains": ["wmo"],
        "interests": ["2", "5"],
    }
    data.update(overrides)
    return data


# --- /leernetwerk/ --------------------------------------------------------------


def test_anonymous_visitors_read_about_the_network_and_get_account_links(client):
    response = client.get(JOIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het leernetwerk" in html
    assert "inspiratiebijeenkomsten" in html
    assert 'href="/account/signup/?next=%2Fleernetwerk%2F"' in html
    assert 'href="/account/login/?next=%2Fleernetwerk%2F"' in html
    assert '<form method="post" class="form member-form"' not in html


def test_a_signed_in_non_member_sees_the_profile_form(client):
    user = MemberUserFactory(first_name="Fatima", last_name="Bouzid")
    client.force_login(user)
    html = client.get(JOIN).content.decode()
    assert 'name="role"' in html
    assert 'name="show_in_directory"' in html
    assert 'name="receive_newsletter"' in html
    assert 'value="Fatima"' in html  # the name from the account is filled in
    # Both consents start unticked.
    assert 'name="show_in_directory" id="id_show_in_directory" checked' not in html
    assert "checked" not in html


def test_joining_saves_the_profile_and_sends_to_my_page(client):
    municipality = MunicipalityFactory(name="Woerden")
    user = MemberUserFactory()
    client.force_login(user)
    response = client.post(
        JOIN,
        _join_post(municipality=str(municipality.pk), receive_newsletter="on"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == MY_PAGE
    assert "Welkom in het leernetwerk" in response.content.decode()
    profile = MemberProfile.objects.get(user=user)
    assert profile.municipality == municipality
    assert profile.interests == [2, 5]
    assert profile.domains == ["wmo"]
    assert profile.receive_newsletter is True
    assert profile.show_in_directory is False
    assert user.has_role(Role.MEMBER)


def test_join_errors_are_dutch_and_keep_the_input(client):
    client.force_login(MemberUserFactory(first_name="", last_name=""))
    response = client.post(
        JOIN,
        _join_post(
            first_name="Fatima",
            last_name="",
            role="",
            organisation_name="",
            interests=["5"],
            show_in_directory="on",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html
    assert "Vul uw achternaam in." in html
    assert "Kies uw rol." in html
    assert "Kies uw organisatie uit de lijst" in html
    assert 'value="Fatima"' in html
    assert 'id="id_interests_4" checked' in html  # bouwopgave 5 stays ticked
    assert 'id="id_show_in_directory" checked' in html
    assert 'aria-invalid="true"' in html
    assert not MemberProfile.objects.exists()


def test_join_refuses_both_a_listed_and_a_typed_organisation(client):
    organisation = OrganisationFactory(name="Movisie")
    client.force_login(MemberUserFactory())
    response = client.post(
        JOIN,
        _join_post(organisation=str(organisation.pk), organisation_name="Iets anders"),
    )
    assert "U koos al een organisatie uit de lijst" in response.content.decode()
    assert not MemberProfile.objects.exists()


def test_join_refuses_a_choice_that_is_not_in_the_list(client):
    client.force_login(MemberUserFactory())
    response = client.post(JOIN, _join_post(role="koning", interests=["9"]))
    html = response.content.decode()
    assert "Kies een rol uit de lijst." in html
    assert "Kies bouwopgaven uit de lijst." in html
    assert not MemberProfile.objects.exists()


def test_a_member_on_the_join_page_gets_links_not_a_second_form(client):
    profile = MemberProfileFactory()
    client.force_login(profile.user)
    html = client.get(JOIN).content.decode()
    assert "U bent lid van het leernetwerk" in html
    assert 'name="role"' not in html
    response = client.post(JOIN, _join_post())
    assert response.url == PROFILE
    assert MemberProfile.objects.count() == 1


def test_anonymous_post_to_join_goes_to_login(client):
    response = client.post(JOIN, _join_post())
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")
    assert not MemberProfile.objects.exists()


# --- /leernetwerk/profiel/ ------------------------------------------------------


def test_profile_edit_requires_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url == f"/account/login/?next={PROFILE}"


def test_profile_edit_sends_non_members_to_join(client):
    client.force_login(MemberUserFactory())
    response = client.get(PROFILE)
    assert response.url == JOIN


def test_profile_edit_shows_and_saves_the_profile(client):
    organisation = OrganisationFactory(name="Divosa")
    profile = MemberProfileFactory(
        organisation=organisation,
        organisation_name="",
        domains=["ggz"],
        show_in_directory=True,
        receive_newsletter=False,
    )
    client.force_login(profile.user)
    html = client.get(PROFILE).content.decode()
    assert f'<option value="{organisation.pk}" selected>Divosa</option>' in html
    assert 'id="id_show_in_directory" checked' in html

    response = client.post(
        PROFILE,
        _join_post(
            organisation=str(organisation.pk),
            organisation_name="",
            role=MemberRole.MANAGER.value,
            receive_newsletter="on",
        ),
    )
    assert response.url == MY_PAGE
    profile.refresh_from_db()
    assert profile.role == MemberRole.MANAGER
    # Unticked in the form: the directory consent is withdrawn.
    assert profile.show_in_directory is False
    assert profile.receive_newsletter is True


def test_profile_edit_errors_keep_the_input(client):
    profile = MemberProfileFactory(user__first_name="Kees")
    client.force_login(profile.user)
    response = client.post(
        PROFILE, _join_post(first_name="", organisation_name="Nieuwe naam")
    )
    html = response.content.decode()
    assert "Vul uw voornaam in." in html
    assert 'value="Nieuwe naam"' in html
    profile.user.refresh_from_db()
    assert profile.user.first_name == "Kees"


# --- /leden/ ------------------------------------------------------------------------


def test_directory_sends_anonymous_visitors_to_login(client):
    response = client.get(DIRECTORY)
    assert response.status_code == 302
    assert response.url == f"/account/login/?next={DIRECTORY}"


def test_directory_refuses_signed_in_non_members_in_dutch(client):
    MemberProfileFactory(user__first_name="Zichtbaar")
    client.force_login(MemberUserFactory())
    response = client.get(DIRECTORY)
    html = response.content.decode()
    assert response.status_code == 403
    assert "alleen voor leden" in html
    assert f'href="{JOIN}"' in html
    assert "Zichtbaar" not in html


def test_directory_shows_only_consenting_active_members_and_no_addresses(client):
    viewer = MemberProfileFactory(show_in_directory=False)
    MemberProfileFactory(
        user__first_name="Anouk",
        user__last_name="Jansen",
        user__email="anouk@example.org",
        organisation_name="WIL Lekstroom",
        domains=["participatiewet"],
    )
    MemberProfileFactory(
        user__first_name="Geheim", user__email="geheim@example.org",
        show_in_directory=False,
    )  # fmt: skip
    MemberProfileFactory(
        user__first_name="Vertrokken", user__email="weg@example.org",
        user__is_active=False,
    )  # fmt: skip
    client.force_login(viewer.user)
    response = client.get(DIRECTORY)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anouk Jansen" in html
    assert "WIL Lekstroom" in html
    assert "Participatiewet (werk en inkomen)" in html
    assert "1 lid gevonden" in html
    assert "Geheim" not in html
    assert "Vertrokken" not in html
    main = html.split('<main id="inhoud"')[1].split("</main>")[0]
    assert "@" not in main  # no e-mail address of anyone on the list


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "jansen"}, {"Anouk Jansen"}),
        ({"q": "anouk jan"}, {"Anouk Jansen"}),
        ({"q": "movisie"}, {"Lieke Smit"}),
        ({"q": "wijkteam"}, {"Sanne Visser"}),
        ({"rol": "onderzoeker"}, {"Lieke Smit"}),
        ({"gemeente": "houten"}, {"Anouk Jansen", "Sanne Visser"}),
        ({"rol": "professional", "gemeente": "houten"}, {"Anouk Jansen"}),
        ({"q": "niemand"}, set()),
        ({"gemeente": "geen-getal", "rol": "koning"}, None),  # broken: ignored
    ],
)
def test_directory_search_filters(client, params, expected):
    houten = MunicipalityFactory(name="Houten")
    zeist = MunicipalityFactory(name="Zeist")
    movisie = OrganisationFactory(name="Movisie")
    viewer = MemberProfileFactory(
        user__first_name="Kijker", user__last_name="Zelf", show_in_directory=False
    )
    MemberProfileFactory(
        user__first_name="Anouk", user__last_name="Jansen", municipality=houten,
        organisation_name="WIL Lekstroom", role=MemberRole.PROFESSIONAL,
    )  # fmt: skip
    MemberProfileFactory(
        user__first_name="Lieke", user__last_name="Smit", municipality=zeist,
        organisation=movisie, organisation_name="", role=MemberRole.RESEARCHER,
    )  # fmt: skip
    MemberProfileFactory(
        user__first_name="Sanne", user__last_name="Visser", municipality=houten,
        organisation_name="Sociaal wijkteam Houten", role=MemberRole.POLICY_MAKER,
    )  # fmt: skip
    if params.get("gemeente") == "houten":
        params = {**params, "gemeente": str(houten.pk)}
    client.force_login(viewer.user)
    response = client.get(DIRECTORY, params)
    assert response.status_code == 200
    shown = {m.user.get_full_name() for m in response.context["members"]}
    if expected is None:
        expected = {"Anouk Jansen", "Lieke Smit", "Sanne Visser"}
    assert shown == expected
    html = response.content.decode()
    for name in {"Anouk Jansen", "Lieke Smit", "Sanne Visser"} - expected:
        assert name not in html


def test_directory_is_paginated_and_keeps_the_search(client):
    houten = MunicipalityFactory(name="Houten")
    viewer = MemberProfileFactory(show_in_directory=False)
    MemberProfileFactory.create_batch(30, municipality=houten)
    client.force_login(viewer.user)
    first = client.get(DIRECTORY, {"gemeente": houten.pk})
    html = first.content.decode()
    assert len(first.context["members"]) == 25
    assert "30 leden gevonden" in html
    assert "Pagina 1 van 2" in html
    assert f"?gemeente={houten.pk}&amp;pagina=2" in html
    second = client.get(DIRECTORY, {"gemeente": houten.pk, "pagina": 2})
    assert len(second.context["members"]) == 5


@pytest.mark.parametrize("members", [10, 1000])
def test_directory_query_count_does_not_grow(
    client, django_assert_max_num_queries, members
):
    houten = MunicipalityFactory(name="Houten")
    organisation = OrganisationFactory(name="Movisie")
    viewer = MemberProfileFactory(municipality=houten, show_in_directory=True)
    users = User.objects.bulk_create(
        User(email=f"lid{n}@example.org", first_name="Lid", last_name=f"Nummer {n}")
        for n in range(members)
    )
    users = User.objects.filter(email__startswith="lid").order_by("pk")
    MemberProfile.objects.bulk_create(
        MemberProfile(
            user=user,
            role=MemberRole.PROFESSIONAL,
            municipality=houten,
            organisation=organisation if n % 2 else None,
            organisation_name="" if n % 2 else f"Wijkteam {n}",
            domains=["wmo", "jeugd"],
            interests=[2],
            show_in_directory=True,
        )
        for n, user in enumerate(users)
    )
    client.force_login(viewer.user)
    with django_assert_max_num_queries(8):
        response = client.get(DIRECTORY, {"gemeente": houten.pk})
    assert response.status_code == 200
    assert len(response.context["members"]) == min(members + 1, 25)
    assert "Movisie" in response.content.decode()
    with django_assert_max_num_queries(8):
        second = client.get(DIRECTORY, {"q": "e", "pagina": 2})
    assert second.status_code == 200
    assert second.context["page_obj"].paginator.count >= members


# --- /mijn/ -------------------------------------------------------------------------


def test_my_page_requires_login(client):
    response = client.get(MY_PAGE)
    assert response.url == f"/account/login/?next={MY_PAGE}"


def test_my_page_shows_registrations_status_and_cancel_buttons(client):
    profile = MemberProfileFactory(
        user__first_name="Lotte",
        user__last_name="Lid",
        organisation_name="Gemeente Houten",
        show_in_directory=True,
        receive_newsletter=False,
    )
    user = profile.user
    confirmed = EventFactory(title="Webinar Op Koers")
    full = EventFactory(title="Kennisatelier Woerden", capacity=1)
    registration_create(event=confirmed, member=user)
    registration_create(event=full, member=MemberUserFactory())
    registration_create(event=full, member=MemberUserFactory())
    registration_create(event=full, member=user)  # third in line: place 2
    past = EventFactory(
        title="Conferentie 2025", starts_at=timezone.now() - timedelta(days=60)
    )
    RegistrationFactory(event=past, member=user, attended=True)
    cancelled = EventFactory(title="Afgemelde bijeenkomst")
    RegistrationFactory(
        event=cancelled, member=user, status=Registration.Status.CANCELLED
    )
    client.force_login(user)

    html = client.get(MY_PAGE).content.decode()

    assert f'href="{confirmed.get_absolute_url()}">Webinar Op Koers' in html
    assert "<strong>Bevestigd</strong>" in html
    assert "<strong>Op de wachtlijst</strong>: u staat op plaats 2." in html
    assert html.count('name="next" value="/mijn/"') == 2
    for event in (confirmed, full):
        unregister = reverse("network:event_unregister", args=[event.slug])
        assert f'action="{unregister}"' in html
    assert "Conferentie 2025" in html
    assert "U was erbij." in html
    assert "Afgemelde bijeenkomst" not in html
    assert "Gemeente Houten" in html
    assert "Ja, andere leden kunnen mij vinden." in html
    assert "Nee, ik krijg de nieuwsbrief niet." in html
    assert f'href="{PROFILE}"' in html
    assert f'href="{MY_DATA}"' in html
    assert f'href="{DELETE}"' in html


def test_my_page_feed_url_is_absolute_and_belongs_to_the_user(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://leernetwerk.example.org"
    user = MemberUserFactory()
    client.force_login(user)
    html = client.get(MY_PAGE).content.decode()
    # The token is signed with the site's key: read it from the page.
    prefix = "https://leernetwerk.example.org" + reverse(
        "network:member_feed", args=["TOKEN"]
    ).replace("TOKEN.ics", "")
    found = re.search(r'id="feed-url" class="feed-url" value="([^"]+)"', html)
    assert found, html
    url = found.group(1)
    assert url.startswith(prefix)
    assert url.endswith(".ics")
    token = url.removeprefix(prefix).removesuffix(".ics")
    assert feed_token_read(token) == (user.pk, member_feed_secret(user=user))
    assert (
        client.get(url.removeprefix("https://leernetwerk.example.org")).status_code
        == 200
    )
    assert "Outlook" in html
    assert "Google Agenda" in html
    # Without a profile: an invitation to join.
    assert f'href="{JOIN}"' in html


def _feed_path(html: str) -> str:
    found = re.search(
        r'id="feed-url" class="feed-url" value="https?://[^/]+([^"]+)"', html
    )
    assert found, html
    return found.group(1)


def test_a_member_makes_a_new_calendar_link_and_the_old_one_stops_working(client):
    user = MemberProfileFactory().user
    event = EventFactory(title="Webinar Op Koers")
    registration_create(event=event, member=user)
    client.force_login(user)
    page = client.get(MY_PAGE).content.decode()
    old_feed = _feed_path(page)
    assert client.get(old_feed).status_code == 200
    assert "Nieuwe link maken" in page
    assert f'action="{reverse("network:feed_rotate")}"' in page

    response = client.post(reverse("network:feed_rotate"), follow=True)

    html = response.content.decode()
    assert "U heeft een nieuwe link naar uw agenda." in html
    new_feed = _feed_path(html)
    assert new_feed != old_feed
    client.logout()  # a calendar app has no session
    assert client.get(old_feed).status_code == 404
    fresh = client.get(new_feed)
    assert fresh.status_code == 200
    assert "Webinar Op Koers" in fresh.content.decode()
    # The link stays the same until the member asks for a new one.
    client.force_login(user)
    assert _feed_path(client.get(MY_PAGE).content.decode()) == new_feed


def test_the_calendar_link_on_my_page_stays_the_same_from_visit_to_visit(
    client, monkeypatch
):
    """A member pastes the link into Outlook once; the page must keep showing
    that same link (not one that changes with the clock) until they ask for a
    new one."""
    from django.core.signing import TimestampSigner

    user = MemberProfileFactory().user
    client.force_login(user)
    first = _feed_path(client.get(MY_PAGE).content.decode())
    later = TimestampSigner.timestamp(TimestampSigner())
    # An hour later, as the signer's clock sees it.
    monkeypatch.setattr(TimestampSigner, "timestamp", lambda self: later + "1")

    assert _feed_path(client.get(MY_PAGE).content.decode()) == first


def test_opening_my_page_writes_nothing(client):
    """A GET only reads: the calendar link of a member who never had one is
    shown without making a row for it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = MemberProfileFactory().user
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(MY_PAGE)
    assert page.status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    link = _feed_path(page.content.decode())
    client.logout()
    assert client.get(link).status_code == 200


def test_a_calendar_link_given_out_before_links_were_stable_keeps_working(client):
    """Links made before the link stopped changing with the clock carried a
    timestamp; members subscribed with those must not lose their calendar."""
    from django.core import signing

    from network.tokens import FEED_SALT_TIMESTAMPED

    user = MemberProfileFactory().user
    event = EventFactory(title="Webinar Op Koers")
    registration_create(event=event, member=user)
    old = signing.dumps(
        [user.pk, member_feed_secret(user=user)],
        salt=FEED_SALT_TIMESTAMPED,
        compress=True,
    )

    response = client.get(f"/agenda/feed/{old}.ics")

    assert response.status_code == 200
    assert "Webinar Op Koers" in response.content.decode()


def test_making_a_new_calendar_link_needs_a_post_and_a_login(client):
    url = reverse("network:feed_rotate")
    assert client.post(url).url.startswith("/account/login/")
    client.force_login(MemberProfileFactory().user)
    assert client.get(url).status_code == 405


def test_my_page_query_count_does_not_grow_with_registrations(
    client, django_assert_max_num_queries
):
    profile = MemberProfileFactory()
    for _ in range(8):
        event = EventFactory(capacity=1)
        registration_create(event=event, member=MemberUserFactory())
        registration_create(event=event, member=profile.user)
    client.force_login(profile.user)
    client.get(MY_PAGE)  # the first visit makes the calendar link
    with django_assert_max_num_queries(8):
        html = client.get(MY_PAGE).content.decode()
    assert html.count("u staat op plaats 1.") == 8


# --- /mijn/gegevens/ ------------------------------------------------------------


def test_my_data_is_a_json_download_of_my_own_data(client):
    profile = MemberProfileFactory(user__email="ik@example.org")
    other = MemberProfileFactory(user__email="ander@example.org")
    event = EventFactory(title="Webinar Participatiewiel")
    RegistrationFactory(event=event, member=profile.user)
    RegistrationFactory(event=event, member=other.user)
    client.force_login(profile.user)

    response = client.get(MY_DATA)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    assert data["account"]["email"] == "ik@example.org"
    assert data["registrations"][0]["event"] == "Webinar Participatiewiel"
    assert "ander@example.org" not in response.content.decode()


def test_my_data_requires_login(client):
    assert client.get(MY_DATA).status_code == 302


# --- /mijn/account-verwijderen/ -------------------------------------------------


def test_account_delete_asks_for_the_password(client):
    client.force_login(MemberProfileFactory().user)
    html = client.get(DELETE).content.decode()
    assert 'type="password"' in html
    assert "niet ongedaan maken" in html


def test_account_delete_with_a_wrong_password_deletes_nothing(client):
    profile = MemberProfileFactory()
    client.force_login(profile.user)
    response = client.post(DELETE, {"password": "fout-wachtwoord"})
    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet" in response.content.decode()
    assert User.objects.filter(pk=profile.user.pk).exists()
    assert MemberProfile.objects.filter(pk=profile.pk).exists()
    response = client.post(DELETE, {"password": ""})
    assert "Vul uw wachtwoord in om te bevestigen." in response.content.decode()
    assert User.objects.filter(pk=profile.user.pk).exists()


def test_account_delete_requires_login_and_post(client):
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")


@pytest.fixture
def home_page(db):
    return home_page_create()


def test_account_delete_with_the_password_removes_the_account(client, home_page):
    event = EventFactory(capacity=1)
    leaving, waiting = MemberProfileFactory(), MemberProfileFactory()
    registration_create(event=event, member=leaving.user)
    waiting_registration = registration_create(event=event, member=waiting.user)
    client.force_login(leaving.user)

    response = client.post(DELETE, {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Uw account is verwijderd" in response.content.decode()
    assert not User.objects.filter(pk=leaving.user.pk).exists()
    assert not MemberProfile.objects.filter(pk=leaving.pk).exists()
    assert Registration.objects.filter(event=event).count() == 2
    waiting_registration.refresh_from_db()
    assert waiting_registration.status == Registration.Status.CONFIRMED
    # Logged out: my page asks for a login again.
    assert client.get(MY_PAGE).status_code == 302
