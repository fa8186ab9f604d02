"""The open portfolio as the GUI sees it: who is acting, and what changed.

Views never query the database themselves; they call workbench/ services with
``session.portfolio`` and ``session.actor`` and announce what they changed with
``session.notify``, so other views refresh only what is affected (as Anki's
operations do). Those two are handles passed back to the services, never read:
what a view shows of them is ``session.info`` and ``session.me``
(workbench/store/handles.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from workbench.store.handles import Member, PortfolioInfo, member_of, portfolio_info
from workbench.store.portfolios import MENTEE, MENTOR, OpenPortfolio


class Session(QObject):
    """One opened portfolio and the person acting in it (the handle the services
    take as their actor)."""

    # The names of what changed: "matrix" (snapshots, skills), "ratings",
    # "evidence", "statement", "comments", "cpd", "meetings", "portfolio", "all".
    changed = Signal(set)
    # A short message for the status bar.
    message = Signal(str)
    # A view asks for another to be shown (by its key), with something in it to select.
    navigate = Signal(str, object)

    def __init__(self, opened: OpenPortfolio, actor, parent=None):
        super().__init__(parent)
        self.opened = opened
        self.actor = actor
        self.undo_stack = QUndoStack(self)
        self._member: Member | None = None
        # Connected first, so every view that refreshes on a change reads a fresh member.
        self.changed.connect(self._forget_member)

    @property
    def portfolio(self):
        return self.opened.portfolio

    @property
    def info(self) -> PortfolioInfo:
        """What is shown of the portfolio."""
        return portfolio_info(self.portfolio)

    @property
    def me(self) -> Member:
        """The acting person: uuid, name and role here.

        Read once and kept until something changes: views ask for it per card and per
        cell, and a query each time made their cost grow with the rows shown."""
        if self._member is None:
            self._member = member_of(self.portfolio, self.actor)
        return self._member

    def _forget_member(self, _what: set | None = None) -> None:
        self._member = None

    @property
    def role(self) -> str | None:
        return self.me.role

    @property
    def is_mentee(self) -> bool:
        return self.role == MENTEE

    @property
    def is_mentor(self) -> bool:
        return self.role == MENTOR

    def go_to(self, key: str, target=None) -> None:
        """Show the view ``key`` ("evidence"), selecting ``target`` there if given."""
        self.navigate.emit(key, target)

    def switch_actor(self, person) -> None:
        """Act as another member (only the sample portfolio offers this)."""
        self.actor = person
        self._forget_member()
        self.undo_stack.clear()
        self.notify("all")

    def reload_portfolio(self) -> None:
        self.opened.reload()
        self._forget_member()

    def notify(self, *what: str) -> None:
        self.changed.emit(set(what))

    def close(self) -> None:
        self.undo_stack.clear()
        # With the undo history gone, deletions are final: drop unused evidence files.
        from workbench.evidence.files import collect_garbage  # not needed to open

        try:
            collect_garbage(self.opened)
        except OSError:
            pass  # a file that cannot be removed now is collected next time
        self.opened.close()
