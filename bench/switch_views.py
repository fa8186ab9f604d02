"""Time switching between the views of a generated large portfolio.

Each switch is timed from the sidebar change until the events Qt queued have
laid out and painted the view, once, as after a click. The first visit to a view
builds it; later visits only show it. There is no floor for these figures: the
targets are absolute (a first visit under 150 ms, a later switch under 50 ms, for
every view). Each view's two times are printed, so the slow one is plain to see.

Work a view leaves to the event loop until it has painted (the statement's
comments and spelling check) is not in its switch: between switches the loop
runs untimed for a second, and the time it kept the loop busy after a
first visit is printed beside it. After opening, the loop runs for a moment
first, as a person looks at the window before the first click.

    python bench/switch_views.py [--scale S] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject  # noqa: E402

from bench.compiled import compile_here  # noqa: E402
from bench.report import record  # noqa: E402

compile_here()  # a first visit imports its view's modules: compiled, as for a second start

FIRST_VISIT_TARGET = 0.150
SWITCH_TARGET = 0.050


SETTLE_SECONDS = 1.0
# A person looks at the portfolio just opened for a moment before the first click:
# the window finishes its start-up (the Overview's checklist, the views' modules).
OPENED_SECONDS = 1.5


class PaintCounter(QObject):
    """Counts the window's repaints, to be sure a switch has painted. Watched on the
    window alone: Qt asks the window to repaint what changed (an update request), and
    a filter on the whole application would add a Python call to every event timed."""

    painted = 0

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Paint):
            self.painted += 1
        return False


def time_switch(app, window, key: str, paints: PaintCounter) -> float:
    """From the change until the view has painted: the events Qt queued lay it out and
    paint it once, as after a click (a forced repaint before that paints it twice).
    Timers are left to the event loop: work a view defers until it has painted is
    counted as its idle work."""
    paints.painted = 0
    started = time.perf_counter()
    window.show_view(key)
    app.sendPostedEvents()
    if not paints.painted:  # nothing was due to paint: paint now, as the screen would
        window.repaint()
    return time.perf_counter() - started


def settle(app, seconds: float = SETTLE_SECONDS) -> float:
    """Run the event loop for a moment, as a person pauses; the time it was busy."""
    busy = 0.0
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        started = time.perf_counter()
        app.processEvents()
        busy += time.perf_counter() - started
        time.sleep(0.002)
    return busy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="size of a generated portfolio")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = tmp
        from workbench.store.identity import create_identity

        create_identity("Benchmark User")
        from bench.make_large import build

        portfolio = build(Path(tmp) / "large", args.scale)
        from ui.shell.app import create_application
        from ui.shell.main_window import MainWindow

        app = create_application()
        window = MainWindow()
        window.resize(1280, 800)
        window.show()
        window.open_portfolio(portfolio)
        settle(app, OPENED_SECONDS)  # the window's work after its first paint runs meanwhile
        paints = PaintCounter()
        window.installEventFilter(paints)
        first, idle = {}, {}
        for key in window.view_keys:
            first[key] = time_switch(app, window, key, paints)
            idle[key] = settle(app)
        later = {key: [] for key in window.view_keys}
        for _ in range(args.rounds):
            for key in window.view_keys:
                later[key].append(time_switch(app, window, key, paints))
                settle(app)
        window.close_portfolio()
    again = {key: statistics.median(times) for key, times in later.items()}
    print(f"{'view':<14}{'first visit (builds it)':>26}{'then idle work':>17}", end="")
    print(f"{'later visits (median)':>24}")
    for key in first:
        print(f"{key:<14}{first[key] * 1000:>23.1f} ms{idle[key] * 1000:>14.1f} ms", end="")
        print(f"{again[key] * 1000:>21.1f} ms")
    slowest_first = max(first, key=first.get)
    slowest_again = max(again, key=again.get)
    for what, times, key, target in (
        ("first visit", first, slowest_first, FIRST_VISIT_TARGET),
        ("switch", again, slowest_again, SWITCH_TARGET),
    ):
        met = "met" if times[key] < target else "NOT met"
        print(f"slowest {what}: {key} {times[key] * 1000:.1f} ms", end=" ")
        print(f"(target under {target * 1000:.0f} ms: {met})")
    record(
        f"first visit of a view (slowest: {slowest_first}, builds it)",
        first[slowest_first] * 1000,
        "ms",
        target=f"under {FIRST_VISIT_TARGET * 1000:.0f} ms",
        met=first[slowest_first] < FIRST_VISIT_TARGET,
    )
    record(
        f"switch between views (slowest: {slowest_again}, after its first visit)",
        again[slowest_again] * 1000,
        "ms",
        target=f"under {SWITCH_TARGET * 1000:.0f} ms",
        met=again[slowest_again] < SWITCH_TARGET,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
