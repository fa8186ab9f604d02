"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest

from tests.ui.plain_data import Guard
from ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def plain_data_only(monkeypatch):
    """Every GUI test checks that the UI receives no record but the handles
    from the core (workbench/store/handles.py)."""
    guard = Guard()
    guard.install(monkeypatch)
    yield guard
    found = sorted(set(guard.found))
    assert not found, "the UI received records:\n" + "\n".join(found)


@pytest.fixture
def window(qtbot):
    """The main window, shown; its portfolio closed after the test."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close_portfolio()
