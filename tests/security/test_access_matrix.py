"""Who may open which address: every portal address against six roles.

The addresses come from the resolver (``tests/security/urls.py``), so a new
address without a row in ``MATRIX`` fails ``test_every_portal_address_has_a_row``.
Each row says, per method and per role, what the role gets: the page (``OK``:
a 200, or a redirect that is not a refusal), the login page (``LOGIN``), the
back office's dashboard (``ADMIN_HOME``: Wagtail's answer to a back-office user
without the permission), or a status code (403, 404, 405, 409). The rows follow
``docs/permissions.md``.

Walked: the views of the portal's own apps (portal, network, knowledge,
leergang), allauth's account pages and its list of the member's sessions
(``allauth.usersessions``), the addresses declared in
``portal/urls.py`` (including the redirect of ``/beheer/login/``) and the page
tree at its home page. Under ``/beheer/`` only the portal's own back-office
pages are walked: the coordinator's pages of ``network.admin.views``
(registrations, attendance, exports, messages, cancelling) and the event
views of ``network.wagtail_hooks`` (list, add, edit, delete). Wagtail's own
admin (pages, snippets it owns, images, documents, the admin API) and its
document and password views are left out.

A POST carries a valid CSRF token (the cookie and the form field, as a
browser sends them), so a 403 is the permission's answer, never the CSRF
check's. Each request runs in a savepoint that is rolled back, so what an
allowed role changes is gone before the next role asks; a refused request
must not write to the database at all.

The last tests guess: a member at another member's registration, a
municipality contact at another municipality's application, a team member at
another team's workspace. All are refused and nothing changes.
"""

from dataclasses import dataclass, field
from functools import cache

import pytest
from allauth.account.internal.userkit import user_id_to_str
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import connection, transaction
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.urls.resolvers import URLPattern

from knowledge.models import LegalFramework, PraatplaatHotspot
from leergang.models import PraatplaatNote, Reflection, Scan, TeamMember
from leergang.selectors.invitations import team_member_invitation_token
from network.models import CalendarFeed, Registration
from network.tokens import (
    CANCEL_SALT,
    FEED_SALT,
    MESSAGES_SALT,
    cancel_token,
    feed_token,
    messages_token,
)
from portal import urls as portal_urls
from portal.roles import Role
from tests.leergang.factories import (
    ApplicationFactory,
    EditionFactory,
    SessionFactory,
    accepted,
    contact_user,
    coordinator,
    make_scan,
    member_of,
)
from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    MunicipalityFactory,
    RegistrationFactory,
)
from tests.portal.factories import UserFactory
from tests.security.urls import (
    ALLAUTH_PAGES,
    PORTAL_APPS,
    every_url,
    view_name,
    writes,
)

pytestmark = pytest.mark.django_db

CSRF_REFUSED = "CSRF-verificatie mislukt"

ROLES = ("anonymous", "member", "contact", "team", "coordinator", "editor")

# What a role gets.
OK = "ok"  # the page, or a redirect onwards that is not a refusal
LOGIN = "login"  # a redirect to the site's login page
ADMIN_HOME = "admin-home"  # Wagtail sends a back-office user without the right home
NO = 403
HIDDEN = 404
NOT_POST = 405  # the address takes only a POST (or only a GET)
TAKEN = 409  # an invitation link that is not for this account

REFUSED = {LOGIN, ADMIN_HOME, NO, HIDDEN, TAKEN}


def row(anonymous, member, contact, team, coordinator, editor) -> dict:
    return dict(
        zip(ROLES, (anonymous, member, contact, team, coordinator, editor), strict=True)
    )


