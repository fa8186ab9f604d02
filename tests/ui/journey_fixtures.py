"""Fixtures of the journey views: a fresh portfolio with a joined mentor, as a session."""

from __future__ import annotations

import pytest

from tests.workbench.journey_helpers import join_mentor


@pytest.fixture
def people(portfolio, me, other):
    """(mentee, mentor) Person records of the fresh Chartership portfolio."""
    return join_mentor(portfolio, me, other)


@pytest.fixture
def fresh_session(portfolio, people, qapp):
    from ui.session import Session

    session = Session(portfolio, people[0])
    yield session
    session.undo_stack.clear()


def show(qtbot, widget, session):
    session.changed.connect(widget.refresh)  # the main window does this
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
