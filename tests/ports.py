"""Ports on loopback for the servers a test starts (gunicorn, an SMTP sink,
a private Redis or PostgreSQL)."""

import random
import socket
from collections.abc import Callable, Iterable

import pytest

HOST = "127.0.0.1"


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
    raise RuntimeError(f"no free port on {HOST} in {candidates}")


def start_on_a_free_port(
    ports: Iterable[int], start: Callable[[int], bool], *, what: str
) -> int:
    """Start a server with ``start(port)`` on a port of ``ports`` that is
    free, in a random order (so that test runs side by side seldom meet);
    ``start`` returns False when the port was taken in the meantime, and the
    next is tried. Returns the port."""
    order = list(ports)
    random.shuffle(order)  # nosec B311 - spreads parallel runs, no secret
    for port in order:
        try:
            free_port([port])
        except RuntimeError:
            continue
        if start(port):
            return port
    pytest.fail(f"no free port for {what} in {ports}")