# The rows that recur, spelled out once; every address below still says
# which of them applies.
#                  anonymous member contact team  coordinator editor
EVERYONE = row(    OK,       OK,    OK,     OK,   OK,         OK)  # fmt: skip
SIGNED_IN = row(   LOGIN,    OK,    OK,     OK,   OK,         OK)  # fmt: skip
POST_ONLY = dict.fromkeys(ROLES, NOT_POST)
CONTACT = row(     LOGIN,    NO,    OK,     NO,   NO,         NO)  # fmt: skip
REVIEWER = row(    LOGIN,    NO,    NO,     NO,   OK,         NO)  # fmt: skip
COHORT_READ = row( LOGIN,    NO,    NO,     OK,   OK,         NO)  # fmt: skip
COHORT_WRITE = row(LOGIN,    NO,    NO,     OK,   NO,         NO)  # fmt: skip
# The coordinator's pages in /beheer/: Wagtail sends everyone without access
# to the back office to the login page; the editor is in the back office but
# gets the coordinator's 403 page.
COORDINATION = row(LOGIN,    LOGIN, LOGIN,  LOGIN, OK,        NO)  # fmt: skip
# Wagtail's event views: the editor lacks the permission on events and is
# sent back to the dashboard with a message.
EVENTS_ADMIN = row(LOGIN,    LOGIN, LOGIN,  LOGIN, OK,        ADMIN_HOME)  # fmt: skip

