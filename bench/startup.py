"""Time to the first painted main window, and peak memory, with a portfolio open.

The floor is a bare PySide6 window started the same way in the same run. Each
figure is the median of several starts in fresh processes. The Overview fills in
its checklist just after the first paint: the time until it has is printed too,
for comparison. Memory is the process's peak resident size (``ru_maxrss``) then.

    python bench/startup.py [--runs N] [--large [--scale S]]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.compiled import compiled_env  # noqa: E402
from bench.report import record  # noqa: E402


def child(kind: str, portfolio: str) -> None:
    """Runs in a fresh process: start Qt, show a window, report the first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    started = float(os.environ["BENCH_STARTED"])
    app = QApplication([])

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
                self.seen = time.time() - started
                if kind == "bare":
                    self.filled = self.seen
                    QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint()
    if kind == "bare":
        window = QWidget()
        window.resize(1200, 780)
    else:
        from ui.shell.app import create_application
        from ui.shell.main_window import MainWindow

        create_application()
        window = MainWindow()
        window.open_portfolio(portfolio)
        overview = window.views["overview"]
        fill = overview._rebuild

        def fill_and_note() -> None:  # the Overview's facts come in after the first paint
            fill()
            watcher.filled = time.time() - started
            QTimer.singleShot(0, app.quit)

        overview._rebuild = fill_and_note
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": watcher.seen, "filled": watcher.filled, "peak_mb": peak_mb}))


def measure(kind: str, portfolio: Path, env: dict) -> dict:
    env = {**env, "BENCH_STARTED": repr(time.time())}
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(portfolio)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,  # a dialog waiting for an answer must not hang the bench
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def spread(runs: list[dict]) -> str:
    """The fastest and slowest first paint of these starts: how noisy the machine was."""
    times = [r["seconds"] for r in runs]
    return f"{min(times):.3f}-{max(times):.3f}s"


def make_portfolio(folder: Path, large: bool, scale: float) -> Path:
    from workbench.sample.build import build_demo
    from workbench.store.identity import create_identity

    create_identity("Benchmark User")  # so the app asks no name at start
    if large:
        from bench.make_large import build

        return build(folder / "large", scale)
    build_demo(folder / "sample").close()
    return folder / "sample"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--large", action="store_true", help="open a generated large portfolio, not the sample"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="size of the large portfolio")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        env = compiled_env(env)  # as a second start: the modules compiled by the first
        env["XDG_DATA_HOME"] = env["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = tmp
        portfolio = make_portfolio(Path(tmp), args.large, args.scale)
        measure("bare", portfolio, env)  # warm the disk cache for both
        measure("app", portfolio, env)  # and compile the modules, as a first start would
        bares, apps = [], []
        for _ in range(args.runs):  # in turn, so both see the machine as it is at the time
            bares.append(measure("bare", portfolio, env))
            apps.append(measure("app", portfolio, env))
    bare = statistics.median(r["seconds"] for r in bares)
    app = statistics.median(r["seconds"] for r in apps)
    app_filled = statistics.median(r["filled"] for r in apps)
    bare_mb = statistics.median(r["peak_mb"] for r in bares)
    app_mb = statistics.median(r["peak_mb"] for r in apps)
    print(f"{'figure':<48}{'value':>10}")
    print(f"{'bare PySide6 window, first paint (floor)':<48}{bare:>9.3f}s")
    print(f"{'workbench with portfolio, first paint':<48}{app:>9.3f}s")
    print(f"{'ratio':<48}{app / bare:>9.2f}x")
    print(f"{'  spread of the starts (bare, workbench)':<48}{spread(bares):>10}  {spread(apps)}")
    print(f"{'workbench, the Overview filled in':<48}{app_filled:>9.3f}s")
    print(f"{'ratio':<48}{app_filled / bare:>9.2f}x")
    print(f"{'bare PySide6 window, peak memory (floor)':<48}{bare_mb:>7.0f} MB")
    print(f"{'workbench with portfolio, peak memory':<48}{app_mb:>7.0f} MB")
    what = "large portfolio" if args.large else "sample portfolio"
    record(
        f"open the {what} to the first painted window",
        app,
        "s",
        floor="bare PySide6 window",
        floor_value=bare,
        target="at most 2x",
        met=app <= 2 * bare,
    )
    record(
        f"  the {what}'s Overview filled in (after the first paint)",
        app_filled,
        "s",
        floor="bare PySide6 window",
        floor_value=bare,
        target="for comparison",
    )
    record(
        f"peak memory with the {what} open",
        app_mb,
        "MB",
        floor="bare PySide6 window",
        floor_value=bare_mb,
        target="at most +150 MB",
        met=app_mb - bare_mb <= 150,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
