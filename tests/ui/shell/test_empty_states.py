"""Every view of a brand-new portfolio says what to do, to its mentee and to its mentor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.shell.main_window import MainWindow
from workbench.sample.new_portfolio import build_new_portfolio
from workbench.store.portfolios import MENTEE, MENTOR, open_portfolio, person_with_role


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    root = build_new_portfolio(tmp_path / "new")
    win._show_portfolio(open_portfolio(root), remember=False)
    yield win
    win.close_portfolio()


def act_as(window, role: str) -> None:
    window.act_as(person_with_role(window.session.portfolio, role))


def test_an_empty_matrix_says_why_and_shows_all_skills(qtbot, window):
    view = window.show_view("matrix")
    view.relevant_only.setChecked(True)  # as after trying the sample
    note = view.empty_note
    assert note.isVisible() and "No skills chosen yet" in note.label.text()
    act_as(window, MENTOR)
    assert "Your mentee has not chosen their skills yet" in note.label.text()
    act_as(window, MENTEE)
    qtbot.mouseClick(note.button, Qt.MouseButton.LeftButton)
    assert not view.relevant_only.isChecked() and view.proxy.rowCount() > 0
    assert not note.isVisible()
    view.search.setText("no skill is called this")
    assert note.isVisible() and note.label.text() == "No skill matches the search and filters."


def test_coverage_cpd_and_statement_say_what_to_do(window):
    coverage = window.show_view("coverage")
    assert coverage.no_skills.isVisible() and "Gap matrix" in coverage.no_skills.text()
    assert coverage.unlinked.text().startswith("No evidence yet: add it in Evidence")
    statement = window.show_view("statement")
    assert "Send a version for review" in statement.panel.summary.text()
    cpd = window.show_view("cpd")
    assert cpd.stack.currentWidget() is cpd.empty and "Add activity" in cpd.empty.text()
    evidence = window.show_view("evidence")
    assert "drag files here or press Add files" in evidence.empty.text()
    act_as(window, MENTOR)
    assert cpd.empty.text() == "No CPD logged yet. Your mentee's CPD activities appear here."
    assert coverage.unlinked.text() == "No evidence yet. Your mentee's evidence appears here."
    assert "When your mentee sends a version" in statement.panel.summary.text()
    assert evidence.item_thread.summary.text() == "Choose an evidence item to see its comments."
