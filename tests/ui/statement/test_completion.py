"""Typing [E offers the evidence to cite; the citation's tooltip and Ctrl+click."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.conftest import show_view
from ui.statement.view import StatementView
from workbench.statement import drafts


def open_view(qtbot, session, text: str = "I learnt a lot ") -> StatementView:
    drafts.save_working_copy(session.portfolio, session.actor, text)
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    editor = view.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    return view


def test_typing_e_offers_the_items_and_enter_inserts_the_citation(qtbot, session):
    view = open_view(qtbot, session)
    editor = view.editor
    titles = drafts.evidence_titles(session.portfolio)
    assert 12 in titles
    qtbot.keyClicks(editor, "[E")
    popup = editor.completer.popup()
    assert popup.isVisible()
    shown = [
        editor.completer.completionModel().index(row, 0).data()
        for row in range(editor.completer.completionCount())
    ]
    assert shown[0] == f"E1   {titles[1]}"
    assert len(shown) == len(titles)
    qtbot.keyClicks(editor, "12")
    assert editor.completer.completionCount() == 1
    assert popup.currentIndex().data() == f"E12   {titles[12]}"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.toPlainText() == "I learnt a lot [E12]"
    assert not popup.isVisible()
    editor.undo()
    assert editor.toPlainText() == "I learnt a lot [E12"


def test_esc_keeps_what_was_typed_and_unknown_numbers_offer_nothing(qtbot, session):
    view = open_view(qtbot, session)
    editor = view.editor
    qtbot.keyClicks(editor, "[E")
    popup = editor.completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert editor.toPlainText() == "I learnt a lot [E"
    qtbot.keyClicks(editor, "999")
    assert not popup.isVisible()


def test_a_citation_tells_its_title_and_ctrl_click_opens_it(qtbot, session):
    view = open_view(qtbot, session, "As [E3] shows")
    editor = view.editor
    titles = drafts.evidence_titles(session.portfolio)
    opened = []
    editor.citation_activated.connect(opened.append)
    rect = editor.cursorRect(_cursor_at(editor, 5))
    qtbot.mouseClick(
        editor.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )
    assert opened == [3]
    where = editor.viewport().mapToGlobal(rect.center())
    tip = QHelpEvent(QEvent.Type.ToolTip, rect.center(), where)
    QApplication.sendEvent(editor.viewport(), tip)  # the widget under the mouse
    assert QToolTip.text() == f"E3: {titles[3]}"


def _cursor_at(editor, position: int):
    cursor = editor.textCursor()
    cursor.setPosition(position)
    return cursor


def test_a_letter_after_the_number_closes_the_offer_and_backspace_brings_it_back(qtbot, session):
    view = open_view(qtbot, session)
    editor = view.editor
    qtbot.keyClicks(editor, "[E1")
    popup = editor.completer.popup()
    assert popup.isVisible()
    qtbot.keyClicks(editor, "x")
    assert not popup.isVisible()
    assert editor.toPlainText() == "I learnt a lot [E1x"
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert popup.isVisible()
    qtbot.keyClicks(editor, "2")  # a digit narrows the offer again
    assert popup.isVisible() and editor.completer.completionCount() == 1