# address (URL name, or the example address of an unnamed pattern) ->
# {method: {role: outcome}}. A method that is not listed is not tried: only
# the addresses that change something on a POST are posted to.
MATRIX: dict[str, dict[str, dict]] = {
    # --- portal/urls.py ------------------------------------------------------
    "health": {"GET": EVERYONE},
    "favicon": {"GET": EVERYONE},
    "accessibility_statement": {"GET": EVERYONE},
    "robots_txt": {"GET": EVERYONE},
    "sitemap": {"GET": EVERYONE},
    # One login for the whole site: /beheer/login/ sends everyone to it.
    "/beheer/login/": {"GET": EVERYONE},
    "wagtail_serve": {"GET": EVERYONE},
    # --- network: the agenda -------------------------------------------------
    "network:event_list": {"GET": EVERYONE},
    "network:event_archive": {"GET": EVERYONE},
    "network:event_detail": {"GET": EVERYONE},
    "network:event_ics": {"GET": EVERYONE},
    "network:event_register": {"GET": POST_ONLY, "POST": SIGNED_IN},
    "network:event_unregister": {"GET": POST_ONLY, "POST": SIGNED_IN},
    # Links from a mail (the member's): the signed link is the key.
    "network:registration_cancel": {"GET": EVERYONE, "POST": EVERYONE},
    "network:messages_off": {"GET": EVERYONE, "POST": EVERYONE},
    "network:member_feed": {"GET": EVERYONE},
    # Only the member who was marked present; 404 to everyone else.
    "network:certificate": {
        "GET": row(HIDDEN, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    },
    # --- network: membership -------------------------------------------------
    "network:join": {"GET": EVERYONE, "POST": SIGNED_IN},
    # The editor has no profile yet: sent on to /leernetwerk/ (not refused).
    "network:profile_edit": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    # Members only; the editor has no profile: 403 with a link to join.
    "network:directory": {"GET": row(LOGIN, OK, OK, OK, OK, NO)},
    "network:my_page": {"GET": SIGNED_IN},
    "network:my_data": {"GET": SIGNED_IN},
    "network:feed_rotate": {"GET": POST_ONLY, "POST": SIGNED_IN},
    "network:account_delete": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    # --- network: the coordinator's back-office pages ------------------------
    "network_admin:event_registrations": {"GET": COORDINATION},
    "network_admin:event_attendance": {
        "GET": row(LOGIN, LOGIN, LOGIN, LOGIN, NOT_POST, NO),
        "POST": COORDINATION,
    },
    "network_admin:registration_cancel": {"GET": COORDINATION, "POST": COORDINATION},
    "network_admin:event_export": {"GET": COORDINATION},
    "network_admin:event_message": {"GET": COORDINATION, "POST": COORDINATION},
    "network_admin:event_cancel": {"GET": COORDINATION, "POST": COORDINATION},
    "wagtailsnippets_network_event:list": {"GET": EVENTS_ADMIN},
    "wagtailsnippets_network_event:list_results": {"GET": EVENTS_ADMIN},
    "wagtailsnippets_network_event:add": {"GET": EVENTS_ADMIN, "POST": EVENTS_ADMIN},
    "wagtailsnippets_network_event:edit": {"GET": EVENTS_ADMIN, "POST": EVENTS_ADMIN},
    "wagtailsnippets_network_event:delete": {
        "GET": EVENTS_ADMIN,
        "POST": EVENTS_ADMIN,
    },
    # --- knowledge -----------------------------------------------------------
    "knowledge:search": {"GET": EVERYONE},
    "knowledge:legal_framework": {"GET": EVERYONE},
    "knowledge:feed_rss": {"GET": EVERYONE},
    "knowledge:feed_atom": {"GET": EVERYONE},
    # Each account fills in its own praatplaat.
    "knowledge:praatplaat_fill": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "knowledge:praatplaat_print": {"GET": SIGNED_IN},
    # --- leergang: applying and reviewing ------------------------------------
    "leergang:index": {"GET": EVERYONE},
    "leergang:apply": {"GET": CONTACT, "POST": CONTACT},
    "leergang:my_application": {"GET": CONTACT},
    "leergang:withdraw": {"GET": POST_ONLY, "POST": CONTACT},
    "leergang:review_list": {"GET": REVIEWER},
    "leergang:review_detail": {"GET": REVIEWER, "POST": REVIEWER},
    "leergang:review_accept_reserve": {"GET": POST_ONLY, "POST": REVIEWER},
    "leergang:review_resend_invitation": {"GET": POST_ONLY, "POST": REVIEWER},
    "leergang:review_carry_over": {"GET": POST_ONLY, "POST": REVIEWER},
    # An invitation for a team member of B who has not joined: anyone may
    # read it, nobody but the invited address may take the place.
    "leergang:invitation": {
        "GET": EVERYONE,
        "POST": row(LOGIN, TAKEN, TAKEN, TAKEN, TAKEN, TAKEN),
    },
    # --- leergang: the cohort space of B's edition ---------------------------
    "leergang:cohort_home": {"GET": COHORT_READ},
    "leergang:cohort_overview": {"GET": REVIEWER},
    "leergang:cohort_export": {"GET": REVIEWER},
    "leergang:cohort_scan": {"GET": COHORT_READ, "POST": COHORT_WRITE},
    "leergang:cohort_results": {"GET": COHORT_READ},
    "leergang:cohort_reflections": {"GET": COHORT_READ},
    "leergang:cohort_reflection_add": {"GET": COHORT_WRITE, "POST": COHORT_WRITE},
    "leergang:cohort_reflection_edit": {"GET": COHORT_WRITE, "POST": COHORT_WRITE},
    "leergang:cohort_praatplaat": {"GET": COHORT_READ, "POST": COHORT_WRITE},
    "leergang:cohort_story": {"GET": POST_ONLY, "POST": REVIEWER},
    # --- allauth: the account pages ------------------------------------------
    # Signed-in visitors of the login and sign-up pages are sent on.
    "account_login": {"GET": EVERYONE, "POST": EVERYONE},
    "account_logout": {"GET": EVERYONE, "POST": EVERYONE},
    "account_inactive": {"GET": EVERYONE},
    "account_signup": {"GET": EVERYONE, "POST": EVERYONE},
    "account_reauthenticate": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "account_email": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "account_email_verification_sent": {"GET": EVERYONE},
    "account_change_password": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "account_set_password": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "account_reset_password": {"GET": EVERYONE, "POST": EVERYONE},
    "account_reset_password_done": {"GET": EVERYONE},
    "account_confirm_login_code": {"GET": EVERYONE, "POST": EVERYONE},
    # Links from a mail: the key in the address is the proof.
    "account_confirm_email": {"GET": EVERYONE, "POST": EVERYONE},
    "account_reset_password_from_key": {"GET": EVERYONE, "POST": EVERYONE},
    "account_reset_password_from_key_done": {"GET": EVERYONE},
    # Where the member is logged in; a POST logs out their other sessions.
    "usersessions_list": {"GET": SIGNED_IN, "POST": SIGNED_IN},
}


# --- The addresses -----------------------------------------------------------

# The patterns declared in portal/urls.py itself (not its includes).
PORTAL_ROOT = {id(p) for p in portal_urls.urlpatterns if isinstance(p, URLPattern)}


@cache
def portal_addresses() -> dict[str, str]:
    """The walked addresses: key (as in ``MATRIX``) -> example address."""
    found = {}
    for example, pattern, name in every_url():
        module = view_name(pattern.callback)
        if example.startswith("/beheer/"):
            # The portal's own back-office pages only.
            ours = module.startswith(PORTAL_APPS) or id(pattern) in PORTAL_ROOT
        else:
            ours = (
                module.startswith(PORTAL_APPS)
                or module.startswith(ALLAUTH_PAGES)
                or id(pattern) in PORTAL_ROOT
                or name == "wagtail_serve"
            )
        if ours:
            found[name or example] = example
    return found


# --- The world ---------------------------------------------------------------


@dataclass
class World:
    """The six roles, the people the guesses are about, and their things.

    - member: member X, with a confirmed place at an upcoming event, a
      calendar link, and a certificate of a past event (marked present);
    - contact: the contact of municipality A, whose application is submitted;
    - team: a team member of cohort B (accepted, in its own edition), whose
      workspace has a draft zelfscan, a reflection and a praatplaat note;
    - coordinator, editor: the back-office roles (the editor has not joined
      the leernetwerk: no profile).
    Besides: member Y (registered at the same event, present at another past
    event), the contact of municipality C, a second member of B's team, a
    team member of municipality D in the same cohort, and a team member of
    another edition's cohort.
    """

    users: dict[str, object]
    objects: dict[str, object]
    kwargs: dict[str, dict]
    post_data: dict[str, dict] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)


