"""Target 1, throughput: requests per second of a kennisportal page from the
page cache, of the same page uncached, and of a static file, each divided by
that of a bare "hello" view through the same middleware stack, all measured
in one run.

gunicorn (2 workers) serves the portal twice: with the page cache as in
production, and with it off (``PAGE_CACHE_SECONDS=0``) for the uncached
figure. wrk drives the load from a second process; the endpoints are
interleaved (the order rotates each round) and each figure is the median of
the rounds.
"""

import re
import urllib.request

from .core import Result, median
from .load import WrkRun, page_url, wrk
from .server import gunicorn

ROUNDS = {"small": 3, "national": 5}
SECONDS = {"small": 5, "national": 8}
PORT_CACHED = 8101
PORT_UNCACHED = 8102


def _static_url(base: str, page: str) -> str:
    html = urllib.request.urlopen(base + page, timeout=30).read().decode()  # noqa: S310
    return re.search(r'href="(/static/css/[^"]+\.css)"', html).group(1)  # type: ignore[union-attr]


def run(*, scale: str) -> list[Result]:
    publication = page_url("knowledge.PublicationPage")
    runs: dict[str, list[WrkRun]] = {}
    with (
        gunicorn(PORT_CACHED, workers=2) as cached,
        gunicorn(PORT_UNCACHED, workers=2, PAGE_CACHE_SECONDS="0") as uncached,
    ):
        static = _static_url(cached, publication)
        endpoints = {
            "hello": cached + "/bench/hello/",
            "cached page": cached + publication,
            "uncached page": uncached + publication,
            "static file": cached + static,
        }
        for url in endpoints.values():  # warm up: caches, connections, imports
            wrk(url, seconds=2)
        names = list(endpoints)
        for round_ in range(ROUNDS[scale]):
            order = names[round_ % len(names) :] + names[: round_ % len(names)]
            for name in order:
                runs.setdefault(name, []).append(
                    wrk(endpoints[name], seconds=SECONDS[scale])
                )
    rps = {
        name: median([r.requests_per_second for r in rs]) for name, rs in runs.items()
    }
    errors = {name: sum(r.errors + r.non_2xx for r in rs) for name, rs in runs.items()}
    detail = {
        "requests_per_second": rps,
        "p50_ms": {
            name: median([r.latency_p50_ms for r in rs]) for name, rs in runs.items()
        },
        "errors": errors,
        "publication": publication,
        "static": static,
        "rounds": ROUNDS[scale],
        "seconds_per_run": SECONDS[scale],
    }
    hello = rps["hello"]
    results = []
    for name, bar in (
        ("cached page", 0.8),
        ("uncached page", 0.25),
        ("static file", 1.0),
    ):
        ratio = rps[name] / hello
        results.append(
            Result(
                target="1. Throughput",
                measure=f"{name} / hello, requests per second "
                f"({rps[name]:.0f} / {hello:.0f})",
                value=ratio,
                unit="x",
                bar=f"≥ {bar}x",
                passed=ratio >= bar and errors[name] == 0,
                detail=detail,
            )
        )
    return results
