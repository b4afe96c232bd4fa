"""PostgreSQL restarted while members use the portal: during the outage a
request gets the 503 page ("Even niet bereikbaar") at once, never a hang or
another server error; once PostgreSQL is back every request succeeds, served
by the same gunicorn and Celery processes (nobody restarts them), and no
registration is lost or made twice: every member who was told "U bent
aangemeld" is registered once and gets one confirmation mail.

The portal runs as in production: gunicorn with several workers that keep
their connections (``DATABASE_CONN_MAX_AGE``) and a real Celery worker. They
run against a private PostgreSQL server (``tests/pg_cluster.py``) holding a
copy of the test database, since the suite's shared server must keep running.
Each round:

1. Members register for an event and look at pages, from several threads.
2. PostgreSQL stops (``pg_ctl stop -m fast``, as for maintenance) and stays
   down until two requests per thread were answered in the outage; then it
   starts again. The load goes on until every member got their "U bent
   aangemeld" (a member who got the 503 page tries again, as it asks).
3. With the portal idle, holding connections that PostgreSQL has ended,
   PostgreSQL restarts (``pg_ctl restart -m fast``); the next requests
   succeed at the first attempt, and the same worker sends the mails their
   registrations queue. (A mail task that ran while PostgreSQL was down comes
   again with its retry.)

The processes are found in ``/proc`` (Linux, as CI).

CI runs one round; ``SOAK_ROUNDS`` runs more, against the same processes.
"""

import http.client
import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.utils import timezone

from network.models import Event
from portal.models import User
from tests.network.factories import EventFactory
from tests.pg_cluster import PostgresCluster, private_postgresql
from tests.servers import csrf_pair, gunicorn, members_with_sessions
from tests.soak import ROUNDS
from tests.workers import Worker, _database_url, worker_fixture  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WEB_WORKERS = 4
CLIENTS = 8  # threads sending requests at the same time
MEMBERS = 48  # register during the outage, per round
LATE = 8  # register right after the quiet restart, per round
# No answer within this many seconds is a hang (the portal gives up on an
# unreachable database after DATABASE_CONNECT_TIMEOUT, 5 s).
HANG = 30
CONFIRMED_SUBJECT = "Aanmelding bevestigd: {title}"


@dataclass
class Answer:
    """One request and what came back (``error``: no answer, or not the
    answer the portal gives)."""

    started: float
    finished: float
    kind: str  # "page" or "register"
    status: int
    error: str = ""
    member: int | None = None

    @property
    def succeeded(self) -> bool:
        return not self.error and self.status == (
            302 if self.kind == "register" else 200
        )

    @property
    def unavailable(self) -> bool:
        return not self.error and self.status == 503


def request(base: str, method: str, path: str, *, session: str = "") -> tuple[int, str]:
    """One request as a browser sends it (a POST with its CSRF token):
    the status, and "" or what was wrong with the answer."""
    cookie, token = csrf_pair()
    host, port = base.removeprefix("http://").split(":")
    headers = {"Cookie": f"{settings.CSRF_COOKIE_NAME}={cookie}"}
    if session:
        headers["Cookie"] += f"; {settings.SESSION_COOKIE_NAME}={session}"
    body = None
    if method == "POST":
        body = f"csrfmiddlewaretoken={token}"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn = http.client.HTTPConnection(host, int(port), timeout=HANG)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        page = response.read().decode(errors="replace")
    except OSError as error:
        return 0, f"no answer: {error!r}"
    finally:
        conn.close()
    if response.status == 503 and not (
        response.headers.get("Retry-After") == "30" and "Even niet bereikbaar" in page
    ):
        return 503, f"not the portal's 503 page: {page[:300]!r}"
    return response.status, ""