def _build_world() -> World:
    # Member X and member Y, at the same upcoming event; each present at a
    # past event of their own.
    member = MemberProfileFactory().user
    member_y = MemberProfileFactory().user
    event = EventFactory()
    registration_x = RegistrationFactory(event=event, member=member)
    registration_y = RegistrationFactory(event=event, member=member_y)
    past_x, past_y = EventFactory(past=True), EventFactory(past=True)
    RegistrationFactory(event=past_x, member=member, attended=True)
    certificate_y = RegistrationFactory(event=past_y, member=member_y, attended=True)
    feed = CalendarFeed.objects.create(user=member)
    CalendarFeed.objects.create(user=member_y)

    # Cohort B: an edition with municipalities B and D accepted; A and C
    # applied to it and wait for a decision.
    edition = EditionFactory(title="Leergang B", slug="leergang-b")
    contact = contact_user(municipality=MunicipalityFactory(name="Gemeente Aadorp"))
    contact_c = contact_user(municipality=MunicipalityFactory(name="Gemeente Cedorp"))
    application_a = ApplicationFactory(
        edition=edition,
        municipality=contact.member_profile.municipality,
        applicant=contact,
    )
    application_c = ApplicationFactory(
        edition=edition,
        municipality=contact_c.member_profile.municipality,
        applicant=contact_c,
    )
    application_b = accepted(
        edition=edition, municipality=MunicipalityFactory(name="Gemeente Bedorp")
    )
    application_d = accepted(
        edition=edition, municipality=MunicipalityFactory(name="Gemeente Dedorp")
    )
    team = member_of(application_b)
    teammate = member_of(application_b)
    other_team = member_of(application_d)
    other_cohort = member_of(
        accepted(edition=EditionFactory(title="Leergang E", slug="leergang-e"))
    )
    for user in (team, teammate, other_team, other_cohort):
        MemberProfileFactory(user=user)
    invited = application_b.team_members.filter(user=None).first()

    session = SessionFactory(edition=edition)
    scan = make_scan(application_b, submitted=False)
    reflection = Reflection.objects.create(
        application=application_b,
        session=session,
        author=team,
        first_order="Wat wij leerden",
    )
    teammate_reflection = Reflection.objects.create(
        application=application_b,
        session=session,
        author=teammate,
        first_order="Wat ik leerde",
    )
    hotspot = PraatplaatHotspot.objects.first()
    note = PraatplaatNote.objects.create(
        application=application_b, hotspot=hotspot, text="Onze notitie", updated_by=team
    )

    the_coordinator = coordinator()
    MemberProfileFactory(user=the_coordinator)
    editor = UserFactory(roles=[Role.MEMBER, Role.EDITOR])

    unverified = UserFactory(email="nog-niet@example.org", verified=False)
    address = EmailAddress.objects.create(
        user=unverified, email=unverified.email, verified=False, primary=True
    )

    workspace = {
        "edition_slug": edition.slug,
        "municipality_slug": application_b.municipality.slug,
    }
    coordination = {"pk": str(event.pk)}
    kwargs = {
        "network:event_detail": {"slug": event.slug},
        "network:event_register": {"slug": event.slug},
        "network:event_unregister": {"slug": event.slug},
        "network:event_ics": {"slug": event.slug},
        "network:registration_cancel": {
            "token": cancel_token(registration=registration_x)
        },
        "network:messages_off": {"token": messages_token(registration=registration_x)},
        "network:member_feed": {
            "token": feed_token(user_id=member.pk, secret=feed.secret)
        },
        "network:certificate": {"slug": past_x.slug},
        "network_admin:event_registrations": coordination,
        "network_admin:event_attendance": coordination,
        "network_admin:registration_cancel": {
            **coordination,
            "registration_pk": str(registration_x.pk),
        },
        "network_admin:event_export": {**coordination, "fmt": "csv"},
        "network_admin:event_message": coordination,
        "network_admin:event_cancel": coordination,
        "wagtailsnippets_network_event:edit": coordination,
        "wagtailsnippets_network_event:delete": coordination,
        "knowledge:legal_framework": {"slug": LegalFramework.objects.first().slug},
        "leergang:review_detail": {"pk": str(application_a.pk)},
        "leergang:review_accept_reserve": {"pk": str(application_a.pk)},
        "leergang:review_resend_invitation": {"pk": str(invited.pk)},
        "leergang:invitation": {
            "token": team_member_invitation_token(team_member=invited)
        },
        "leergang:cohort_home": {"edition_slug": edition.slug},
        "leergang:cohort_overview": {"edition_slug": edition.slug},
        "leergang:cohort_export": {"edition_slug": edition.slug},
        "leergang:cohort_scan": {**workspace, "moment": scan.moment},
        "leergang:cohort_results": workspace,
        "leergang:cohort_reflections": workspace,
        "leergang:cohort_reflection_add": workspace,
        "leergang:cohort_reflection_edit": {**workspace, "pk": str(reflection.pk)},
        "leergang:cohort_praatplaat": workspace,
        "leergang:cohort_story": workspace,
        "account_confirm_email": {"key": EmailConfirmationHMAC(address).key},
        "account_reset_password_from_key": {
            "uidb36": user_id_to_str(member),
            "key": default_token_generator.make_token(member),
        },
    }
    # What an allowed role posts: a real action where one fits in a field or
    # two; elsewhere an empty form, answered with the form and its errors.
    post_data = {
        "leergang:withdraw": {"application": str(application_a.pk)},
        "leergang:review_detail": {"decision": "reserve", "message": ""},
        "leergang:cohort_scan": {"concept": "1"},
        "leergang:cohort_reflection_add": {
            "session": str(session.pk),
            "first_order": "Nieuw inzicht",
        },
        "leergang:cohort_reflection_edit": {
            "session": str(session.pk),
            "first_order": "Gewijzigd inzicht",
        },
        "leergang:cohort_praatplaat": {f"note_{hotspot.pk}": "Gewijzigd"},
        "network_admin:event_message": {
            "subject": "Zaal gewijzigd",
            "body": "We zitten in zaal 2.",
            "audience": "bevestigd",
        },
    }
    users = {
        "anonymous": None,
        "member": member,
        "contact": contact,
        "team": team,
        "coordinator": the_coordinator,
        "editor": editor,
        "member_y": member_y,
        "contact_c": contact_c,
        "teammate": teammate,
        "other_team": other_team,
        "other_cohort": other_cohort,
    }
    objects = {
        "event": event,
        "registration_x": registration_x,
        "registration_y": registration_y,
        "certificate_y": certificate_y,
        "application_a": application_a,
        "application_b": application_b,
        "application_c": application_c,
        "application_d": application_d,
        "scan": scan,
        "reflection": reflection,
        "teammate_reflection": teammate_reflection,
        "note": note,
        "session": session,
        "hotspot": hotspot,
        "invited": invited,
    }
    return World(users=users, objects=objects, kwargs=kwargs, post_data=post_data)


