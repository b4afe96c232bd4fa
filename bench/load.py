"""Load from a second process: wrk on loopback, and the portal's own
addresses looked up in the bench database."""

import re
import shutil
import subprocess
from dataclasses import dataclass

from .server import manage

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


@dataclass
class WrkRun:
    requests_per_second: float
    latency_p50_ms: float
    latency_p99_ms: float
    non_2xx: int
    errors: int


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(
    url: str,
    *,
    seconds: int = 8,
    connections: int = 8,
    threads: int = 1,
    headers: dict[str, str] | None = None,
) -> WrkRun:
    """One wrk run against ``url``."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing (Debian package wrk)")
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        url,
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    latencies = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return WrkRun(
        requests_per_second=rps,
        latency_p50_ms=_ms(latencies["50"]),
        latency_p99_ms=_ms(latencies["99"]),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def page_url(model: str, slug: str | None = None) -> str:
    """The path of the first live page of ``model`` ("knowledge.PublicationPage")
    in the bench database (or the one with ``slug``)."""
    lookup = f".filter(slug={slug!r})" if slug else ""
    code = (
        "from django.apps import apps; "
        f"m = apps.get_model({model!r}); "
        f"print(m.objects.live(){lookup}.order_by('path').first().url)"
    )
    return manage("shell", "-c", code).strip().splitlines()[-1]
