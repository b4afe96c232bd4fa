"""A member sees where they are logged in and ends their other sessions.

The page is allauth's list of the member's sessions (``allauth.usersessions``)
in the portal's look, at ``/account/sessions/``. The member logs in from two
browsers (two clients, each with its own browser and address); the page of
the first lists both and marks it as "dit apparaat"; its button logs the
other browser out and keeps this one in. Nothing else ends a session: not a
GET, not another member.
"""

import re
import time
from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.celery import app
from portal.middleware import LOGGED_IN_AT
from portal.services import user_sessions_prune
from portal.tasks import prune_ended_user_sessions
from portal.user_agents import user_agent_label
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SESSIONS = "/account/sessions/"
MY_PAGE = "/mijn/"
# "4 december 2026, 11:54"
DUTCH_DATETIME = re.compile(
    r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december) \d{4}, \d{2}:\d{2}"
)

FIREFOX_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)
CHROME_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/126.0.0.0 Safari/537.36"
)


def browser(user, *, user_agent: str, ip: str) -> Client:
    """A browser in which ``user`` logged in through the login page."""
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()
    assert "_auth_user_id" in client.session
    return client


def logged_in_long_ago(client: Client) -> None:
    """As if the client's login was an hour ago, longer than the interval in
    which the record of a new session is left alone."""
    session = client.session
    session[LOGGED_IN_AT] = int(time.time()) - 60 * 60
    session.save()


def logged_in(client: Client) -> bool:
    response = client.get(MY_PAGE)
    if response.status_code == 200:
        return True
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={MY_PAGE}"
    return False


def cards(html: str) -> list[dict]:
    """The sessions on the page: device, facts, and whether it is this one."""
    found = []
    for item in BeautifulSoup(html, "html.parser").select(".session-list > li"):
        facts = {
            dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
            for dt in item.select("dt")
        }
        title = item.select_one("h2")
        tag = title.select_one(".tag")
        found.append(
            {
                "device": title.contents[0].strip(),
                "current": tag is not None and tag.get_text() == "dit apparaat",
                "ip": facts["IP-adres"],
                "started": facts["Ingelogd op"],
                "last_seen": facts["Laatst actief"],
            }
        )
    return found


@pytest.fixture
def member():
    return UserFactory(email="anna@example.org")


@pytest.fixture
def two_browsers(member):
    """Anna on her laptop (A) and on her phone (B)."""
    laptop = browser(member, user_agent=FIREFOX_WINDOWS, ip="192.0.2.10")
    phone = browser(member, user_agent=SAFARI_IPHONE, ip="198.51.100.20")
    return laptop, phone


# --- The page ----------------------------------------------------------------


def test_the_page_lists_both_sessions_and_marks_this_one(two_browsers):
    laptop, phone = two_browsers
    other = UserFactory(email="bram@example.org")
    browser(other, user_agent=CHROME_ANDROID, ip="203.0.113.30")

    response = laptop.get(SESSIONS)

    assert response.status_code == 200
    html = response.content.decode()
    found = sorted(cards(html), key=lambda card: card["device"])
    assert [(c["device"], c["ip"], c["current"]) for c in found] == [
        ("Firefox op Windows", "192.0.2.10", True),
        ("Safari op iPhone", "198.51.100.20", False),
    ]
    for card in found:
        assert DUTCH_DATETIME.fullmatch(card["started"]), card
        assert DUTCH_DATETIME.fullmatch(card["last_seen"]), card
    # Nothing of the other member's session.
    assert "203.0.113.30" not in html
    assert "Android" not in html
    # The phone's own page marks the phone.
    on_phone = cards(phone.get(SESSIONS).content.decode())
    assert [c["device"] for c in on_phone if c["current"]] == ["Safari op iPhone"]


