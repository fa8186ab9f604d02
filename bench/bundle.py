"""The desktop bundle (``make dist``): its size, and its cold start to the first
painted window with the sample portfolio open, beside the source run.

Each start is a fresh process (``--first-paint`` prints the moment the window
first painted); the figure is the median of several, after one start that
warms the disk cache. The bundle starts in a clean environment (no PATH, no
virtual environment), as from the desktop. Without PyInstaller (the ``dist``
extra) it says so and records nothing.

    python bench/bundle.py [--runs N] [--rebuild]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import record  # noqa: E402

DIST = ROOT / "dist"
FOLDER = DIST / "mentoring-workbench"
PROGRAM = FOLDER / "mentoring-workbench"


def folder_mib(path: Path) -> float:
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def start(command: list[str], env: dict) -> dict:
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {done.stderr.strip()[-400:]}")
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    return {"seconds": seen["painted_at"] - started, "peak_mb": seen.get("peak_mb")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the bundle again")
    args = parser.parse_args()
    if importlib.util.find_spec("PyInstaller") is None and not PROGRAM.exists():
        print("PyInstaller is not installed (pip install -e '.[dist]'): no bundle to measure.")
        return 0
    if args.rebuild or not PROGRAM.exists():
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], check=True)
    tarballs = sorted(DIST.glob("mentoring-workbench-*.tar.gz"))
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        clean = {
            "HOME": str(home),
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
        }
        source_env = {**os.environ, **clean, "PYTHONPATH": str(ROOT)}
        subprocess.run(  # this user's identity, so no name is asked at start
            [str(PROGRAM), "fingerprint", "--name", "Benchmark User"], env=clean, check=True,
            capture_output=True,
        )  # fmt: skip
        portfolio = home / "sample"
        subprocess.run(
            [str(PROGRAM), "demo", "--portfolio", str(portfolio)], env=clean, check=True,
            capture_output=True,
        )  # fmt: skip
        source = [sys.executable, str(ROOT / "main.py"), "--portfolio", str(portfolio)]
        bundle = [str(PROGRAM), "--portfolio", str(portfolio)]
        start([*source, "--first-paint"], source_env)  # warm the disk cache for both
        start([*bundle, "--first-paint"], clean)
        sources = [start([*source, "--first-paint"], source_env) for _ in range(args.runs)]
        bundles = [start([*bundle, "--first-paint"], clean) for _ in range(args.runs)]
    source_s = statistics.median(r["seconds"] for r in sources)
    bundle_s = statistics.median(r["seconds"] for r in bundles)
    size = folder_mib(FOLDER)
    print(f"{'figure':<52}{'value':>10}")
    print(f"{'source run (python main.py), first paint':<52}{source_s:>9.3f}s")
    print(f"{'bundle, first paint':<52}{bundle_s:>9.3f}s")
    print(f"{'bundle folder':<52}{size:>6.0f} MiB")
    record(
        "bundle: open the sample portfolio to the first painted window",
        bundle_s,
        "s",
        floor="source run",
        floor_value=source_s,
        target="at most 1.5x",
        met=bundle_s <= 1.5 * source_s,
    )
    record("bundle: size of the program folder", size, "MiB", target="at most 250 MiB",
           met=size <= 250)  # fmt: skip
    if tarballs:
        archive = tarballs[-1].stat().st_size / 2**20
        print(f"{tarballs[-1].name:<52}{archive:>6.0f} MiB")
        record("bundle: size of the download (.tar.gz)", archive, "MiB",
               target="at most 100 MiB", met=archive <= 100)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
