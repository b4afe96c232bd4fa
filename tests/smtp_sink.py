"""A real SMTP server on loopback that keeps what it received, for tests and
the benchmark that prove delivery over SMTP itself: how many messages reached
each recipient, how many distinct messages there were, and over how many
connections they came. It can refuse given recipients, as a mail server
refuses an address it does not know.

    with SmtpSink(refuse={"onbekend@example.org"}) as sink:
        ...  # EMAIL_HOST = sink.host, EMAIL_PORT = sink.port
        sink.wait_for(25)
        assert sink.per_recipient() == {...}
"""

import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

HOST = "127.0.0.1"
_MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(\S+)", re.IGNORECASE | re.MULTILINE)
_SUBJECT = re.compile(rb"^Subject:[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Received:
    """One message as the sink accepted it."""

    recipients: tuple[str, ...]
    message_id: str
    subject: str
    connection: int  # the number of the connection it came over (1, 2, ...)


def free_port(candidates: Iterable[int] = (0,)) -> int:
    """The first port of ``candidates`` on loopback that nothing listens on
    (0: any free port the system picks)."""
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise RuntimeError("no free port for the SMTP sink")


class _Handler:
    def __init__(self, sink: "SmtpSink") -> None:
        self.sink = sink

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.lower() in self.sink.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
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
            )
        )
        return "250 Message accepted"


class _Server(SMTP):
    """One connection. It answers without Nagle's delay, as a mail server
    does: aiosmtpd writes a reply of several lines (EHLO) line by line, and
    the sender would wait for each acknowledgement (40 ms on loopback)."""

    sink_connection = 0

    def connection_made(self, transport: Any) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


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


class SmtpSink:
    """An SMTP server on ``host:port`` in a thread of this process; use it as a
    context manager (or ``start()``/``stop()``)."""

    def __init__(
        self, *, port: int = 0, refuse: Iterable[str] = (), host: str = HOST
    ) -> None:
        self.host = host
        self.port = port or free_port()
        self.refuse = {address.lower() for address in refuse}
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
        self._controller.stop()

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

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