def test_the_page_has_a_form_that_posts_with_a_token_and_says_what_it_does(
    two_browsers,
):
    laptop, _phone = two_browsers

    page = BeautifulSoup(laptop.get(SESSIONS).content.decode(), "html.parser")

    assert page.select_one("h1").get_text(strip=True) == "Ingelogde apparaten"
    form = page.select_one(f"form[action='{SESSIONS}']")
    assert form["method"] == "post"
    assert form.select_one("input[name='csrfmiddlewaretoken']")
    button = form.select_one("button[type='submit']")
    assert button.get_text(strip=True) == "Log uit op alle andere apparaten"
    # Found from the other account pages.
    nav = page.select_one("nav[aria-label='Mijn account']")
    current = nav.select_one("a[aria-current='page']")
    assert (current["href"], current.get_text()) == (SESSIONS, "Ingelogde apparaten")
    email_page = BeautifulSoup(
        laptop.get(reverse("account_email")).content.decode(), "html.parser"
    )
    assert email_page.select_one(f"nav[aria-label='Mijn account'] a[href='{SESSIONS}']")


def test_with_one_session_there_is_nothing_to_end(member):
    laptop = browser(member, user_agent=FIREFOX_WINDOWS, ip="192.0.2.10")

    html = laptop.get(SESSIONS).content.decode()

    assert [c["current"] for c in cards(html)] == [True]
    assert "U bent nergens anders ingelogd." in html
    assert "Log uit op alle andere apparaten" not in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(SESSIONS)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={SESSIONS}"


# --- Ending the other sessions -------------------------------------------------


def test_ending_the_other_sessions_logs_the_phone_out_and_keeps_the_laptop(
    two_browsers, member
):
    laptop, phone = two_browsers
    laptop_key = laptop.session.session_key

    response = laptop.post(SESSIONS, follow=True)

    assert response.redirect_chain == [(SESSIONS, 302)]
    html = response.content.decode()
    assert "U bent uitgelogd op alle andere apparaten." in html
    assert [(c["device"], c["current"]) for c in cards(html)] == [
        ("Firefox op Windows", True)
    ]
    assert not logged_in(phone)
    assert logged_in(laptop)
    assert list(UserSession.objects.values_list("user", "session_key")) == [
        (member.pk, laptop_key)
    ]


def test_a_get_ends_nothing(two_browsers):
    laptop, phone = two_browsers

    for _ in range(2):
        assert laptop.get(SESSIONS).status_code == 200

    assert logged_in(phone)
    assert logged_in(laptop)
    assert UserSession.objects.count() == 2


def test_another_member_cannot_end_a_members_sessions(two_browsers, member):
    laptop, phone = two_browsers
    other = browser(
        UserFactory(email="bram@example.org"),
        user_agent=CHROME_ANDROID,
        ip="203.0.113.30",
    )
    anna = list(UserSession.objects.filter(user=member))

    # The form takes no session to end, but Bram names Anna's anyway.
    response = other.post(
        SESSIONS,
        {
            "session": [str(s.pk) for s in anna],
            "session_key": [s.session_key for s in anna],
            "user": str(member.pk),
        },
    )

    assert response.status_code == 302
    assert logged_in(laptop)
    assert logged_in(phone)
    assert set(UserSession.objects.filter(user=member)) == set(anna)
    # Bram sees only his own session.
    assert [c["ip"] for c in cards(other.get(SESSIONS).content.decode())] == [
        "203.0.113.30"
    ]


