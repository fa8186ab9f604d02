"""Run every benchmark and print one table: figure, floor, ratio and target.

Each script runs in its own process and hands its figures back through
``bench/report.py``. Floors are measured in the same run as the figures.

    python bench/run_all.py [--quick] [--only NAME ...]

``--only startup keystroke …`` runs just those scripts (named without ``.py``).
``--quick`` uses smaller inputs (a tenth of the large portfolio, 128 MiB of
evidence instead of 1 GiB) for a fast look; the targets are for the full run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent

# (script, arguments for the full run, arguments for --quick)
SCRIPTS = (
    ("startup.py", ["--large"], ["--large", "--scale", "0.1", "--runs", "3"]),
    ("switch_views.py", [], ["--scale", "0.1"]),
    ("keystroke.py", [], []),
    ("export.py", [], ["--repeat", "5"]),
    ("evidence_import.py", [], ["--mib", "128", "--files", "40"]),
    ("exchange.py", [], ["--blob-mib", "128", "--skills", "400"]),
    ("cpd_log.py", ["--repeat", "9"], ["--rows", "1000"]),
    ("word_import.py", [], ["--pages", "40", "--comments", "400"]),
    ("sync.py", [], ["--rounds", "3", "--keys", "100"]),
    ("bundle.py", [], ["--runs", "3"]),  # builds dist/ first if it is not there
    ("submission.py", [], ["--scale", "0.1"]),
)


def run_script(name: str, args: list[str], results: Path) -> tuple[bool, float]:
    env = {**os.environ, "BENCH_RESULTS": str(results), "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    print(f"== {name} {' '.join(args)}", flush=True)
    done = subprocess.run([sys.executable, str(BENCH / name), *args], env=env, check=False)
    return done.returncode == 0, time.perf_counter() - started


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    return f"{value:.3g} {unit}"


def table(rows: list[dict]) -> str:
    header = ("figure", "value", "floor (same run)", "ratio", "target", "met")
    lines = [header]
    for row in rows:
        floor = row["floor_value"]
        ratio = f"{row['value'] / floor:.2f}x" if floor else "–"
        floor_text = f"{fmt(floor, row['unit'])} ({row['floor']})" if row["floor"] else "–"
        met = {True: "yes", False: "NO", None: "–"}[row["met"]]
        lines.append(
            (row["figure"], fmt(row["value"], row["unit"]), floor_text, ratio, row["target"], met)
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, a fast look")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scripts")
    args = parser.parse_args()
    known = [name.removesuffix(".py") for name, _, _ in SCRIPTS]
    unknown = set(args.only or ()) - set(known)
    if unknown:
        parser.error(f"no such benchmark: {', '.join(sorted(unknown))} (known: {', '.join(known)})")
    chosen = [s for s in SCRIPTS if args.only is None or s[0].removesuffix(".py") in args.only]
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        results = Path(tmp) / "results.jsonl"
        results.touch()
        for name, full, quick in chosen:
            ok, seconds = run_script(name, quick if args.quick else full, results)
            if not ok:
                failed.append(name)
            print(f"   ({seconds:.0f} s)", flush=True)
        rows = [json.loads(line) for line in results.read_text().splitlines() if line]
    print()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"Benchmarks ({'quick' if args.quick else 'full'} run) on {machine}")
    print(table(rows))
    if failed:
        print(f"\nThese scripts failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
