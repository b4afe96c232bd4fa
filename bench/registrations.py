"""Target 5, registrations: 200 members register at the same moment over
HTTP for an event with 50 seats. 50 get a place and 150 the waitlist, in the
order they were served, with no error; and the median latency of those
registrations is compared with that of one registration at a time on an
idle portal (another event, same code path), measured in the same run.

Each member is logged in (a session made in the database beforehand) and
posts the registration form with its CSRF token, as the browser does.
"""

import http.client
import json
import secrets
import threading
import time
from urllib.parse import urlsplit

from .core import Result, median
from .server import gunicorn, manage

PORT = 8103
MEMBERS = 200
SEATS = 50
IDLE_SAMPLES = 20


def _register(base: str, slug: str, session: str, out: list, barrier=None) -> None:
    parts = urlsplit(base)
    # A CSRF secret is 32 letters and digits; the form sends it back unmasked.
    token = secrets.token_hex(16)
    conn = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=120)
    body = f"csrfmiddlewaretoken={token}"
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={token}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    conn.connect()
    if barrier is not None:
        barrier.wait()
    begun = time.perf_counter()
    try:
        conn.request("POST", f"/agenda/{slug}/aanmelden/", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        out.append((response.status, time.perf_counter() - begun))
    except OSError as error:
        out.append((repr(error), time.perf_counter() - begun))
    finally:
        conn.close()


def run(*, scale: str) -> list[Result]:
    setup = json.loads(
        manage(
            "bench_race",
            "setup",
            "--members",
            str(MEMBERS + IDLE_SAMPLES),
            "--seats",
            str(SEATS),
        ).splitlines()[-1]
    )
    sessions = setup["sessions"]
    with gunicorn(PORT, workers=2, threads=4) as base:
        # Warm up both workers (imports, connections) on the idle event.
        idle: list = []
        for session in sessions[MEMBERS : MEMBERS + 4]:
            _register(base, setup["idle"], session, [])
        for session in sessions[MEMBERS + 4 :]:
            _register(base, setup["idle"], session, idle)
        raced: list = []
        barrier = threading.Barrier(MEMBERS)
        threads = [
            threading.Thread(
                target=_register, args=(base, setup["race"], s, raced, barrier)
            )
            for s in sessions[:MEMBERS]
        ]
        begun = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - begun
    outcome = json.loads(
        manage("bench_race", "check", "--slug", setup["race"]).splitlines()[-1]
    )
    errors = [status for status, _ in raced if status != 302]
    idle_ms = median([seconds for _, seconds in idle]) * 1000
    load_ms = median([seconds for _, seconds in raced]) * 1000
    detail = {
        **outcome,
        "responses": len(raced),
        "errors": errors[:10],
        "error_count": len(errors),
        "idle_median_ms": idle_ms,
        "load_median_ms": load_ms,
        "load_max_ms": max(seconds for _, seconds in raced) * 1000,
        "wall_seconds": wall,
        "gunicorn": "2 workers x 4 threads",
    }
    correct = (
        outcome["confirmed"] == SEATS
        and outcome["waitlisted"] == MEMBERS - SEATS
        and outcome["other"] == 0
        and outcome["in_order"]
        and not errors
    )
    return [
        Result(
            target="5. Registrations",
            measure=f"{MEMBERS} at once for {SEATS} seats: confirmed / waitlisted "
            f"/ errors = {outcome['confirmed']} / {outcome['waitlisted']} / "
            f"{len(errors)}",
            value=float(len(errors)),
            unit="errors",
            bar=f"{SEATS} / {MEMBERS - SEATS} / 0, in order",
            passed=correct,
            detail=detail,
        ),
        Result(
            target="5. Registrations",
            measure=f"median latency under load / idle ({load_ms:.0f} / "
            f"{idle_ms:.0f} ms)",
            value=load_ms / idle_ms,
            unit="x",
            bar="≤ 5x",
            passed=load_ms / idle_ms <= 5,
            detail=detail,
        ),
    ]
