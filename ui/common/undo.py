"""The one shape of an undoable step: ``forward`` and ``backward`` each call services.

A step calls workbench services as the session's actor. A ``WorkbenchError``
is reported (to the status line by default) and the step becomes obsolete, so
the undo stack never offers a step that cannot be taken; a step that worked
tells the session what changed (``what``), so the views refresh. A change made
before it is pushed (to show an error before anything lands on the stack) is
pushed with ``already_done=True``: its first redo does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from workbench.errors import WorkbenchError


class ServiceCommand(QUndoCommand):
    """Base of every undo command: subclasses give ``forward`` and ``backward``."""

    def __init__(self, session, text: str, what: str = "", *, already_done: bool = False):
        super().__init__(text)
        self.session = session
        self.what = what
        self._skip_redo = already_done

    def forward(self) -> bool | None:
        """Make the change (redo). Return False, or raise WorkbenchError, if it did not happen."""
        raise NotImplementedError

    def backward(self) -> bool | None:
        """Take the change back (undo)."""
        raise NotImplementedError

    def report(self, error: WorkbenchError) -> None:
        self.session.message.emit(str(error))

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.step(self.forward)

    def undo(self) -> None:
        self.step(self.backward)

    def step(self, change: Callable[[], bool | None]) -> bool:
        try:
            ok = change() is not False
        except WorkbenchError as exc:
            self.report(exc)
            ok = False
        if not ok:
            self.setObsolete(True)
        elif self.what:
            self.session.notify(self.what)
        return ok