def test_an_anonymous_post_ends_nothing(two_browsers):
    laptop, phone = two_browsers

    response = Client().post(SESSIONS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert logged_in(laptop)
    assert logged_in(phone)


def test_a_post_without_the_csrf_token_ends_nothing(member):
    laptop = Client(
        enforce_csrf_checks=True, HTTP_USER_AGENT=FIREFOX_WINDOWS, REMOTE_ADDR="1.2.3.4"
    )
    laptop.force_login(member)
    phone = browser(member, user_agent=SAFARI_IPHONE, ip="198.51.100.20")

    response = laptop.post(SESSIONS)

    assert response.status_code == 403
    assert logged_in(phone)


# --- Keeping the records -------------------------------------------------------


def test_logging_out_forgets_that_sessions_record(two_browsers, member):
    laptop, phone = two_browsers
    phone_key = phone.session.session_key

    laptop.post(reverse("account_logout"))

    assert not logged_in(laptop)
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [
        phone_key
    ]


def test_the_first_pages_after_logging_in_leave_the_record_alone(member):
    """The login made the record; the pages right after it do not touch it
    (no query more than before the list existed)."""
    client = browser(member, user_agent=FIREFOX_WINDOWS, ip="192.0.2.10")

    with CaptureQueriesContext(connection) as queries:
        assert client.get(MY_PAGE).status_code == 200

    assert not [q for q in queries if "usersessions_usersession" in q["sql"]]
    assert UserSession.objects.get().session_key == client.session.session_key


def test_a_session_from_before_the_list_is_recorded_on_its_next_request(member):
    """A session without a record (it began before the list existed) is
    listed, and so can be ended, from its next request on."""
    client = Client(HTTP_USER_AGENT=CHROME_MAC, REMOTE_ADDR="192.0.2.99")
    client.force_login(member)
    logged_in_long_ago(client)
    assert not UserSession.objects.exists()

    client.get(MY_PAGE)

    record = UserSession.objects.get()
    assert (record.user, record.session_key, record.ip, record.user_agent) == (
        member,
        client.session.session_key,
        "192.0.2.99",
        CHROME_MAC,
    )


def test_activity_is_recorded_once_per_interval_not_on_every_request(member):
    client = browser(member, user_agent=FIREFOX_WINDOWS, ip="192.0.2.10")
    logged_in_long_ago(client)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    UserSession.objects.update(last_seen_at=an_hour_ago)

    # The first request after the interval moves "last seen" on, from
    # wherever the member now is.
    client.get(MY_PAGE, REMOTE_ADDR="192.0.2.11")
    record = UserSession.objects.get()
    assert record.last_seen_at > an_hour_ago
    assert record.ip == "192.0.2.11"

    # Within the next interval: no query about the record at all.
    UserSession.objects.update(last_seen_at=an_hour_ago)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(MY_PAGE).status_code == 200
    assert not [q for q in queries if "usersessions_usersession" in q["sql"]]
    record.refresh_from_db()
    assert record.last_seen_at == an_hour_ago

    # Once that interval is over too (its cookie has run out), again.
    del client.cookies["sessionseen"]
    client.get(MY_PAGE)
    record.refresh_from_db()
    assert record.last_seen_at > an_hour_ago


def test_the_interval_cookie_of_another_session_does_not_count(member):
    """The cookie belongs to one session: one copied from another session
    is not taken."""
    laptop = browser(member, user_agent=FIREFOX_WINDOWS, ip="192.0.2.10")
    logged_in_long_ago(laptop)
    laptop.get(MY_PAGE)
    phone = Client(HTTP_USER_AGENT=SAFARI_IPHONE, REMOTE_ADDR="198.51.100.20")
    phone.force_login(member)
    logged_in_long_ago(phone)
    phone.cookies["sessionseen"] = laptop.cookies["sessionseen"].value

    phone.get(MY_PAGE)

    assert UserSession.objects.filter(
        session_key=phone.session.session_key, ip="198.51.100.20"
    ).exists()


def test_the_daily_prune_forgets_ended_sessions_only(two_browsers, member):
    laptop, phone = two_browsers
    tablet = browser(member, user_agent=CHROME_ANDROID, ip="203.0.113.40")
    Session.objects.filter(session_key=phone.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    # One record at a time, so the ended one is in a batch of its own.
    assert user_sessions_prune(batch_size=1) == 1
    # The daily task: a second run finds nothing left.
    assert prune_ended_user_sessions.delay().get() == 0

    assert set(UserSession.objects.values_list("session_key", flat=True)) == {
        laptop.session.session_key,
        tablet.session.session_key,
    }
    assert logged_in(laptop)
    assert logged_in(tablet)


def test_the_daily_prune_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["prune-ended-user-sessions"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] == 24 * 60 * 60


# --- Names of browsers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (FIREFOX_WINDOWS, "Firefox op Windows"),
        (SAFARI_IPHONE, "Safari op iPhone"),
        (CHROME_ANDROID, "Chrome op Android"),
        (EDGE_WINDOWS, "Edge op Windows"),
        (CHROME_MAC, "Chrome op macOS"),
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Firefox op Linux",
        ),
        ("curl/8.5.0", "Onbekende browser"),
        ("", "Onbekende browser"),
        ("Mozilla/5.0 (Windows NT 10.0) Iets/1.0", "Onbekende browser op Windows"),
    ],
)
def test_a_browser_is_named_as_people_know_it(user_agent, label):
    assert user_agent_label(user_agent) == label