class Load:
    """``CLIENTS`` threads that register ``members`` for ``event`` (a member
    whose attempt got the 503 page tries again later) and, in between, look
    at the agenda and the event's page as one of the ``viewers`` (sessions
    of members of their own: allauth's session tracking, under zeal in the
    test settings, gives a 500 to the first two requests of one session at
    the same moment, outage or not)."""

    def __init__(
        self,
        base: str,
        event: Event,
        members: list[tuple[User, str]],
        viewers: list[str],
    ):
        self.base = base
        self.event = event
        self.waiting = list(members)
        self.registered: set[int] = set()
        self.answers: list[Answer] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._client, args=(n, viewers[n]), daemon=True)
            for n in range(CLIENTS)
        ]

    def start(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> list[Answer]:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=HANG * 2)
        assert not any(t.is_alive() for t in self.threads), "a request hung"
        return self.answers

    def _client(self, number: int, own_session: str) -> None:
        pages = ["/agenda/", f"/agenda/{self.event.slug}/"]
        turn = number
        while not self.stopping.is_set():
            turn += 1
            member = None
            if turn % 2:
                with self.lock:
                    member = self.waiting.pop(0) if self.waiting else None
            started = time.monotonic()
            if member is None:
                status, error = request(
                    self.base, "GET", pages[turn % 4 // 2], session=own_session
                )
                answer = Answer(started, time.monotonic(), "page", status, error)
            else:
                user, session = member
                status, error = request(
                    self.base,
                    "POST",
                    f"/agenda/{self.event.slug}/aanmelden/",
                    session=session,
                )
                answer = Answer(
                    started, time.monotonic(), "register", status, error, user.pk
                )
            with self.lock:
                self.answers.append(answer)
                if member is not None:
                    if answer.succeeded:
                        self.registered.add(member[0].pk)
                    else:
                        self.waiting.append(member)  # tries again later

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 60
        while True:
            with self.lock:
                if condition():
                    return
                answers = list(self.answers)
            assert time.monotonic() < deadline, (
                f"waited a minute {what}, in vain; answers: "
                f"{Counter((a.kind, a.status, a.error[:80]) for a in answers)}"
            )
            time.sleep(0.05)

    def started_after(self, moment: float) -> list[Answer]:
        """The answers to requests sent after ``moment``."""
        return [a for a in self.answers if a.started >= moment]


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _cmdline(pid: int) -> str:
    return (
        (Path("/proc") / str(pid) / "cmdline")
        .read_bytes()
        .replace(b"\0", b" ")
        .decode()
    )


def processes(base: str, worker: Worker) -> dict[str, object]:
    """The pids that serve the portal: gunicorn's master and its workers,
    the Celery worker and its pool."""
    address = base.removeprefix("http://")
    (master,) = [
        pid
        for pid in _children(os.getpid())
        if "gunicorn" in _cmdline(pid) and address in _cmdline(pid)
    ]
    assert worker.process is not None
    return {
        "gunicorn": master,
        "gunicorn workers": _children(master),
        "celery": worker.process.pid,
        "celery pool": _children(worker.process.pid),
    }


def registrations(database_url: str, event: Event) -> Counter[int]:
    """How many registrations each member has for ``event`` in the portal's
    database."""
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT member_id FROM network_registration WHERE event_id = %s",
            [event.pk],
        ).fetchall()
    return Counter(member for (member,) in rows)


def confirmations(worker: Worker, event: Event) -> Counter[str]:
    subject = CONFIRMED_SUBJECT.format(title=event.title)
    return Counter(str(m["To"]) for m in worker.mails() if str(m["Subject"]) == subject)


