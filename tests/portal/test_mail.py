"""Every mail goes through portal.mail: two templates, the same headers."""

import email
from email.utils import parsedate_to_datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from portal.mail import Attachment, mail_build, mail_send, site_url

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "mail/hello.txt": "Beste {{ name }}, {{ subject }}",
                        "mail/hello.html": "<p>Beste {{ name }}</p>",
                    },
                )
            ]
        },
    }
]

pytestmark = pytest.mark.usefixtures("_mail_templates")


@pytest.fixture
def _mail_templates():
    with override_settings(TEMPLATES=TEMPLATES):
        yield


def send(**overrides):
    arguments = {
        "to": ["lid@example.org"],
        "subject": "Welkom bij\nhet leernetwerk",
        "template": "mail/hello",
        "context": {"name": "Gülşen <Yildiz>"},
        **overrides,
    }
    mail_send(**arguments)
    return mail.outbox[-1]


def test_a_mail_has_text_and_html_from_one_context():
    message = send()

    assert message.body == "Beste Gülşen <Yildiz>, Welkom bij het leernetwerk"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert html == "<p>Beste Gülşen &lt;Yildiz&gt;</p>"


def test_the_subject_never_breaks_a_header_line():
    message = send()

    assert message.subject == "Welkom bij het leernetwerk"


@override_settings(MAIL_REPLY_TO="leernetwerk@example.org")
def test_replies_reach_a_person_unless_the_mail_names_its_own_contact():
    assert send().reply_to == ["leernetwerk@example.org"]
    assert send(reply_to=["organisator@example.org"]).reply_to == [
        "organisator@example.org"
    ]


def test_automatic_mails_say_so_and_carry_the_local_offset():
    parsed = email.message_from_bytes(send().message().as_bytes())

    assert parsed["Auto-Submitted"] == "auto-generated"
    sent_at = parsedate_to_datetime(parsed["Date"])
    local_offset = timezone.localtime().utcoffset()
    assert sent_at.utcoffset() == local_offset
    assert local_offset.total_seconds() in (3600, 7200)  # Europe/Amsterdam
    assert abs((timezone.now() - sent_at).total_seconds()) < 60


def test_attachments_and_extra_headers_are_kept():
    message = send(
        attachments=[Attachment("bijeenkomst.ics", "BEGIN:VCALENDAR", "text/calendar")],
        headers={"List-Unsubscribe": "<https://example.org/afmelden>"},
    )

    assert message.attachments[0][0] == "bijeenkomst.ics"
    assert message.extra_headers["List-Unsubscribe"] == "<https://example.org/afmelden>"


def test_a_built_mail_is_not_sent_until_asked():
    message = mail_build(
        to=["lid@example.org"], subject="Hallo", template="mail/hello", context={}
    )

    assert mail.outbox == []
    message.send()
    assert len(mail.outbox) == 1


@override_settings(WAGTAILADMIN_BASE_URL="https://leernetwerk.example.org/")
def test_site_url_is_absolute_without_a_double_slash():
    assert site_url("/agenda/") == "https://leernetwerk.example.org/agenda/"
    assert site_url() == "https://leernetwerk.example.org"
