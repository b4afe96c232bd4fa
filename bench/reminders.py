"""Target: reminders. 10,000 due reminders reach a local SMTP server through
one Celery worker in under 30 seconds, each exactly once, in chunks that
each use one SMTP connection.

An aiosmtpd sink listens on loopback (a port in 8150-8199) in this process
and counts messages per recipient and connections. The bench database gets
10,000 confirmed places whose hour-before reminder is due; one worker
(``celery -A portal worker --concurrency=1``) sends to the sink; the clock
runs from handing the dispatcher's task to the broker until the sink holds
10,000 messages.
"""

import json
import math
import os
import re
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from tests.ports import free_port
from tests.smtp_sink import SmtpSink

from .core import Result
from .server import BIN, ROOT, bench_env, manage

TARGET = "4. Reminders"
COUNT = 10_000
PER_EVENT = 100
CHUNK_SIZE = 200  # network.services.reminders.REMINDER_CHUNK_SIZE
BAR_SECONDS = 30.0
# How long to wait for all messages before calling it a failure (the old
# one-by-one dispatcher took minutes).
GIVE_UP_SECONDS = {"small": 300.0, "national": 600.0}
SINK_PORTS = range(8150, 8200)
DOMAIN = "herinnering.bench.example"


def _start_worker(port: int, log: Path) -> subprocess.Popen[bytes]:
    env = bench_env(EMAIL_URL=f"smtp://127.0.0.1:{port}")
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [
                str(BIN / "celery"), "-A", "portal", "worker",
                "--concurrency=1", "--loglevel=INFO", "--purge",
                "--without-mingle", "--without-gossip", "--without-heartbeat",
                f"--hostname=bench-reminders-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while b" ready." not in log.read_bytes():
        if worker.poll() is not None or time.monotonic() > deadline:
            _stop(worker)
            raise RuntimeError(f"the worker did not start:\n{log.read_text()}")
        time.sleep(0.2)
    return worker


def _task_runs(log: Path, task: str) -> list[float]:
    """Seconds each finished run of ``task`` took, from the worker's log."""
    pattern = re.escape(f"Task {task}[") + r"[0-9a-f-]+\] succeeded in ([0-9.]+)s"
    return [float(seconds) for seconds in re.findall(pattern, log.read_text())]


def _stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def _ours_per_recipient(sink: SmtpSink) -> dict[str, int]:
    return {
        address: times
        for address, times in sink.per_recipient().items()
        if address.endswith(f"@{DOMAIN}")
    }


def _ours(sink: SmtpSink) -> int:
    """Messages of the benchmark's members, counting duplicates."""
    return sum(_ours_per_recipient(sink).values())


def run(*, scale: str) -> list[Result]:
    give_up = GIVE_UP_SECONDS.get(scale, GIVE_UP_SECONDS["small"])
    print(f"bench: reminders: preparing {COUNT} due reminders", flush=True)
    manage("bench_reminders", "prepare", f"--count={COUNT}", f"--per-event={PER_EVENT}")
    port = free_port(SINK_PORTS)
    with (
        SmtpSink(port=port) as sink,
        tempfile.TemporaryDirectory(prefix="bench-reminders-") as folder,
    ):
        worker = _start_worker(port, Path(folder) / "worker.log")
        try:
            sink.reset()
            began = time.monotonic()
            manage("bench_reminders", "dispatch")
            while time.monotonic() - began < give_up:
                time.sleep(0.05)
                # Counting is cheap; telling ours apart only once it may be done.
                if sink.count >= COUNT and _ours(sink) >= COUNT:
                    break
            seconds = time.monotonic() - began
            # A moment more: duplicates would arrive after the last first copy.
            time.sleep(2)
        finally:
            _stop(worker)
        log = Path(folder) / "worker.log"
        dispatch_runs = _task_runs(log, "network.tasks.dispatch_reminders")
        chunk_runs = _task_runs(log, "network.tasks.send_reminders")
        statuses = json.loads(manage("bench_reminders", "status"))
        per_recipient = _ours_per_recipient(sink)
        connections = sink.connections_used()
        received = sink.count
    distinct = len(per_recipient)
    duplicates = sum(per_recipient.values()) - distinct
    chunks = math.ceil(COUNT / CHUNK_SIZE)
    complete = distinct == COUNT
    print(
        f"bench: reminders: {distinct} distinct messages in {seconds:.1f} s, "
        f"{duplicates} duplicates, {connections} SMTP connections for "
        f"{chunks} chunks; reminders {statuses}",
        flush=True,
    )
    detail: dict[str, object] = {
        "reminders": COUNT,
        "events": math.ceil(COUNT / PER_EVENT),
        "messages_received": received,
        "reminder_statuses": statuses,
        "smtp_connections": connections,
        "chunks": chunks,
        "chunk_size": CHUNK_SIZE,
        # The dispatcher claims them all and sends the first chunk; the
        # others are tasks of their own.
        "dispatch_task_seconds": dispatch_runs,
        "chunk_tasks": len(chunk_runs),
        "chunk_task_seconds_median": (
            round(sorted(chunk_runs)[len(chunk_runs) // 2], 2) if chunk_runs else None
        ),
        "load_average_after": round(os.getloadavg()[0], 1),
    }
    return [
        Result(
            target=TARGET,
            measure=f"{COUNT:,} due reminders to an SMTP server, one worker",
            value=round(seconds, 1),
            unit="s",
            bar=f"< {BAR_SECONDS:.0f} s",
            passed=complete and seconds < BAR_SECONDS,
            detail={**detail, "complete": complete},
        ),
        Result(
            target=TARGET,
            measure="distinct messages",
            value=distinct,
            bar=f"exactly {COUNT:,}",
            passed=distinct == COUNT,
            detail=detail,
        ),
        Result(
            target=TARGET,
            measure="duplicate messages",
            value=duplicates,
            bar="0",
            passed=duplicates == 0,
        ),
        Result(
            target=TARGET,
            measure=f"SMTP connections for {chunks} chunks",
            value=connections,
            bar=f"≤ {chunks} (one per chunk)",
            passed=connections <= chunks,
        ),
    ]
