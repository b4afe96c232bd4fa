"""A Redis server of the test's own, to stop and start again as an outage
would: on a free loopback port (6400-6449), keeping nothing on disk, so a
restart comes back empty, as a Redis without persistence does.

``private_redis`` points the test process (its cache, the Celery app it
hands tasks to) and the workers it starts (``tests/workers.py`` passes on
``REDIS_URL``) at such a server, instead of the suite's shared Redis.
"""

import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

from tests.ports import start_on_a_free_port

PORTS = range(6400, 6450)


def _redis_server_binary() -> str:
    found = shutil.which("redis-server")
    if found is None:
        pytest.fail("the broker fault tests need redis-server on the PATH")
    return found


class RedisServer:
    """``redis-server`` in a process of its own; ``stop()`` kills it (the
    data goes with it), ``start()`` brings it back on the same port."""

    def __init__(self, *, directory: Path) -> None:
        self.directory = directory
        self.log = directory / "redis.log"
        self.port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, database: int = 0) -> str:
        assert self.port is not None, "start the server first"
        return f"redis://127.0.0.1:{self.port}/{database}"

    def start(self) -> "RedisServer":
        """Start on the port of the previous run, or on a free one."""
        if self.port is not None:
            self._launch(self.port)
            return self
        start_on_a_free_port(
            PORTS,
            lambda port: self._launch(port, give_up=False),
            what="redis-server",
        )
        return self

    def _launch(self, port: int, *, give_up: bool = True) -> bool:
        command = [
            _redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", str(self.directory),
            "--daemonize", "no", "--logfile", "",
        ]  # fmt: skip
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
                command, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 10
        while not self._ours_answers(port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                if give_up:
                    pytest.fail(
                        f"redis-server did not start on port {port}:\n"
                        + self.log.read_text(errors="replace")[-2000:]
                    )
                return False  # taken meanwhile by someone else: try another
            time.sleep(0.05)
        self.port = port
        return True

    def _ours_answers(self, port: int) -> bool:
        """Whether the server on ``port`` answers and is this one (not another
        run's that took the port while ours was down)."""
        assert self.process is not None
        if self.process.poll() is not None:
            return False
        client = redis.Redis(
            host="127.0.0.1", port=port, socket_connect_timeout=0.5, socket_timeout=1
        )
        try:
            return int(client.info("server")["process_id"]) == self.process.pid
        except (redis.RedisError, OSError):
            return False
        finally:
            client.close()

    def answers(self, port: int | None = None) -> bool:
        client = redis.Redis(
            host="127.0.0.1",
            port=port or self.port or 0,
            socket_connect_timeout=0.5,
            socket_timeout=1,
        )
        try:
            return bool(client.ping())
        except (redis.RedisError, OSError):
            return False
        finally:
            client.close()

    def stop(self, how: signal.Signals = signal.SIGKILL) -> None:
        """Stop the server (SIGKILL: at once, as a crash; SIGTERM: as a
        shutdown) and wait until it is gone."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(how)
        self.process.wait(timeout=10)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


@contextmanager
def celery_broker(url: str) -> Iterator[None]:
    """Have the Celery app of the test process hand its tasks to ``url``."""
    from portal.celery import app

    def forget_connections() -> None:
        # Celery keeps its connection and producer pools for the life of the
        # process; forget them so the next task connects to the broker that
        # is configured now. It also keeps the sender it made for the first
        # task, with the retry policy of that moment (an earlier test may have
        # turned retries off): a new one follows the settings again.
        app._pool = None
        app.amqp._producer_pool = None
        app.amqp.__dict__.pop("send_task_message", None)

    saved = app.conf.broker_url
    forget_connections()
    app.conf.broker_url = url
    try:
        yield
    finally:
        forget_connections()
        app.conf.broker_url = saved


@pytest.fixture(name="redis_server")
def redis_server_fixture(tmp_path_factory) -> Iterator[RedisServer]:
    """A private Redis, running; stopped after the test."""
    server = RedisServer(directory=tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(name="private_redis")
def private_redis_fixture(redis_server, settings) -> Iterator[RedisServer]:
    """The cache and broker of the test process, and of the workers it
    starts after this fixture, on the private Redis (one database for both,
    as ``REDIS_URL`` gives them in production)."""
    url = redis_server.url()
    settings.REDIS_URL = url
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "portal.cache.PrefixedRedisCache",
            "LOCATION": url,
        },
    }
    with celery_broker(url):
        yield redis_server
