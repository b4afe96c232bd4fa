"""Every address of the site refuses a POST without a CSRF token, and no GET
changes anything.

The walk goes through all URL patterns of the resolver (the portal's, allauth's
and Wagtail's admin, API and documents) and fills in each pattern's
arguments, so an address added later is walked too. A change is anything that
writes to the database (other than the visitor's own session) or sends mail.
"""

from dataclasses import dataclass

import pytest
from allauth.account.internal.userkit import user_id_to_str
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from rest_framework.views import APIView

from leergang.models import TeamMember
from leergang.selectors.invitations import team_member_invitation_token
from network.models import CalendarFeed
from network.tokens import cancel_token, feed_token, messages_token
from portal.roles import Role
from tests.leergang.factories import ApplicationFactory, accepted, member_of
from tests.network.factories import MemberProfileFactory, RegistrationFactory
from tests.security.urls import ALLAUTH_PAGES, every_url, view_name, writes

pytestmark = pytest.mark.django_db

CSRF_REFUSED = "CSRF-verificatie mislukt"

# Views that take a POST without a CSRF token, each with the reason. A view
# added to this list needs a reason a reviewer accepts.
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe: the mail client posts without cookies;
    # the signed token in the address is the proof, not the session.
    "network.views.messages.messages_off_page",
}


def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(
    make_user, mailoutbox
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(is_staff=True, is_superuser=True))
    urls = every_url()
    shadowed, exempt = set(), set()

    for url, pattern, pattern_name in urls:
        match = resolve(url)
        if match.func is not pattern.callback:
            shadowed.add(pattern_name)
        name = view_name(match.func)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {"titel": "gewijzigd"})
        assert writes(queries) == [], url
        view_class = getattr(match.func, "view_class", getattr(match.func, "cls", None))
        if isinstance(view_class, type) and issubclass(view_class, APIView):
            # Wagtail's admin API (Django REST framework) is exempt from the
            # middleware and checks the token itself for session users.
            assert response.status_code == 403, url
            assert "CSRF Failed" in response.content.decode(), url
            continue
        if getattr(match.func, "csrf_exempt", False):
            exempt.add(name)
            # Without a valid signed token the exempt view finds nothing.
            assert response.status_code == 404, url
            continue
        assert response.status_code == 403, (url, name, response.status_code)
        assert CSRF_REFUSED in response.content.decode(), url

    assert exempt == CSRF_EXEMPT
    assert mailoutbox == []
    # Every pattern was reached by its own example, except Wagtail's own
    # login form, which the portal's redirect to allauth's login hides.
    assert len(urls) > 400
    assert shadowed == {"wagtailadmin_login"}


@dataclass
class World:
    """The objects behind the addresses, and who may use each."""

    superuser: object
    registration: object
    people: dict[str, object]
    kwargs: dict[str, dict[str, str]]


@pytest.fixture
def world(make_user):
    superuser = make_user(is_staff=True, is_superuser=True)
    registration = RegistrationFactory()
    member = registration.member
    feed = CalendarFeed.objects.create(user=member)
    application = accepted()
    team_user = member_of(application)
    submitted = ApplicationFactory(
        applicant=make_user(Role.MEMBER, Role.MUNICIPALITY_CONTACT)
    )
    MemberProfileFactory(user=submitted.applicant, municipality=submitted.municipality)
    invited = make_user(Role.MEMBER, email="uitgenodigd@example.org")
    team_member = TeamMember.objects.create(
        application=application,
        name="Ineke Uitgenodigd",
        email=invited.email,
        function="Beleidsadviseur",
        domain="wmo",
    )
    unverified = make_user(email="nog-niet@example.org", verified=False)
    address = EmailAddress.objects.create(
        user=unverified, email=unverified.email, verified=False, primary=True
    )
    workspace = {
        "edition_slug": application.edition.slug,
        "municipality_slug": application.municipality.slug,
    }
    kwargs = {
        "network:registration_cancel": {
            "token": cancel_token(registration=registration)
        },
        "network:messages_off": {"token": messages_token(registration=registration)},
        "network:member_feed": {
            "token": feed_token(user_id=member.pk, secret=feed.secret)
        },
        "network:event_detail": {"slug": registration.event.slug},
        "network:event_register": {"slug": registration.event.slug},
        "network:event_unregister": {"slug": registration.event.slug},
        "network:event_ics": {"slug": registration.event.slug},
        "network:certificate": {"slug": registration.event.slug},
        "leergang:invitation": {
            "token": team_member_invitation_token(team_member=team_member)
        },
        "leergang:review_detail": {"pk": str(submitted.pk)},
        "leergang:review_accept_reserve": {"pk": str(submitted.pk)},
        "leergang:review_resend_invitation": {"pk": str(team_member.pk)},
        "leergang:cohort_home": {"edition_slug": application.edition.slug},
        "leergang:cohort_overview": {"edition_slug": application.edition.slug},
        "leergang:cohort_export": {"edition_slug": application.edition.slug},
        "leergang:cohort_scan": {**workspace, "moment": "start"},
        "leergang:cohort_results": workspace,
        "leergang:cohort_reflections": workspace,
        "leergang:cohort_reflection_add": workspace,
        "leergang:cohort_reflection_edit": {**workspace, "pk": "1"},
        "leergang:cohort_praatplaat": workspace,
        "leergang:cohort_story": workspace,
        "account_confirm_email": {
            "key": EmailConfirmationHMAC(address).key,
        },
        "account_reset_password_from_key": {
            "uidb36": user_id_to_str(member),
            "key": default_token_generator.make_token(member),
        },
    }
    people = {
        "member": member,
        "contact": submitted.applicant,
        "team_user": team_user,
        "invited": invited,
    }
    return World(superuser, registration, people, kwargs)


