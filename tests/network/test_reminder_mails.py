"""The reminders of a chunk share their rendering: each event's mail is
rendered once, and each participant's own name and cancel link are filled in.
Every participant still reads their own name, their link cancels their own
place, and each mail is the very mail they would get on its own."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from network.emails import send_registration_mail
from network.models import Registration
from network.services.reminders import reminders_dispatch
from tests.network.factories import EventFactory, RegistrationFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

CANCEL_LINK = re.compile(r"https?://[^/\s\"]+(/agenda/afmelden/[^/\s\"]+/)")
NAMES = ["Anne", "Jan & Piet <de Vries>", "Zoë 'Z' \"Zee\"", ""]


@pytest.fixture
def participants():
    """Four places at one event whose hour-before reminder is due; one member
    without a first name (greeted by address)."""
    start = (timezone.now() + timedelta(minutes=30)).replace(microsecond=0)
    event = EventFactory(
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        online_url="https://meet.example.org/leernetwerk",
    )
    return [
        RegistrationFactory(
            event=event,
            member=UserFactory(first_name=name),
            confirmed_at=start - timedelta(days=10),
        )
        for name in NAMES
    ]


def _mail_to(mailoutbox, registration):
    [mail] = [m for m in mailoutbox if m.to == [registration.member.email]]
    return mail


def _html(mail) -> str:
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html"
    return html


def test_each_participant_reads_their_own_name_and_cancels_their_own_place(
    participants, mailoutbox, on_commit
):
    assert reminders_dispatch() == len(participants)

    paths = {}
    for registration in participants:
        member = registration.member
        name = member.first_name or member.email
        mail = _mail_to(mailoutbox, registration)
        assert f"Beste {name},\n" in mail.body
        assert f"<p>Beste {escape(name)},</p>" in _html(mail)
        [path] = {m.group(1) for m in CANCEL_LINK.finditer(mail.body)}
        assert {m.group(1) for m in CANCEL_LINK.finditer(_html(mail))} == {path}
        paths[registration.pk] = path
    assert len(set(paths.values())) == len(participants)

    # Jan follows the link in his mail: his place goes, nobody else's.
    jan = participants[1]
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(paths[jan.pk])
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert csrf, page.text
    with on_commit():
        browser.post(paths[jan.pk], {"csrfmiddlewaretoken": csrf.group(1)})
    statuses = {
        registration.pk: Registration.objects.get(pk=registration.pk).status
        for registration in participants
    }
    assert statuses == {
        registration.pk: (
            Registration.Status.CANCELLED
            if registration == jan
            else Registration.Status.CONFIRMED
        )
        for registration in participants
    }


def test_a_reminder_of_a_chunk_is_the_mail_a_participant_gets_on_its_own(
    participants, mailoutbox, monkeypatch
):
    # One moment for every mail here: the Date header, the calendar file's
    # stamp and the signature of the cancel link are the same for two
    # renderings of one mail, which can then be compared as a whole.
    moment = timezone.now().replace(microsecond=0)
    stamp = signing.b62_encode(int(time.time()))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda _self: stamp)

    reminders_dispatch()
    in_chunk = {tuple(m.to): m for m in mailoutbox}
    mailoutbox.clear()
    for registration in participants:
        send_registration_mail(registration=registration, kind="reminder_1h")

    assert len(mailoutbox) == len(in_chunk) == len(participants)
    for alone in mailoutbox:
        shared = in_chunk[tuple(alone.to)]
        assert shared.subject == alone.subject
        assert shared.body == alone.body
        assert shared.alternatives == alone.alternatives
        assert shared.attachments == alone.attachments
        assert shared.reply_to == alone.reply_to
        assert shared.extra_headers == alone.extra_headers
