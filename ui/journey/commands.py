"""Undo for the CPD log and the mentoring records.

A change is made first, by calling the service directly, so an error reaches
the user before anything lands on the undo stack. Only a change that worked is
pushed, as a command whose first redo does nothing (it already happened).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from workbench.errors import WorkbenchError


class DoneCommand(QUndoCommand):
    """A change already made; undo and redo call the services given."""

    def __init__(self, session, text: str, undo: Callable, redo: Callable, what: str):
        super().__init__(text)
        self.session = session
        self._undo = undo
        self._redo = redo
        self.what = what
        self._first = True

    def _run(self, action: Callable) -> None:
        try:
            action()
        except WorkbenchError as exc:
            self.session.message.emit(str(exc))
        self.session.notify(self.what)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)


def push_done(session, text: str, undo: Callable, redo: Callable, what: str) -> None:
    """Record a change that was just made, and tell the views."""
    session.undo_stack.push(DoneCommand(session, text, undo, redo, what))
    session.notify(what)
