"""The database half of a sync pass waits for a pause in the user's typing.

A pass's file work runs in a worker, but importing what it read and reading
our records for the package we write run on the GUI thread, which owns the
database connection: tens of milliseconds, more for a large portfolio. Run
while the user types, that would be a stutter under their fingers. So a step
waits until no key was pressed and no button clicked for ``IDLE_MS``; one step
runs in such a pause (the next key may come at any moment), more only once the
user has stopped for ``AWAY_MS``; and none waits longer than ``MOST_WAIT_MS``
(someone typing without a pause still syncs).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

IDLE_MS = 500
AWAY_MS = 1500
MOST_WAIT_MS = 20_000
INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


class InputClock(QObject):
    """When the user last pressed a key or a button, anywhere in the application (one
    filter for the whole application, however many windows are open)."""

    def __init__(self):
        super().__init__()
        self.last_input = 0.0

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in INPUT:
            self.last_input = time.monotonic()
        return False


@cache
def input_clock() -> InputClock:
    """The one clock, made with the first window (the application exists by then)."""
    clock = InputClock()
    QCoreApplication.instance().installEventFilter(clock)
    return clock


class IdleGate(QObject):
    """Holds at most one step until the user pauses, then runs it."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.clock = input_clock()
        self.ran_at = 0.0  # when the last step ran
        self.waiting: tuple | None = None  # (step, value, discard, since)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._try)

    @property
    def last_input(self) -> float:
        return self.clock.last_input

    def later(
        self, step: Callable[[object], None], discard: Callable[[object], None] | None = None
    ):
        """A callback that hands its value to ``step`` once the user has paused."""

        def hold(value) -> None:
            self.drop()
            self.waiting = (step, value, discard, time.monotonic())
            self._try()

        return hold

    def _try(self) -> None:
        if self.waiting is None:
            return
        step, value, _discard, since = self.waiting
        now = time.monotonic()
        quiet_ms = (now - self.last_input) * 1000
        first_in_pause = self.last_input >= self.ran_at
        enough = IDLE_MS if first_in_pause else AWAY_MS
        if quiet_ms >= enough or (now - since) * 1000 >= MOST_WAIT_MS:
            self.waiting = None
            self.ran_at = now
            step(value)
            return
        self.timer.start(int(enough - quiet_ms) + 1)

    def drop(self) -> bool:
        """Forget the step that waits (its value discarded); True if one waited."""
        waiting, self.waiting = self.waiting, None
        self.timer.stop()
        if waiting is not None and waiting[2] is not None:
            waiting[2](waiting[1])
        return waiting is not None