@pytest.fixture(scope="module")
def world(_demo_seeded, django_db_blocker):
    """One world on the demo portal, for the whole module (rolled back with
    the demo when the module is done). Everyone is signed in once; each test
    makes fresh clients with those sessions."""
    with django_db_blocker.unblock():
        world = _build_world()
        for key, user in world.users.items():
            if user is not None:
                client = Client()
                client.force_login(user)
                world.sessions[key] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


def _csrf_pair() -> tuple[str, str]:
    """A CSRF cookie and a form token for it, as the middleware makes them."""
    request = RequestFactory().get("/")
    token = get_token(request)
    return request.META["CSRF_COOKIE"], token


CSRF_COOKIE, CSRF_TOKEN = _csrf_pair()


def client_for(world: World, who: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_COOKIE
    if who in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[who]
    return client


def outcome(response):
    if response.status_code in (301, 302, 303, 307, 308):
        path, _sep, query = response["Location"].partition("?")
        if path == reverse("account_login") and "next=" in query:
            # Sent to log in and come back. A plain redirect to the login
            # page (after confirming an address, from /beheer/login/) is
            # where that page leads, not a refusal.
            return LOGIN
        if path == reverse("wagtailadmin_home"):
            return ADMIN_HOME
        return OK
    if 200 <= response.status_code < 300:
        return OK
    return response.status_code


@dataclass
class Answer:
    outcome: object
    writes: list[str]
    body: str


def ask(client: Client, method: str, url: str, data: dict | None = None) -> Answer:
    """One request, in a savepoint that is rolled back afterwards."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            if method == "POST":
                response = client.post(
                    url, {"csrfmiddlewaretoken": CSRF_TOKEN, **(data or {})}
                )
            else:
                response = client.get(url)
        transaction.set_rollback(True)
    body = b"" if response.streaming else response.content
    return Answer(outcome(response), writes(queries), body.decode(errors="replace"))


def url_of(world: World, key: str, example: str) -> str:
    if key in world.kwargs:
        return reverse(key, kwargs=world.kwargs[key])
    return example


# --- The matrix --------------------------------------------------------------


def test_every_portal_address_has_a_row():
    walked = set(portal_addresses())
    missing = sorted(walked - set(MATRIX))
    stale = sorted(set(MATRIX) - walked)
    assert not missing, (
        f"addresses without a row in MATRIX (say who may open them): {missing}"
    )
    assert not stale, f"rows in MATRIX for addresses that no longer exist: {stale}"
    for key, methods in MATRIX.items():
        assert methods, key
        for method, roles in methods.items():
            assert method in ("GET", "POST"), (key, method)
            assert tuple(roles) == ROLES, (key, method)


@pytest.mark.parametrize("key", list(MATRIX))
def test_access_matrix(demo_site, world, key):
    url = url_of(world, key, portal_addresses()[key])
    wrong = []
    for method, expected in MATRIX[key].items():
        for role in ROLES:
            answer = ask(client_for(world, role), method, url, world.post_data.get(key))
            if answer.outcome != expected[role]:
                wrong.append(
                    f"{method} {url} as {role}: got {answer.outcome!r}, "
                    f"expected {expected[role]!r}"
                )
            if answer.outcome == NO:
                assert CSRF_REFUSED not in answer.body, (method, url, role)
            if answer.outcome in REFUSED or answer.outcome == NOT_POST:
                assert answer.writes == [], (method, url, role, answer.writes)
    assert not wrong, "\n".join(wrong)


def test_the_matrix_refuses_every_role_somewhere():
    for role in ROLES:
        outcomes = [
            roles[role] for methods in MATRIX.values() for roles in methods.values()
        ]
        assert OK in outcomes, role
        assert set(outcomes) & REFUSED, role


# --- Guessing ------------------------------------------------------------------


def state(*objects) -> list[dict]:
    return [type(o).objects.filter(pk=o.pk).values().get() for o in objects]


def refused(answer: Answer, *allowed) -> bool:
    return answer.outcome in (allowed or REFUSED) and answer.writes == []


def test_a_member_cannot_open_or_cancel_another_members_registration(demo_site, world):
    """Member X knows the id of member Y's registration (and Y's user id),
    and tries the addresses that take a registration, by id or by link."""
    x = client_for(world, "member")
    registration_y = world.objects["registration_y"]
    y = world.users["member_y"]
    before = state(registration_y, world.objects["certificate_y"])
    moment = int(registration_y.requested_at.timestamp()) * 1_000_000 + (
        registration_y.requested_at.microsecond
    )
    forged = {
        "id": str(registration_y.pk),
        "cancel, own key": signing.dumps(
            [registration_y.pk, moment], salt=CANCEL_SALT, key="geraden"
        ),
        "messages, own key": signing.dumps(
            [registration_y.pk], salt=MESSAGES_SALT, key="geraden"
        ),
        "feed, own key": signing.dumps(
            [y.pk, "geraden"], salt=FEED_SALT, key="geraden"
        ),
        "feed, first link, own key": signing.Signer(
            key="geraden", salt=FEED_SALT
        ).sign_object([y.pk, ""], compress=True),
    }
    # X's own genuine cancel link, with the payload of Y's registration put
    # in its place: the signature no longer fits.
    _payload, stamp, signature = cancel_token(
        registration=world.objects["registration_x"]
    ).rsplit(":", 2)
    payload_y = signing.dumps(
        [registration_y.pk, moment], salt=CANCEL_SALT, compress=True
    ).split(":")[0]
    forged["own cancel link, edited"] = f"{payload_y}:{stamp}:{signature}"

    answers = {}
    for label, token in forged.items():
        for name in ("network:registration_cancel", "network:messages_off"):
            url = reverse(name, kwargs={"token": token})
            for method in ("GET", "POST"):
                answers[f"{method} {name} ({label})"] = ask(x, method, url)
        url = reverse("network:member_feed", kwargs={"token": token})
        answers[f"GET feed ({label})"] = ask(x, "GET", url)
    # Y was present at a past event; X was not there.
    answers["certificate of Y's past event"] = ask(
        x,
        "GET",
        reverse(
            "network:certificate",
            kwargs={"slug": world.objects["certificate_y"].event.slug},
        ),
    )
    coordinator_cancel = reverse(
        "network_admin:registration_cancel",
        kwargs={"pk": registration_y.event_id, "registration_pk": registration_y.pk},
    )
    for method in ("GET", "POST"):
        answers[f"{method} coordinator's cancel of Y"] = ask(
            x, method, coordinator_cancel
        )

    not_refused = {label: a.outcome for label, a in answers.items() if not refused(a)}
    assert not_refused == {}
    # Cancelling "Y's" registration at the event cancels X's own, not Y's.
    unregister = reverse(
        "network:event_unregister", kwargs={"slug": registration_y.event.slug}
    )
    with transaction.atomic():
        x.post(
            unregister,
            {
                "csrfmiddlewaretoken": CSRF_TOKEN,
                "registration": registration_y.pk,
                "member": y.pk,
            },
        )
        world.objects["registration_x"].refresh_from_db()
        assert world.objects["registration_x"].status == Registration.Status.CANCELLED
        assert state(registration_y, world.objects["certificate_y"]) == before
        transaction.set_rollback(True)
    assert state(registration_y, world.objects["certificate_y"]) == before


def test_a_contact_cannot_open_or_withdraw_another_municipalitys_application(
    demo_site, world
):
    """The contact of municipality C guesses the id of A's application."""
    c = client_for(world, "contact_c")
    application_a = world.objects["application_a"]
    invited_a = application_a.team_members.first()
    before = state(application_a, invited_a)
    answers = {}
    review = reverse("leergang:review_detail", kwargs={"pk": application_a.pk})
    decline = {"decision": "decline", "message": ""}
    answers["GET review"] = ask(c, "GET", review)
    answers["POST review: decline"] = ask(c, "POST", review, decline)
    answers["admit A from the reserve list"] = ask(
        c,
        "POST",
        reverse("leergang:review_accept_reserve", kwargs={"pk": application_a.pk}),
    )
    answers["resend A's invitation"] = ask(
        c,
        "POST",
        reverse("leergang:review_resend_invitation", kwargs={"pk": invited_a.pk}),
    )
    answers["withdraw A's application"] = ask(
        c, "POST", reverse("leergang:withdraw"), {"application": str(application_a.pk)}
    )

    not_refused = {label: a.outcome for label, a in answers.items() if not refused(a)}
    assert not_refused == {}
    assert answers["withdraw A's application"].outcome == HIDDEN
    assert state(application_a, invited_a) == before
    # C's own page shows C's application and nothing of A's.
    page = ask(c, "GET", reverse("leergang:my_application"))
    assert page.outcome == OK
    assert "Gemeente Cedorp" in page.body
    assert "Gemeente Aadorp" not in page.body


