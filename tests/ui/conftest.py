"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest

from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    """The main window, shown; its portfolio closed after the test."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close_portfolio()
