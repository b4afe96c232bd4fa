"""Target 2, queries: the query budget of every page type, with 10 and with
1,000 rows. The measurement is a test of the suite
(tests/portal/test_query_budgets.py, run here on its own on SQLite); this
reports its counts as lines of the benchmark report. Counting queries needs
no timing, so it is not repeated over HTTP."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .core import Result

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 10


def run(*, scale: str) -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "counts.json"
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
        }
        env["QUERY_BUDGET_REPORT"] = str(report)
        subprocess.run(
            [
                str(Path(sys.executable).parent / "pytest"),
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/portal/test_query_budgets.py",
            ],
            cwd=ROOT,
            env=env,
            check=False,
            capture_output=True,
        )
        counts: dict[str, list[int]] = json.loads(report.read_text())
    results = []
    for page, (small, large) in counts.items():
        results.append(
            Result(
                target="2. Queries",
                measure=f"{page}: queries with 10 / 1,000 rows ({small} / {large})",
                value=float(max(small, large)),
                unit="queries",
                bar=f"≤ {BUDGET}, equal",
                passed=max(small, large) <= BUDGET and small == large,
            )
        )
    return results
