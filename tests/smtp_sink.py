"""A real SMTP server on loopback that keeps what it received, for tests and
the benchmark that prove delivery over SMTP itself: how many messages reached
each recipient, how many distinct messages there were, and over how many
connections they came. It can refuse given recipients, as a mail server
refuses an address it does not know.

    with SmtpSink(refuse={"onbekend@example.org"}) as sink:
        send_mail_to(settings, sink)  # the portal's mail goes there
        sink.wait_for(25)
        assert sink.per_recipient() == {...}
"""

import asyncio
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import MISSING, SMTP, syntax

from tests.ports import free_port

HOST = "127.0.0.1"
_MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(\S+)", re.IGNORECASE | re.MULTILINE)
_SUBJECT = re.compile(rb"^Subject:[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE)
# An address as senders write it in MAIL FROM and RCPT TO: in angle brackets,
# a dot-atom at a domain name, and what follows.
_PLAIN_ADDRESS = re.compile(
    r"<([\w+-]+(?:\.[\w+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>\s*(.*)",
    re.ASCII | re.DOTALL,
)


@dataclass(frozen=True)
class Received:
    """One message as the sink accepted it."""

    recipients: tuple[str, ...]
    message_id: str
    subject: str
    connection: int  # the number of the connection it came over (1, 2, ...)
    content: bytes = b""  # the message itself, when the sink keeps them


class _Handler:
    def __init__(self, sink: "SmtpSink") -> None:
        self.sink = sink

    async def handle_EHLO(
        self,
        server: Any,
        session: Any,
        envelope: Any,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        # aiosmtpd answers commands that come at once one by one, in order,
        # as RFC 2920 asks of a server that offers PIPELINING, and the sink
        # takes a message in BDAT chunks (RFC 3030, ``_Server.smtp_BDAT``):
        # it says so, as mail servers do.
        session.host_name = hostname
        offers = ["250-PIPELINING"] + (["250-CHUNKING"] if self.sink.chunking else [])
        return [*responses[:-1], *offers, responses[-1]]

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.lower() in self.sink.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.sink.holding():
            # Keep the sender waiting for the answer, as a mail server that
            # hangs: the message is not taken (until the sink lets go).
            await asyncio.get_running_loop().run_in_executor(
                None, self.sink._released.wait
            )
            transport = getattr(server, "transport", None)
            if transport is None or transport.is_closing():
                return "421 The sender is gone"  # never taken
        # Only the headers are read: a sink that parsed every message would
        # be slower than the sender it measures.
        content = envelope.original_content or b""
        head = content.split(b"\r\n\r\n", 1)[0]
        message_id = _MESSAGE_ID.search(head)
        subject = _SUBJECT.search(head)
        self.sink._record(
            Received(
                recipients=tuple(envelope.rcpt_tos),
                message_id=message_id.group(1).decode() if message_id else "",
                subject=subject.group(1).decode(errors="replace") if subject else "",
                connection=getattr(server, "sink_connection", 0),
                content=content if self.sink.keep_content else b"",
            )
        )
        return "250 Message accepted"


class _Server(SMTP):
    """One connection. It answers without Nagle's delay, as a mail server
    does: aiosmtpd writes a reply of several lines (EHLO) line by line, and
    the sender would wait for each acknowledgement (40 ms on loopback).

    It reads a message's data in blocks up to the end-of-data line, as a mail
    server does, rather than line by line as aiosmtpd does (a coroutine step
    per line made the sink slower than the sender it measures); the data, the
    limits and the replies are aiosmtpd's."""

    sink_connection = 0

    def connection_made(self, transport: Any) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)

    @syntax("DATA")
    async def smtp_DATA(self, arg: str) -> None:
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("DATA"):
            return
        assert self.envelope is not None
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        if arg:
            await self.push("501 Syntax: DATA")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        data = await self._read_data()
        # The message without the end-of-data line; each line without the dot
        # that the sender doubled at its start (RFC 5321, 4.5.2).
        body = data[:-3]
        if max(map(len, body.split(b"\r\n"))) + 2 > self.line_length_limit:
            await self.push("500 Line too long (see RFC5321 4.5.3.1.6)")
        elif self.data_size_limit and len(body) > self.data_size_limit:
            await self.push("552 Error: Too much mail data")
        else:
            content = (b"\r\n" + body).replace(b"\r\n.", b"\r\n")[2:]
            self.envelope.content = self.envelope.original_content = content
            status = await self._call_handler_hook("DATA")
            self._set_post_data_state()
            await self.push("250 OK" if status is MISSING else status)
            return
        self._set_post_data_state()

    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        # A plain address is read as aiosmtpd's RFC 5322 parser reads it,
        # only without that parser (a sink should not be slower than the
        # sender it measures); anything else goes to the parser.
        plain = _PLAIN_ADDRESS.fullmatch(arg or "")
        if plain is None or self.local_part_limit:
            return super()._getaddr(arg)
        return plain.group(1), plain.group(2)

    @syntax("BDAT size [LAST]")
    async def smtp_BDAT(self, arg: str) -> None:
        """A chunk of the message: its size, then exactly that many bytes,
        as they are (RFC 3030); the last chunk ends the message."""
        words = (arg or "").split()
        if (
            not 1 <= len(words) <= 2
            or not words[0].isdigit()
            or [word.upper() for word in words[1:]] not in ([], ["LAST"])
        ):
            # Without a size nobody knows where the chunk ends.
            await self.push("501 Syntax: BDAT size [LAST]")
            self.transport.close()
            return
        chunk = await self._reader.readexactly(int(words[0]))
        if await self.check_helo_needed():
            return
        assert self.envelope is not None
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        content = getattr(self.envelope, "sink_chunks", b"") + chunk
        if self.data_size_limit and len(content) > self.data_size_limit:
            self._set_post_data_state()
            await self.push("552 Error: Too much mail data")
            return
        if len(words) == 1:
            self.envelope.sink_chunks = content
            await self.push(f"250 {len(chunk)} octets received")
            return
        self.envelope.content = self.envelope.original_content = content
        status = await self._call_handler_hook("DATA")
        self._set_post_data_state()
        await self.push("250 OK" if status is MISSING else status)

    async def _read_data(self) -> bytes:
        """The message's data up to and with the end-of-data line (a lone
        dot), read in blocks."""
        data = bytearray()
        while not (data == b".\r\n" or data.endswith(b"\r\n.\r\n")):
            try:
                data += await self._reader.readuntil(b".\r\n")
            except asyncio.LimitOverrunError as error:
                # No end in the reader's window (as long as a line): take what
                # cannot be part of the end, and read on.
                data += await self._reader.readexactly(error.consumed)
            except asyncio.CancelledError:  # the connection was lost
                self._writer.close()
                raise
        return bytes(data)


class _Controller(Controller):
    """Numbers each connection (aiosmtpd makes one SMTP instance per
    connection)."""

    def __init__(self, sink: "SmtpSink", **kwargs: Any) -> None:
        super().__init__(_Handler(sink), **kwargs)
        self.sink = sink

    def factory(self) -> SMTP:
        server = _Server(self.handler, **self.SMTP_kwargs)
        server.sink_connection = self.sink._connected()
        return server


def send_mail_to(settings: Any, server: Any, *, timeout: float = 10) -> None:
    """Have the portal send its mail over SMTP to ``server`` (a sink or a
    ``StallingServer``, on ``host:port``): ``settings`` is pytest-django's
    fixture, which undoes this after the test."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = timeout


class SmtpSink:
    """An SMTP server on ``host:port`` in a thread of this process; use it as a
    context manager (or ``start()``/``stop()``). ``keep_content``: keep each
    message as it arrived (``Received.content``); ``chunking``: offer BDAT
    (otherwise a message comes with DATA only); ``hold_after``: take that
    many messages, then keep every sender waiting for the answer to the next
    until ``release()``."""

    def __init__(
        self,
        *,
        port: int = 0,
        refuse: Iterable[str] = (),
        host: str = HOST,
        keep_content: bool = False,
        chunking: bool = True,
        hold_after: int | None = None,
    ) -> None:
        self.host = host
        self.hold_after = hold_after
        self._released = threading.Event()
        self.port = port or free_port()
        self.refuse = {address.lower() for address in refuse}
        self.keep_content = keep_content
        self.chunking = chunking
        self._lock = threading.Lock()
        self._received: list[Received] = []
        self._connections = 0
        self._controller = _Controller(
            self,
            hostname=host,
            port=self.port,
            server_hostname="sink.localhost",
            ready_timeout=10,
        )

    def start(self) -> "SmtpSink":
        self._controller.start()
        # Starting makes one connection of its own to see that the server
        # answers; it is no sender's.
        self.reset()
        return self

    def stop(self) -> None:
        self._released.set()  # no sender stays waiting on a stopped sink
        self._controller.stop()

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def holding(self) -> bool:
        """Whether the next message waits (``hold_after`` taken, not
        released)."""
        return (
            self.hold_after is not None
            and not self._released.is_set()
            and self.count >= self.hold_after
        )

    def release(self) -> None:
        """Answer the waiting senders and take every message from now on."""
        self._released.set()

    def reset(self) -> None:
        """Forget what was received and the connections so far."""
        with self._lock:
            self._received.clear()
            self._connections = 0

    def _connected(self) -> int:
        with self._lock:
            self._connections += 1
            return self._connections

    def _record(self, received: Received) -> None:
        with self._lock:
            self._received.append(received)

    # What the sink saw.

    @property
    def received(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._received)

    @property
    def connections(self) -> int:
        """Connections made to the sink (since it started or was reset)."""
        with self._lock:
            return self._connections

    def connections_used(self) -> int:
        """Connections over which at least one message came."""
        return len({received.connection for received in self.received})

    def per_recipient(self) -> Counter[str]:
        """How many messages each recipient got."""
        return Counter(
            address for received in self.received for address in received.recipients
        )

    def distinct_messages(self) -> int:
        """Messages with a Message-ID of their own (a message sent twice has
        a new one, so duplicates show in ``per_recipient``)."""
        return len({received.message_id for received in self.received})

    def wait_for(self, count: int, *, timeout: float = 30.0) -> None:
        """Wait until at least ``count`` messages arrived; fail after
        ``timeout`` seconds, naming how many did."""
        deadline = time.monotonic() + timeout
        while self.count < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the SMTP sink received {self.count} of {count} messages "
                    f"in {timeout:.0f} s"
                )
            time.sleep(0.05)


class StallingServer:
    """A mail server that takes connections and then says nothing, as one
    that hangs: a sender waits for its greeting until its own timeout."""

    def __init__(self) -> None:
        self.host = HOST
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind((HOST, 0))
        self.port = int(self._socket.getsockname()[1])
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self.connections = 0

    def _accept(self) -> None:
        self._socket.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _address = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._held.append(conn)
            self.connections += 1

    def __enter__(self) -> "StallingServer":
        self._socket.listen(16)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self._held:
            conn.close()
        self._socket.close()
