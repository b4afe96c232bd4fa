"""A batch of mails over one SMTP connection sends each mail's commands at
once (PIPELINING, RFC 2920), with the message in a BDAT chunk when the server
offers CHUNKING (RFC 3030), to a real SMTP server on loopback
(``tests/smtp_sink.py``), with and without CHUNKING: the mails arrive as they
were written, a refused address fails its own mail only, and the connection
serves the next mail."""

import email
from smtplib import SMTPRecipientsRefused

import pytest
from django.core.mail import EmailMessage

from portal.mail import mail_connection
from portal.smtp import PipeliningSMTP
from tests.smtp_sink import SmtpSink, send_mail_to

REFUSED = "onbekend@example.org"


@pytest.fixture(params=[True, False], ids=["bdat", "data"])
def sink(request, settings):
    with SmtpSink(refuse={REFUSED}, keep_content=True, chunking=request.param) as sink:
        send_mail_to(settings, sink)
        yield sink


def _mail(connection, to, body="Tot straks."):
    return EmailMessage(
        subject="Herinnering",
        body=body,
        from_email="noreply@example.org",
        to=to,
        connection=connection,
    )


def _text(content: bytes) -> str:
    payload = email.message_from_bytes(content).get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def test_a_batch_pipelines_and_mails_arrive_as_written(sink):
    # Lines that start with a dot are doubled on the way (and undone by the
    # server); a line of a dot alone would otherwise end the message.
    body = "Agenda:\n.\n..twee punten\n.punt\nTot straks.\n"

    with mail_connection() as connection:
        connection.open()  # as portal.mail.mail_send does for a batch
        assert _mail(connection, ["anne@example.org"], body).send() == 1
        assert isinstance(connection.connection, PipeliningSMTP)
        assert connection.connection.has_extn("pipelining")
        assert connection.connection.has_extn("chunking") == sink.chunking
        assert _mail(connection, ["jan@example.org"]).send() == 1

    [first, second] = sink.received
    assert first.recipients == ("anne@example.org",)
    assert _text(first.content).splitlines() == body.splitlines()
    assert second.recipients == ("jan@example.org",)
    assert first.connection == second.connection


def test_a_refused_address_fails_its_own_mail_and_the_next_one_goes(sink):
    with mail_connection() as connection:
        connection.open()
        # Among others it is left out; alone, its mail fails.
        _mail(connection, ["anne@example.org", REFUSED]).send()
        with pytest.raises(SMTPRecipientsRefused) as refused:
            _mail(connection, [REFUSED]).send()
        _mail(connection, ["jan@example.org"]).send()

    assert list(refused.value.recipients) == [REFUSED]
    assert [received.recipients for received in sink.received] == [
        ("anne@example.org",),
        ("jan@example.org",),
    ]
    assert sink.connections_used() == 1


def test_each_address_gets_its_mail_however_it_is_written(sink):
    addresses = [
        "Gülşen Öztürk <gulsen@example.org>",
        "jan.de-vries+leernetwerk@example.org",
        '"Anne, de" <anne@example.org>',
    ]

    with mail_connection() as connection:
        connection.open()
        for address in addresses:
            _mail(connection, [address]).send()

    assert [received.recipients for received in sink.received] == [
        ("gulsen@example.org",),
        ("jan.de-vries+leernetwerk@example.org",),
        ("anne@example.org",),
    ]
