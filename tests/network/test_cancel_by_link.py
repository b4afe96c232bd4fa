"""Cancelling a place with the signed link in an e-mail, without logging in.

Each test starts from a real mail in the outbox, follows its link as a browser
would (a GET shows a confirmation page, the form's POST cancels, with the CSRF
token the page handed out), and then looks at what the member sees on
/mijn/ once they log in.
"""

import re
from datetime import timedelta
from email.message import Message

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from network.models import Registration
from network.services.events import event_cancel
from network.services.registrations import registration_cancel, registration_create
from network.tokens import CANCEL_MAX_AGE, CANCEL_SALT, cancel_token
from tests.network.factories import EventFactory, MemberProfileFactory

pytestmark = pytest.mark.django_db

CONFIRM_BUTTON = "Ja, meld mij af"
CANCEL_PATH = re.compile(r"https?://[^/\s]+(/agenda/afmelden/[^/\s]+/)")


def _text_part(mail) -> str:
    """The plain-text part of a sent mail, decoded as a mail client would."""
    parsed: Message = mail.message()
    for part in parsed.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text/plain part")


def _cancel_path(mail) -> str:
    match = CANCEL_PATH.search(_text_part(mail))
    assert match, _text_part(mail)
    return match.group(1)


def _mail_to(mailoutbox, member, subject_start: str):
    mails = [
        m
        for m in mailoutbox
        if m.to == [member.email] and m.subject.startswith(subject_start)
    ]
    assert mails, [m.subject for m in mailoutbox]
    return mails[-1]


def _browser() -> Client:
    """A visitor who is not logged in, with CSRF checks as in a browser."""
    return Client(enforce_csrf_checks=True)


def _replay(path: str):
    """A POST without the page's form: a second press in another tab, a
    replayed request. The CSRF layer is not what such a test is about."""
    return Client().post(path)


def _confirm(browser: Client, path: str):
    """Press the button of the confirmation page at ``path``."""
    page = browser.get(path)
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    )
    assert token, page.content.decode()
    return browser.post(path, {"csrfmiddlewaretoken": token.group(1)})


def _my_page(member) -> str:
    client = Client()
    client.force_login(member)
    response = client.get("/mijn/")
    assert response.status_code == 200
    return response.content.decode()


def _full_event(**kwargs):
    """An event with its one seat taken, so the next member waits."""
    event = EventFactory(capacity=1, **kwargs)
    registration_create(event=event, member=MemberProfileFactory().user)
    return event


def test_a_waitlist_place_cancelled_by_the_link_is_gone_from_my_page(
    mailoutbox, on_commit
):
    event = _full_event(title="Kennisatelier vol")
    member = MemberProfileFactory().user
    with on_commit():
        waiting = registration_create(event=event, member=member)
    assert waiting.is_waitlisted
    assert "Kennisatelier vol" in _my_page(member)
    path = _cancel_path(_mail_to(mailoutbox, member, "Op de wachtlijst"))
    browser = _browser()

    page = browser.get(path)
    waiting.refresh_from_db()
    assert page.status_code == 200
    assert CONFIRM_BUTTON in page.content.decode()
    assert waiting.status == Registration.Status.WAITLISTED  # GET changes nothing

    with on_commit():
        done = _confirm(browser, path)

    assert done.status_code == 200
    assert "U bent afgemeld" in done.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CANCELLED
    assert "Kennisatelier vol" not in _my_page(member)
    _mail_to(mailoutbox, member, "Afmelding ontvangen")


def test_a_confirmed_place_cancelled_by_the_link_goes_to_the_first_waiting(
    mailoutbox, on_commit
):
    event = EventFactory(capacity=1, title="Webinar regie")
    member = MemberProfileFactory().user
    next_in_line = MemberProfileFactory().user
    with on_commit():
        mine = registration_create(event=event, member=member)
        waiting = registration_create(event=event, member=next_in_line)
    path = _cancel_path(_mail_to(mailoutbox, member, "Aanmelding bevestigd"))
    browser = _browser()

    page = browser.get(path)
    mine.refresh_from_db()
    assert CONFIRM_BUTTON in page.content.decode()
    assert mine.status == Registration.Status.CONFIRMED

    with on_commit():
        done = _confirm(browser, path)

    assert "U bent afgemeld" in done.content.decode()
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, waiting.status) == ("afgemeld", "bevestigd")
    assert "Webinar regie" not in _my_page(member)
    assert "Webinar regie" in _my_page(next_in_line)
    _mail_to(mailoutbox, next_in_line, "Er is een plek vrij")


def test_a_link_for_a_place_already_cancelled_says_so_and_sends_nothing(
    mailoutbox, on_commit
):
    member = MemberProfileFactory().user
    with on_commit():
        registration = registration_create(event=EventFactory(), member=member)
    path = _cancel_path(mailoutbox[-1])
    registration_cancel(registration=registration)  # on the site, meanwhile
    sent_before = len(mailoutbox)
    browser = _browser()

    page = browser.get(path)
    with on_commit():
        again = _replay(path)  # a second press, or a stale form

    for response in (page, again):
        assert response.status_code == 200
        assert "U bent afgemeld voor" in response.content.decode()
        assert CONFIRM_BUTTON not in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert len(mailoutbox) == sent_before


