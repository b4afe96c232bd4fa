"""Every mail goes through portal.mail: two templates, the same headers."""

import email
import re
from email.utils import parsedate_to_datetime

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import override_settings
from django.utils import timezone

from portal.mail import Attachment, MailRenders, mail_build, mail_send, site_url

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
                        "mail/shout.txt": "BESTE {{ name|upper }}, {{ subject }}",
                        "mail/shout.html": "<p>{% if name %}Beste {{ name }}"
                        "{% else %}Beste lezer{% endif %}</p>",
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


@pytest.mark.parametrize("template", ["mail/hello", "mail/shout"])
def test_mails_rendered_once_for_a_batch_carry_each_recipients_own_name(template):
    """A batch renders a mail once and fills in each recipient's name; a
    template that does more with the name (a filter) is rendered per mail.
    Either way each mail is the one the recipient would get on its own."""
    renders = MailRenders()
    names = ["Anne", "Gülşen <Yildiz> & 'co'", "", "Anne"]

    batch = [
        send(template=template, context={}, personal={"name": name}, renders=renders)
        for name in names
    ]
    alone = [send(template=template, context={"name": name}) for name in names]

    assert [(m.body, m.alternatives) for m in batch] == [
        (m.body, m.alternatives) for m in alone
    ]
    assert batch[1].alternatives[0][0] == (
        "<p>Beste Gülşen &lt;Yildiz&gt; &amp; &#x27;co&#x27;</p>"
    )


def test_a_mail_goes_out_as_the_email_package_writes_it():
    """A portal mail sets its own boundaries and folds each header once for
    all mails; its bytes are still the ones the email package writes, long
    and non-ASCII headers included."""
    mail_ = send(
        to=["Gülşen Öztürk <gulsen@example.org>"],
        subject="Herinnering: " + "een bijeenkomst met een heel lange titel " * 4,
        attachments=[
            Attachment(
                "bijeenkomst.ics",
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
        ],
    )
    ours = mail_.message().as_bytes(linesep="\r\n")
    # Django's own message, which the email package flattens as it would.
    theirs = EmailMultiAlternatives.message(mail_).as_bytes(linesep="\r\n")

    def comparable(raw: bytes) -> bytes:
        raw = re.sub(rb"Message-ID: <[^>]+>", b"Message-ID: <id>", raw)
        found = list(dict.fromkeys(re.findall(rb"={15}\d+==", raw)))
        for number, boundary in enumerate(found):
            raw = raw.replace(boundary, b"boundary-%d" % number)
        return raw

    assert len(set(re.findall(rb"={15}\d+==", ours))) == 2
    assert comparable(ours) == comparable(theirs)
    assert b"\r\n " in ours.split(b"\r\n\r\n", 1)[0]  # folded headers
    assert b"=?utf-8?" in ours.split(b"\r\n\r\n", 1)[0]  # encoded ones