# Who opens each address: the person it is meant for (None: a link from a
# mail, opened without logging in). Everything else: the superuser.
OPENED_BY = {
    "network:registration_cancel": None,
    "network:messages_off": None,
    "network:member_feed": None,
    "network:feed_rotate": "member",
    "network:account_delete": "member",
    "network:event_unregister": "member",
    "network:my_page": "member",
    "network:my_data": "member",
    "leergang:invitation": "invited",
    "leergang:withdraw": "contact",
    "leergang:my_application": "contact",
    "leergang:cohort_scan": "team_user",
    "leergang:cohort_reflection_add": "team_user",
    "leergang:cohort_praatplaat": "team_user",
    "account_logout": "member",
    "account_confirm_email": None,
    "account_reset_password_from_key": None,
    "account_email": "member",
    "usersessions_list": "member",
}


def site_urls(world: World) -> list[tuple[str, str]]:
    """The addresses of the portal's own views and of allauth's account and
    sessions pages, with real objects where the view needs them."""
    urls = []
    for example, pattern, name in every_url():
        module = view_name(pattern.callback)
        ours = module.startswith(("portal.", "network.", "knowledge.", "leergang."))
        if not ours and not module.startswith(ALLAUTH_PAGES):
            continue
        # In the back office only the portal's own pages (Wagtail's editors
        # keep an editing session on GET, which is not the content).
        if example.startswith("/beheer/") and not module.startswith("network.admin"):
            continue
        if name in world.kwargs:
            urls.append((name, reverse(name, kwargs=world.kwargs[name])))
        else:
            urls.append((name or module, example))
    return urls


def test_no_get_changes_anything(world, mailoutbox):
    urls = site_urls(world)
    answered = []

    for name, url in urls:
        client = Client()
        who = OPENED_BY.get(name, "superuser")
        if who == "superuser":
            client.force_login(world.superuser)
        elif who is not None:
            client.force_login(world.people[who])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code < 500, (name, url)
        answered.append(response.status_code)
        assert writes(queries) == [], (name, url, response.status_code)
        if who is not None:
            assert "_auth_user_id" in client.session, f"{name} logged out"

    assert mailoutbox == []
    # Most addresses showed a real page, not a refusal or a 404.
    assert len(urls) > 60
    assert answered.count(200) > 40
    # The addresses that change something on POST were among them.
    walked = {name for name, _url in urls}
    assert {
        "network:registration_cancel",
        "network:messages_off",
        "network:feed_rotate",
        "network:account_delete",
        "network:event_register",
        "network:event_unregister",
        "leergang:invitation",
        "leergang:withdraw",
        "leergang:review_accept_reserve",
        "leergang:review_resend_invitation",
        "leergang:review_carry_over",
        "account_logout",
        "account_confirm_email",
    } <= walked


def test_the_cancel_link_from_a_mail_asks_before_it_cancels(client, world):
    url = dict(site_urls(world))["network:registration_cancel"]
    registration = world.registration

    page = client.get(url)
    registration.refresh_from_db()

    assert page.status_code == 200
    assert registration.is_active
    assert 'method="post"' in page.content.decode()
