"""Undo for the CPD log and the mentoring records.

A change is made first, by calling the service directly, so an error reaches
the user before anything lands on the undo stack. Only a change that worked is
pushed, as a command whose first redo does nothing (it already happened).
"""

from __future__ import annotations

from collections.abc import Callable

from ui.common.undo import ServiceCommand


class DoneCommand(ServiceCommand):
    """A change already made; undo and redo call the services given."""

    def __init__(self, session, text: str, undo: Callable, redo: Callable, what: str):
        super().__init__(session, text, what, already_done=True)
        self.backward = undo
        self.forward = redo


def push_done(session, text: str, undo: Callable, redo: Callable, what: str) -> None:
    """Record a change that was just made, and tell the views."""
    session.undo_stack.push(DoneCommand(session, text, undo, redo, what))
    session.notify(what)