def run_round(
    *,
    cluster: PostgresCluster,
    database_url: str,
    base: str,
    worker: Worker,
    event: Event,
    members: list[tuple[User, str]],
    late: list[tuple[User, str]],
    viewers: list[str],
) -> dict[str, int]:
    """One round (see the module's docstring); what happened, in figures."""
    load = Load(base, event, members, viewers).start()
    try:
        load.wait_for(
            lambda: sum(a.succeeded for a in load.answers) >= 2 * CLIENTS,
            "for the first answers",
        )
        down = time.monotonic()
        cluster.stop(mode="fast")
        stopped = time.monotonic()
        load.wait_for(
            lambda: len(load.started_after(stopped)) >= 2 * CLIENTS,
            "for answers while PostgreSQL is down",
        )
        cluster.start()
        up = time.monotonic()
        load.wait_for(
            lambda: (
                not load.waiting
                and len(load.registered) == len(members)
                and len(load.started_after(up)) >= 4 * CLIENTS
            ),
            "until every member is registered",
        )
    finally:
        answers = load.stop()

    # 3. A restart while the portal is idle: every gunicorn worker and the
    # Celery worker hold a connection that PostgreSQL ended.
    cluster.restart(mode="fast")
    after_restart = Load(base, event, late, viewers).start()
    try:
        after_restart.wait_for(
            lambda: (
                len(after_restart.registered) == len(late)
                or any(not a.succeeded for a in after_restart.answers)
            ),
            "for the registrations after the quiet restart",
        )
    finally:
        quiet = after_restart.stop()

    during = [a for a in answers if a.finished >= down and a.started <= up]
    unexpected = [a for a in answers if not (a.succeeded or a.unavailable)]
    assert not unexpected, Counter((a.kind, a.status, a.error) for a in unexpected)
    # The outage was seen: the 503 page, never a hang or another error.
    assert any(a.unavailable for a in during)
    # Once PostgreSQL is back, everything succeeds.
    failed_after = [a for a in answers if a.started >= up and not a.succeeded]
    assert not failed_after, Counter((a.kind, a.status, a.error) for a in failed_after)
    failed_quiet = [a for a in quiet if not a.succeeded]
    assert not failed_quiet, Counter((a.kind, a.status, a.error) for a in failed_quiet)

    # Every "U bent aangemeld" is one registration, and nobody has two.
    told = {a.member for a in answers + quiet if a.succeeded and a.kind == "register"}
    assert told == {user.pk for user, _session in members + late}
    assert registrations(database_url, event) == dict.fromkeys(told, 1)
    # ... and one confirmation mail each, also those queued after the
    # restart, sent by the same worker.
    expected_mails = Counter(user.email for user, _session in members + late)
    # A mail whose task ran while PostgreSQL was down comes with the task's
    # retry, after the first back-off (portal.jobs.MAIL_TASK_RETRY; a second
    # in the test settings).
    worker.wait_for(
        lambda: confirmations(worker, event) == expected_mails,
        "for one confirmation mail to each member",
        seen=lambda: {
            "missing": expected_mails - confirmations(worker, event),
            "extra": confirmations(worker, event) - expected_mails,
        },
        timeout=60,
    )
    return {
        "requests during the outage": len(during),
        "503 during the outage": sum(a.unavailable for a in during),
        "503 in all": sum(a.unavailable for a in answers + quiet),
        "other errors": len(unexpected),
        "requests after the restart": len(load.started_after(up)) + len(quiet),
    }


def test_requests_after_a_postgresql_restart_succeed_without_restarts(worker, tmp_path):
    events: list[Event] = [
        EventFactory.create(
            title=f"Herstart, ronde {n + 1}",
            capacity=MEMBERS + LATE,
            starts_at=timezone.now() + timedelta(days=20),
            ends_at=timezone.now() + timedelta(days=20, hours=2),
        )
        for n in range(ROUNDS)
    ]
    members = members_with_sessions(MEMBERS + LATE, prefix="herstart")
    viewers = [s for _user, s in members_with_sessions(CLIENTS, prefix="kijker")]
    began = time.monotonic()
    with private_postgresql() as cluster:
        created = time.monotonic()
        database_url = cluster.copy_database(_database_url(), name="leernetwerk")
        copied = time.monotonic()
        worker.start(env={"DATABASE_URL": database_url, "DATABASE_CONN_MAX_AGE": "60"})
        with gunicorn(
            tmp_path / "gunicorn.log",
            workers=WEB_WORKERS,
            database_url=database_url,
            DATABASE_CONN_MAX_AGE="60",
            TEST_WORKER_MAIL_DIR=str(worker.mail_dir),
        ) as base:
            before = processes(base, worker)
            figures = [
                run_round(
                    cluster=cluster,
                    database_url=database_url,
                    base=base,
                    worker=worker,
                    event=event,
                    members=members[:MEMBERS],
                    late=members[MEMBERS:],
                    viewers=viewers,
                )
                for event in events
            ]
            # Nobody restarted the portal: the same processes served it all.
            assert processes(base, worker) == before
    retried = worker.output().count("retry: Retry in")
    print(
        f"cluster created in {created - began:.1f} s, database copied in "
        f"{copied - created:.1f} s, {time.monotonic() - began:.1f} s in all; "
        f"mail tasks retried: {retried}; per round: {figures}"
    )
