"""``--first-paint``: print when the main window first painted, then quit.

For the benchmark of a cold start (``bench/bundle.py``), which starts the source
run and the installed bundle alike and cannot reach inside either: the moment
(``time.time()``) goes to stdout as one JSON line, with the peak memory.
"""

from __future__ import annotations

import json
import time
import weakref

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

try:
    import resource  # not on Windows: the peak memory is then left out
except ImportError:
    resource = None


class FirstPaint(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            seen = {"painted_at": time.time()}
            if resource is not None:
                seen["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(json.dumps(seen), flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


def report_first_paint(window) -> FirstPaint:
    return FirstPaint(window)


# Each window's _AfterPaint, not looked up with findChild: the first findChild makes a
# Python object for each of the window's children, milliseconds before the paint.
_WAITERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _AfterPaint(QObject):
    """Runs the slots once the window has painted, from the event loop."""

    def __init__(self, window):
        super().__init__(window)
        self.slots: list = []
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.slots:
            slots, self.slots = self.slots, []
            for context, slot in slots:
                if isValid(context):  # a view closed before the paint needs nothing
                    QTimer.singleShot(0, context, slot)
        return False


def after_first_paint(window, slot, context: QObject | None = None) -> None:
    """Call ``slot`` now if ``window`` is shown, else once it has first painted: at
    start-up, work the first view does not need (a settings file synced to disk,
    the key checked, the sync folder's first pass, the Overview's checklist) waits
    for the first paint. With a ``context``, the call is dropped if it is gone."""
    if window.isVisible():
        slot()
        return
    waiter = _WAITERS.get(window)
    if waiter is None:
        waiter = _WAITERS[window] = _AfterPaint(window)
    waiter.slots.append((context or waiter, slot))
