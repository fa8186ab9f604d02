"""Fixtures of the journey views: a fresh portfolio with a joined mentor, as a session."""

from __future__ import annotations

import pytest

from tests.conftest import show_view
from tests.workbench.journey.helpers import join_mentor


@pytest.fixture
def people(portfolio, me, other):
    """(mentee, mentor) Person records of the fresh Chartership portfolio."""
    return join_mentor(portfolio, me, other)


@pytest.fixture
def fresh_session(portfolio, people, qapp):
    from ui.common.session import Session

    session = Session(portfolio, people[0])
    yield session
    session.undo_stack.clear()


def collect_errors(monkeypatch, *modules) -> list[str]:
    """Error dialogs of view modules, collected instead of shown."""
    found: list[str] = []
    for module in modules:
        monkeypatch.setattr(
            module, "show_error", lambda parent, exc, title="": found.append(str(exc))
        )
    return found


def show(qtbot, widget, session):
    show_view(qtbot, widget, session, (1100, 760))
    qtbot.waitExposed(widget)
    return widget