def _registration_at(*, began: timedelta, status: str, member=None):
    """A registration of ``status`` for an event that began ``began`` ago
    (two hours long) and was requested long before."""
    start = timezone.now() - began
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    return Registration.objects.create(
        event=event,
        member=member or MemberProfileFactory().user,
        status=status,
        requested_at=start - timedelta(days=5),
        confirmed_at=start if status == "bevestigd" else None,
    )


@pytest.mark.parametrize(
    ("began", "status"),
    [
        (timedelta(minutes=10), "bevestigd"),  # started: the certificate counts
        (timedelta(days=3), "bevestigd"),  # over
        (timedelta(days=3), "wachtlijst"),  # over: the place is history
    ],
)
def test_a_link_after_the_event_began_changes_nothing(
    mailoutbox, on_commit, began, status
):
    registration = _registration_at(began=began, status=status)
    path = f"/agenda/afmelden/{cancel_token(registration=registration)}/"

    page = _browser().get(path).content.decode()
    with on_commit():
        response = _replay(path)

    assert "Deze bijeenkomst is al begonnen. Afmelden kan niet meer." in page
    assert CONFIRM_BUTTON not in page
    assert "U bent afgemeld" not in response.content.decode()
    registration.refresh_from_db()
    assert (registration.status, registration.cancelled_at) == (status, None)
    assert mailoutbox == []


def test_a_waitlist_place_can_be_given_up_by_the_link_once_the_event_began(
    mailoutbox, on_commit
):
    member = MemberProfileFactory().user
    registration = _registration_at(
        began=timedelta(minutes=10), status="wachtlijst", member=member
    )
    title = registration.event.title
    my_page = _my_page(member)
    assert title in my_page
    # /mijn/ offers the same: a button to leave the waitlist.
    assert f"/agenda/{registration.event.slug}/afmelden/" in my_page
    path = f"/agenda/afmelden/{cancel_token(registration=registration)}/"
    browser = _browser()

    page = browser.get(path)
    assert CONFIRM_BUTTON in page.content.decode()
    with on_commit():
        done = _confirm(browser, path)

    assert "U bent afgemeld" in done.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert title not in _my_page(member)
    _mail_to(mailoutbox, member, "Afmelding ontvangen")


def test_a_link_for_a_cancelled_event_still_takes_the_place_off_my_page(
    mailoutbox, on_commit
):
    event = _full_event(title="Atelier gaat niet door")
    member = MemberProfileFactory().user
    with on_commit():
        registration = registration_create(event=event, member=member)
    path = _cancel_path(_mail_to(mailoutbox, member, "Op de wachtlijst"))
    with on_commit():
        event_cancel(event=event)
    assert "Atelier gaat niet door" in _my_page(member)
    browser = _browser()

    with on_commit():
        _confirm(browser, path)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert "Atelier gaat niet door" not in _my_page(member)


def test_a_forged_link_is_not_found_and_changes_nothing(mailoutbox, on_commit):
    member = MemberProfileFactory().user
    with on_commit():
        registration = registration_create(event=EventFactory(), member=member)
    path = _cancel_path(mailoutbox[-1])
    forged = path[:-4] + ("a" if path[-4] != "a" else "b") + path[-3:]
    browser = _browser()

    for response in (browser.get(forged), _replay(forged)):
        assert response.status_code == 404
        assert "Deze afmeldlink klopt niet" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_an_expired_link_is_gone_and_changes_nothing(mailoutbox):
    registration = registration_create(
        event=EventFactory(), member=MemberProfileFactory().user
    )
    payload = signing.loads(cancel_token(registration=registration), salt=CANCEL_SALT)

    class SignerOfLongAgo(signing.TimestampSigner):
        def timestamp(self):
            made = timezone.now() - CANCEL_MAX_AGE - timedelta(days=1)
            return signing.b62_encode(int(made.timestamp()))

    expired = SignerOfLongAgo(salt=CANCEL_SALT).sign_object(payload, compress=True)
    path = f"/agenda/afmelden/{expired}/"
    browser = _browser()

    for response in (browser.get(path), _replay(path)):
        assert response.status_code == 410
        assert "Deze link is niet meer geldig" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_link_from_an_earlier_waitlist_place_cannot_cancel_the_new_one(
    mailoutbox, on_commit
):
    event = _full_event()
    member = MemberProfileFactory().user
    with on_commit():
        first = registration_create(event=event, member=member)
    old_path = _cancel_path(mailoutbox[-1])
    registration_cancel(registration=first)
    with on_commit():
        registration_create(event=event, member=member)  # back in the queue
    response = _replay(old_path)

    assert response.status_code == 410
    first.refresh_from_db()
    assert first.status == Registration.Status.WAITLISTED
    assert event.title in _my_page(member)
