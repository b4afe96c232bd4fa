"""What every benchmark target shares: its result line, medians and
percentiles, and the report (``bench/results/<date>.json`` and the table in
``docs/performance.md``).

Absolute times on a shared machine are noise; each target reports a ratio
against a baseline measured in the same run, and says pass or fail against
the bar the issue set.
"""

import json
import platform
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"
TABLE_START = "<!-- bench:results:start -->"
TABLE_END = "<!-- bench:results:end -->"


@dataclass
class Result:
    """One line of the report: a target, what was measured, the bar, and
    whether the measured value meets it."""

    target: str  # "1. Throughput", "3. Search", ...
    measure: str  # what the value is, in words
    value: float
    bar: str  # the requirement, in words ("≥ 0.8x", "< 100 ms")
    passed: bool
    unit: str = ""
    detail: dict[str, object] = field(default_factory=dict)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, round(pct / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def machine() -> dict[str, object]:
    import os

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def write_report(results: list[Result], *, scale: str, started: datetime) -> Path:
    """Add this run's results to ``bench/results/<date>.json`` (a target
    measured again replaces its earlier lines of that day; the others stay,
    so ``--only`` runs add up) and rewrite the table in
    ``docs/performance.md``; returns the JSON file."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{started:%Y-%m-%d}.json"
    earlier: list[dict] = []
    if path.exists():
        earlier = json.loads(path.read_text()).get("results", [])
    measured = {result.target for result in results}
    run = started.isoformat(timespec="seconds")
    lines = [line for line in earlier if line["target"] not in measured] + [
        {**asdict(result), "scale": scale, "run": run} for result in results
    ]
    lines.sort(key=lambda line: line["target"])
    payload = {"date": f"{started:%Y-%m-%d}", "machine": machine(), "results": lines}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    _update_doc(lines, json_name=path.name)
    return path


def _format(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if value == int(value):
        return f"{int(value)} {unit}".strip()
    return f"{value:.1f} {unit}".strip()


def table(lines: list[dict]) -> str:
    rows = [
        "| target | measured | value | bar | result | scale, run |",
        "|---|---|---|---|---|---|",
    ]
    for line in lines:
        verdict = "pass" if line["passed"] else "**fail**"
        rows.append(
            f"| {line['target']} | {line['measure']} | "
            f"{_format(line['value'], line['unit'])} | {line['bar']} | {verdict} | "
            f"{line.get('scale', '')}, {line.get('run', '')[:16]} |"
        )
    return "\n".join(rows)


def _update_doc(lines: list[dict], *, json_name: str) -> None:
    if not PERFORMANCE_DOC.exists():
        return
    text = PERFORMANCE_DOC.read_text()
    if TABLE_START not in text or TABLE_END not in text:
        return
    head, rest = text.split(TABLE_START, 1)
    _, tail = rest.split(TABLE_END, 1)
    block = (
        f"{TABLE_START}\nMeasured on {machine()['cpus']} CPUs; raw figures in "
        f"`bench/results/{json_name}`.\n\n{table(lines)}\n{TABLE_END}"
    )
    PERFORMANCE_DOC.write_text(head + block + tail)
