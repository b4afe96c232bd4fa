"""A real Celery worker in a process of its own, for tests that prove delivery
end to end: the test commits its data, hands work to Celery as the portal does,
and reads the mails the worker wrote.

The worker runs with the test settings against the test database (PostgreSQL:
another process cannot see an SQLite test database in memory) and the Redis of
``REDIS_URL``; it writes its mails as files into a folder of the test
(``TEST_WORKER_MAIL_DIR``), since a mail kept in memory would stay in the worker.
"""

import email
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
# What Django's file-based backend writes after each message.
MESSAGE_END = b"\n" + b"-" * 79 + b"\n"


def _database_url() -> str:
    """The address of the test database, for the worker's ``DATABASE_URL``."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(str(db['PASSWORD']), safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}"


def needs_postgresql_and_redis() -> None:
    """Fail (not skip) when the worker could not share the test's data: a
    suite run with a broker or database missing must not pass silently."""
    assert connection.vendor == "postgresql", (
        "worker tests need PostgreSQL (set DATABASE_URL); on SQLite, "
        'deselect them with -m "not postgresql"'
    )
    if not settings.REDIS_URL:
        pytest.fail(
            "worker tests need Redis as the Celery broker: set REDIS_URL (a "
            "Redis database for the test suite alone)"
        )


class Worker:
    """``celery -A portal worker`` (``beat=True``: with ``--beat``, as
    ``make run`` starts it), stopped with its whole process group."""

    def __init__(self, *, mail_dir: Path, log: Path) -> None:
        self.mail_dir = mail_dir
        self.log = log
        self.name = f"test-{uuid.uuid4().hex[:8]}@portal"
        self.process: subprocess.Popen[bytes] | None = None

    def start(
        self,
        *,
        beat: bool = False,
        concurrency: int = 1,
        env: dict[str, str] | None = None,
    ) -> "Worker":
        """Start the worker; ``env``: more environment for it."""
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DJANGO_READ_DOT_ENV_FILE": "false",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "TEST_WORKER_MAIL_DIR": str(self.mail_dir),
            **(env or {}),
        }
        command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker",
            "--loglevel=INFO", f"--concurrency={concurrency}",
            f"--hostname={self.name}",
            "--without-mingle", "--without-gossip",
        ]  # fmt: skip
        if beat:
            command.append("--beat")
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter
                command,
                cwd=ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_for(lambda: b" ready." in self.log.read_bytes(), "to start")
        return self

    def stop(self) -> None:
        """Kill the worker, its pool and its beat: the test is over, so there
        is nothing left to finish (and a warm shutdown takes seconds)."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def pause(self) -> None:
        """Stop taking tasks from the queue (as a worker busy with something
        else, or restarting): new tasks wait in Redis."""
        self._control("cancel_consumer")

    def resume(self) -> None:
        self._control("add_consumer")

    def _control(self, command: str) -> None:
        from portal.celery import app

        queue = app.conf.task_default_queue
        replies = getattr(app.control, command)(
            queue, destination=[self.name], reply=True, timeout=10
        )
        assert replies, f"the worker did not answer {command}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(
        self,
        condition: Callable[[], bool],
        what: str,
        *,
        seen: Callable[[], object] | None = None,
        timeout: float = 30,
    ) -> None:
        """Poll ``condition`` until it holds; fail with what was ``seen`` and
        the worker's log when it does not within ``timeout`` seconds, or when
        the worker died."""
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.process is not None
            if self.process.poll() is not None:
                pytest.fail(
                    f"the worker stopped while waiting {what}:\n{self.output()}"
                )
            if time.monotonic() > deadline:
                found = f"; found: {seen()!r}" if seen else ""
                pytest.fail(
                    f"waited {timeout:.0f} s {what}, in vain{found}\n"
                    f"worker log (end):\n{self.output()[-4000:]}"
                )
            time.sleep(0.2)

    def runs_of(self, task_name: str) -> int:
        """How many runs of ``task_name`` the worker finished so far."""
        pattern = re.escape(f"Task {task_name}[") + r"[0-9a-f-]+\] succeeded"
        return len(re.findall(pattern, self.output()))

    def mails(self) -> list[EmailMessage]:
        """Every mail the worker has written so far, complete ones only."""
        found = []
        for path in sorted(self.mail_dir.glob("*.log")):
            *complete, _rest = path.read_bytes().split(MESSAGE_END)
            found += [
                email.message_from_bytes(raw, policy=default_policy) for raw in complete
            ]
        return found


@pytest.fixture(name="worker")
def worker_fixture(tmp_path, transactional_db) -> Iterator[Worker]:
    """A worker, not yet started (``worker.start()``), stopped after the test
    and before the test's data is removed. Meanwhile the test process hands
    tasks to the broker, as in production, instead of running them itself (the
    test settings run them eagerly); tasks left waiting by an earlier run are
    thrown away first."""
    from portal.celery import app

    needs_postgresql_and_redis()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    process = Worker(mail_dir=mail_dir, log=tmp_path / "worker.log")
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()
    try:
        yield process
    finally:
        process.stop()
        app.conf.task_always_eager = eager
