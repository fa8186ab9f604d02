"""Time from process start to the first painted main window, with the sample portfolio.

The floor is a bare PySide6 window started the same way in the same run. Each
figure is the median of several cold starts in fresh processes.

    python bench/startup.py [--runs N] [--portfolio DIR]
"""

from __future__ import annotations

import argparse
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
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint()
    if kind == "bare":
        window = QWidget()
        window.resize(1200, 780)
    else:
        from ui.app import create_application
        from ui.main_window import MainWindow

        create_application()
        window = MainWindow()
        window.open_portfolio(portfolio)
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    print(json.dumps({"seconds": watcher.seen}))


def measure(kind: str, portfolio: Path, env: dict) -> float:
    env = {**env, "BENCH_STARTED": repr(time.time())}
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(portfolio)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


def make_sample(folder: Path) -> Path:
    from workbench.demo import build_demo
    from workbench.identity import create_identity

    create_identity("Benchmark User")  # so the app asks no name at start
    build_demo(folder / "sample").close()
    return folder / "sample"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--portfolio", type=Path, help="open this portfolio instead of the sample")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        env["XDG_DATA_HOME"] = env["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = tmp
        portfolio = args.portfolio or make_sample(Path(tmp))
        measure("bare", portfolio, env)  # warm the disk cache for both
        bare = statistics.median(measure("bare", portfolio, env) for _ in range(args.runs))
        app = statistics.median(measure("app", portfolio, env) for _ in range(args.runs))
    print(f"{'figure':<44}{'seconds':>10}")
    print(f"{'bare PySide6 window, first paint (floor)':<44}{bare:>10.3f}")
    print(f"{'workbench with portfolio, first paint':<44}{app:>10.3f}")
    print(f"{'ratio':<44}{app / bare:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
