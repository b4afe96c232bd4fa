"""``make bench``: build the bench database, run every target, write the
report.

    python -m bench.run [--scale small|national] [--only NAME ...]

Each target module has ``run(*, scale: str) -> list[Result]`` and measures
against the bench database (``BENCH_DATABASE_URL``, default
``leernetwerk_bench`` on the local PostgreSQL) and Redis database 9.
"""

import argparse
import importlib
import sys
import time
import traceback
from dataclasses import asdict
from datetime import datetime

from .core import Result, table, write_report
from .server import bench_env, manage

# In this order: search grows the publications to the scale's size, so the
# targets after it run against the full data.
TARGETS = [
    "search",
    "queries",
    "throughput",
    "page_weight",
    "registrations",
    "reminders",
]
SCALES = ("small", "national")


def prepare_database() -> None:
    """A fresh bench database with the migrations, the demo portal and the
    collected static files."""
    import psycopg

    url = bench_env()["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("seed_demo")
    manage("collectstatic", "--noinput", "--verbosity", "0")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="national")
    parser.add_argument("--only", nargs="*", choices=TARGETS)
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="measure against the bench database as it is (no rebuild)",
    )
    args = parser.parse_args(argv)
    started = datetime.now().astimezone()
    if not args.keep_database:
        print("bench: building the bench database (migrate, demo)", flush=True)
        prepare_database()
    results: list[Result] = []
    failed_to_run: list[str] = []
    for name in args.only or TARGETS:
        print(f"bench: {name}", flush=True)
        begun = time.monotonic()
        try:
            module = importlib.import_module(f"bench.{name}")
            results.extend(module.run(scale=args.scale))
        except Exception:
            traceback.print_exc()
            failed_to_run.append(name)
        print(f"bench: {name} took {time.monotonic() - begun:.0f} s", flush=True)
    path = write_report(results, scale=args.scale, started=started)
    print(table([asdict(result) for result in results]))
    print(f"\nbench: report in {path.relative_to(path.parents[2])}")
    if failed_to_run:
        print(f"bench: could not run: {', '.join(failed_to_run)}", file=sys.stderr)
        return 2
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
