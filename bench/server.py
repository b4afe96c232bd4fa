"""The portal as it runs in production, for the benchmark: gunicorn with the
bench settings on loopback, against the bench database and Redis, started and
stopped around each measurement."""

import http.client
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/leernetwerk_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"


def bench_env(**extra: str) -> dict[str, str]:
    """The environment of every process of the benchmark."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        "CACHE_KEY_PREFIX": "leernetwerk-bench",
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000",
    }
    env.update(extra)
    return env


def manage(*args: str, **extra: str) -> str:
    """Run ``manage.py`` with the bench settings; returns what it printed."""
    done = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=bench_env(**extra),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def wait_until_up(port: int, path: str = "/health/", timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the portal did not answer on port {port}")
        time.sleep(0.3)


@contextmanager
def gunicorn(
    port: int, *, workers: int = 2, threads: int = 1, **extra: str
) -> Iterator[str]:
    """gunicorn serving the portal on ``127.0.0.1:<port>``; yields its base
    URL and stops it (and its workers) afterwards."""
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "portal.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=bench_env(**extra),
        start_new_session=True,
    )
    try:
        wait_until_up(port)
        yield f"http://{HOST}:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
