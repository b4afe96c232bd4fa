"""Django's SMTP backend, sending each mail's commands at once when the mail
server offers PIPELINING (RFC 2920), and the message with them when it also
offers CHUNKING (RFC 3030).

smtplib sends MAIL FROM, each RCPT TO and DATA one by one, and waits for the
server's answer to each, then sends the message: four round trips for a mail
to one person. With pipelining the commands go in one write and their
answers are read together, then the message follows: two round trips. With
chunking the message goes in that same write, as one BDAT chunk (its size
first, so it needs no end mark and no escaped dots): one round trip. The
answers are read and judged in the order of the commands, with smtplib's
errors (a refused sender, refused recipients, refused data), so a caller
sees no difference. A server that offers neither gets smtplib's own
``sendmail``.

``portal.mail.mail_connection`` uses it for a batch of mails over one
connection (the reminders of a chunk).
"""

import re
import smtplib
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.core.mail.backends.smtp import EmailBackend as DjangoEmailBackend

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

CRLF = b"\r\n"
_LINE_START_DOT = re.compile(rb"(?m)^\.")
# The answer of a server that closes the connection (and the session).
CLOSING = 421


Refused = dict[str, tuple[int, bytes]]


class PipeliningSMTP(smtplib.SMTP):
    """smtplib's SMTP connection, pipelining a mail's commands (and sending
    the message with them in a BDAT chunk) when the server offers it.

    ``sendmail_start`` hands a mail to the server and returns what waits for
    the server's answers: a sender can make its next mail while the server
    takes this one (``portal.mail.OutgoingMail``)."""

    def sendmail(
        self,
        from_addr: str,
        to_addrs: str | Sequence[str],
        msg: "SizedBuffer | str",
        mail_options: Sequence[str] = (),
        rcpt_options: Sequence[str] = (),
    ) -> Refused:
        return self.sendmail_start(
            from_addr, to_addrs, msg, mail_options, rcpt_options
        )()

    def sendmail_start(
        self,
        from_addr: str,
        to_addrs: str | Sequence[str],
        msg: "SizedBuffer | str",
        mail_options: Sequence[str] = (),
        rcpt_options: Sequence[str] = (),
    ) -> Callable[[], Refused]:
        """Send a mail as far as it goes without the server's last answer,
        and return what reads that answer: the result of ``sendmail`` (the
        refused recipients), or its error. With CHUNKING the whole mail goes
        in one write and all answers are read at the end; with DATA the
        answers to the commands come first; without PIPELINING smtplib's
        ``sendmail`` does it all at once."""
        self.ehlo_or_helo_if_needed()
        if (
            not self.has_extn("pipelining")
            or isinstance(msg, str)
            or any(option.lower() == "smtputf8" for option in mail_options)
        ):
            refused = super().sendmail(
                from_addr, to_addrs, msg, mail_options, rcpt_options
            )
            return lambda: refused
        if isinstance(to_addrs, str):
            to_addrs = [to_addrs]
        data = bytes(msg)
        if not data.endswith(CRLF):
            data += CRLF  # as smtplib ends the data of DATA
        options = ([f"size={len(data)}"] if self.has_extn("size") else []) + list(
            mail_options
        )
        chunking = self.has_extn("chunking")
        commands = [
            "mail from:" + _quoted(from_addr) + _options(options),
            *(
                "rcpt to:" + _quoted(address) + _options(rcpt_options)
                for address in to_addrs
            ),
            f"bdat {len(data)} last" if chunking else "data",
        ]
        if any("\r" in command or "\n" in command for command in commands):
            raise ValueError(
                "command and arguments contain prohibited newline characters"
            )
        self.send(
            "".join(f"{command}\r\n" for command in commands).encode(
                self.command_encoding
            )
            + (data if chunking else b"")
        )
        if chunking:

            def answers() -> Refused:
                refused, code, resp = self._envelope_answers(
                    from_addr, to_addrs, chunking=True
                )
                self._data_answer(code, resp)
                return refused

            return answers
        refused, code, resp = self._envelope_answers(
            from_addr, to_addrs, chunking=False
        )
        if code != 354:
            if code == CLOSING:
                self.close()
            raise smtplib.SMTPDataError(code, resp)
        self.send(_LINE_START_DOT.sub(b"..", data) + b"." + CRLF)

        def answer() -> Refused:
            self._data_answer(*self.getreply())
            return refused

        return answer

    def _envelope_answers(
        self, from_addr: str, to_addrs: Sequence[str], *, chunking: bool
    ) -> tuple[Refused, int, bytes]:
        """Read the answers to MAIL and RCPT in order, as smtplib would one
        by one (raising its errors), and the one to DATA or BDAT."""
        code, resp = self.getreply()
        if code == CLOSING:
            self.close()
            raise smtplib.SMTPSenderRefused(code, resp, from_addr)
        sender_refused = None if code == 250 else (code, resp)
        refused: Refused = {}
        for address in to_addrs:
            code, resp = self.getreply()
            if code not in (250, 251):
                refused[address] = (code, resp)
            if code == CLOSING:
                self.close()
                raise smtplib.SMTPRecipientsRefused(refused)
        code, resp = self.getreply()
        if sender_refused is not None or len(refused) == len(to_addrs):
            if code == 354 and not chunking:
                # A server that waits for data nobody can get: end it empty.
                self.send(b"." + CRLF)
                self.getreply()
            self._reset()
            if sender_refused is not None:
                raise smtplib.SMTPSenderRefused(*sender_refused, from_addr)
            raise smtplib.SMTPRecipientsRefused(refused)
        return refused, code, resp

    def _data_answer(self, code: int, resp: bytes) -> None:
        """The answer to the message (the end of DATA, or the last BDAT)."""
        if code != 250:
            if code == CLOSING:
                self.close()
            else:
                self._reset()
            raise smtplib.SMTPDataError(code, resp)

    def _reset(self) -> None:
        """RSET after a failed mail, as smtplib does: a server that is gone
        already needs none."""
        with suppress(smtplib.SMTPServerDisconnected):
            self.rset()


# A plain address: a dot-atom at a domain name, in ASCII. Django's SMTP
# backend and smtplib write it as it is; it needs neither's address parser.
PLAIN_ADDRESS = re.compile(
    r"[\w+-]+(?:\.[\w+-]+)*@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*", re.ASCII
)
_quoteaddr = lru_cache(maxsize=256)(smtplib.quoteaddr)


def _quoted(address: str) -> str:
    """smtplib's ``<address>`` for an envelope address: parsed only when it
    is not plain, and once per address (a batch has one sender)."""
    if PLAIN_ADDRESS.fullmatch(address):
        return f"<{address}>"
    return _quoteaddr(address)


def _options(options: Sequence[str]) -> str:
    return " " + " ".join(options) if options else ""


class PipeliningSMTP_SSL(PipeliningSMTP, smtplib.SMTP_SSL):
    pass


class EmailBackend(DjangoEmailBackend):
    """Django's SMTP backend over a connection that pipelines."""

    @property
    def connection_class(self) -> Any:
        return PipeliningSMTP_SSL if self.use_ssl else PipeliningSMTP
