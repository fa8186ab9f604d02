"""Plain keys on a table: Insert adds, Delete deletes, Return opens.

An event filter rather than shortcuts, so the keys work only where the focus
is and never clash with the window's own shortcuts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt


class KeyActions(QObject):
    def __init__(self, widget, actions: dict[Qt.Key, Callable[[], None]]):
        super().__init__(widget)
        self.actions = actions
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and not event.modifiers():
            action = self.actions.get(Qt.Key(event.key()))
            if action is not None:
                action()
                return True
        return False