@pytest.mark.parametrize("guesser", ["other_team", "other_cohort", "member"])
def test_another_team_cannot_open_or_change_bs_workspace(demo_site, world, guesser):
    """A team member of municipality D (same cohort), of another edition's
    cohort, or a member outside the leergang, at B's workspace."""
    client = client_for(world, guesser)
    o = world.objects
    kept = (o["scan"], o["reflection"], o["teammate_reflection"], o["note"])
    before = state(*kept)
    counts = (Scan.objects.count(), Reflection.objects.count())
    answers = {}
    for key in (
        "leergang:cohort_scan",
        "leergang:cohort_results",
        "leergang:cohort_reflections",
        "leergang:cohort_reflection_add",
        "leergang:cohort_reflection_edit",
        "leergang:cohort_praatplaat",
        "leergang:cohort_overview",
        "leergang:cohort_export",
    ):
        url = reverse(key, kwargs=world.kwargs[key])
        answers[f"GET {key}"] = ask(client, "GET", url)
    for key in (
        "leergang:cohort_scan",
        "leergang:cohort_reflection_add",
        "leergang:cohort_reflection_edit",
        "leergang:cohort_praatplaat",
        "leergang:cohort_story",
    ):
        url = reverse(key, kwargs=world.kwargs[key])
        answers[f"POST {key}"] = ask(client, "POST", url, world.post_data.get(key))
    home = ask(
        client,
        "GET",
        reverse("leergang:cohort_home", kwargs=world.kwargs["leergang:cohort_home"]),
    )
    if guesser == "other_team":
        # D is in the same cohort: the cohort page, but not B's workspace.
        assert home.outcome == OK
        assert "Gemeente Bedorp" not in home.body
        # B's reflection, asked for through D's own workspace.
        own = {
            "edition_slug": o["application_d"].edition.slug,
            "municipality_slug": o["application_d"].municipality.slug,
            "pk": o["reflection"].pk,
        }
        url = reverse("leergang:cohort_reflection_edit", kwargs=own)
        for method in ("GET", "POST"):
            answers[f"{method} B's reflection in D's workspace"] = ask(
                client, method, url, world.post_data["leergang:cohort_reflection_edit"]
            )
    else:
        answers["GET cohort_home"] = home

    not_refused = {label: a.outcome for label, a in answers.items() if not refused(a)}
    assert not_refused == {}
    assert state(*kept) == before
    assert (Scan.objects.count(), Reflection.objects.count()) == counts


def test_a_team_member_cannot_change_a_teammates_reflection(demo_site, world):
    """In B's own workspace, each reflection is changed only by its author."""
    client = client_for(world, "team")
    o = world.objects
    before = state(o["teammate_reflection"])
    url = reverse(
        "leergang:cohort_reflection_edit",
        kwargs={
            **world.kwargs["leergang:cohort_reflections"],
            "pk": o["teammate_reflection"].pk,
        },
    )
    for method in ("GET", "POST"):
        answer = ask(
            client, method, url, world.post_data["leergang:cohort_reflection_edit"]
        )
        assert refused(answer, HIDDEN), (method, answer.outcome)
    assert state(o["teammate_reflection"]) == before


def test_an_invitation_is_not_taken_by_another_account(demo_site, world):
    invited = world.objects["invited"]
    url = reverse("leergang:invitation", kwargs=world.kwargs["leergang:invitation"])
    for who in ("member", "contact_c", "other_cohort"):
        answer = ask(client_for(world, who), "POST", url)
        assert refused(answer, TAKEN), (who, answer.outcome)
    invited.refresh_from_db()
    assert invited.user_id is None
    assert TeamMember.objects.filter(user=world.users["member"]).count() == 0
