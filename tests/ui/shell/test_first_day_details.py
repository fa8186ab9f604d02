"""Small things a newcomer meets on the first day: whose skills Coverage lists, an
empty evidence form, the sample's status line, a filter that hides everything."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import show_view
from ui.evidence.view import EvidenceView
from ui.shell.main_window import SAMPLE_MESSAGE, MainWindow
from workbench.evidence.library import evidence_items
from workbench.sample.new_portfolio import build_new_portfolio
from workbench.store.portfolios import MENTEE, MENTOR, open_portfolio, person_with_role


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close_portfolio()


def open_new(window, tmp_path: Path) -> None:
    root = build_new_portfolio(tmp_path / "new")
    window._show_portfolio(open_portfolio(root), remember=False)


def act_as(window, role: str) -> None:
    window.act_as(person_with_role(window.session.portfolio, role))


def test_coverage_names_whose_chosen_skills_it_lists(window, tmp_path):
    open_new(window, tmp_path)
    coverage = window.show_view("coverage")
    assert "Your chosen skills × evidence" in coverage.skills_heading.text()
    act_as(window, MENTOR)
    heading = coverage.skills_heading.text()
    assert "Alex Reader's chosen skills × evidence" in heading and "Your" not in heading
    act_as(window, MENTEE)
    assert "Your chosen skills" in coverage.skills_heading.text()


def test_the_empty_evidence_form_shows_no_made_up_date(window, tmp_path):
    open_new(window, tmp_path)
    evidence = window.show_view("evidence")
    assert evidence.detail.row is None
    shown = evidence.detail.date_edit.text()
    assert shown.strip() == "" and "2000" not in shown


def test_an_item_without_a_date_shows_today(qtbot, session):
    view = show_view(qtbot, EvidenceView(session), session)
    row = replace(evidence_items(session.portfolio)[0], item_date=None)
    view.detail.show_row(row)
    assert view.detail.date_edit.day() == date.today()
    assert view.detail.date_edit.text().strip() != ""


def test_leaving_the_sample_takes_its_status_line_with_it(window, tmp_path):
    window.open_demo(tmp_path / "shots")
    assert window.statusBar().currentMessage() == SAMPLE_MESSAGE
    assert window.close_portfolio()
    assert window.statusBar().currentMessage() == ""
    open_new(window, tmp_path)
    assert SAMPLE_MESSAGE not in window.statusBar().currentMessage()


def test_a_message_of_its_own_stays_when_the_sample_closes(window, tmp_path):
    window.open_demo(tmp_path / "shots")
    window.statusBar().showMessage("The backup copy was restored.", 6000)
    window.close_portfolio()
    assert window.statusBar().currentMessage() == "The backup copy was restored."


def test_evidence_filtered_down_to_nothing_says_so_and_clears(qtbot, session):
    view = show_view(qtbot, EvidenceView(session), session)
    total = view.model.rowCount()
    assert total and view.list_stack.currentWidget() is view.table
    view.filters.search.setText("no evidence is called this")
    view.filters.type_box.setCurrentIndex(1)
    assert view.proxy.rowCount() == 0
    assert view.list_stack.currentWidget() is view.no_match
    assert view.no_match.label.text() == "No evidence matches these filters."
    assert view.detail.type_box.currentText() == ""  # nothing left of the item shown before
    assert view.no_match.isVisible() and view.no_match.button.isVisible()
    qtbot.mouseClick(view.no_match.button, Qt.MouseButton.LeftButton)
    assert view.filters.search.text() == "" and view.filters.type_box.currentIndex() == 0
    assert view.proxy.rowCount() == total
    assert view.list_stack.currentWidget() is view.table
    assert view.detail.row is not None  # the first item is selected again


def test_a_new_portfolio_shows_its_welcome_not_the_filter_note(window, tmp_path):
    open_new(window, tmp_path)
    evidence = window.show_view("evidence")
    assert evidence.list_stack.currentWidget() is evidence.empty
