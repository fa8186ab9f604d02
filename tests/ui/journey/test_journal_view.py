"""The private journal, as the mentee writes in it and quotes from it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QTextCursor

from workbench.journey import journal


def open_sample(qtbot, window):
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    return window.show_view("journal")


def test_the_mentee_writes_an_entry_marked_private(qtbot, window):
    view = open_sample(qtbot, window)
    assert view.splitter.isVisible() and view.header.isVisible()
    labels = [w.text() for w in view.findChildren(type(view.empty_note))]
    assert any("Private — never shared" in text for text in labels)
    before = view.entry_list.count()
    view.text_edit.setFocus()
    qtbot.keyClick(
        view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert view.entry_list.count() == before + 1
    assert view.text_edit.hasFocus()
    qtbot.keyClicks(view.text_edit, "A hard conversation with a colleague")
    assert view.save_pending()
    session = window.session
    rows = journal.entries(session.portfolio, session.actor)
    assert rows[0].text == "A hard conversation with a colleague"
    item = view.entry_list.currentItem()
    assert item.text().endswith("— A hard conversation with a colleague")
    assert item.toolTip().endswith("Private — never shared") and not item.icon().isNull()


def test_quote_into_statement_takes_only_the_selected_words(qtbot, window):
    view = open_sample(qtbot, window)
    view.new_entry()
    view.text_edit.setPlainText("I froze when asked.\nNext time I will pause and ask a question.")
    assert view.save_pending()
    assert not view.quote_button.isEnabled()  # nothing selected yet
    text = view.text_edit.toPlainText()
    start = text.index("Next time")
    cursor = view.text_edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(len(text), QTextCursor.MoveMode.KeepAnchor)
    view.text_edit.setTextCursor(cursor)
    assert view.quote_button.isEnabled()
    qtbot.mouseClick(view.quote_button, Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "statement"
    statement = window.views["statement"]
    draft = statement.editor.toPlainText()
    assert "Next time I will pause and ask a question." in draft
    assert "I froze" not in draft
    statement.editor.undo()
    assert "Next time I will pause" not in statement.editor.toPlainText()


def test_a_deleted_entry_comes_back_with_undo(qtbot, window):
    view = open_sample(qtbot, window)
    view.new_entry()
    view.text_edit.setPlainText("To be deleted")
    view.save_pending()
    count = view.entry_list.count()
    view.entry_list.setFocus()
    qtbot.keyClick(view.entry_list, Qt.Key.Key_Delete)
    assert view.entry_list.count() == count - 1
    window.session.undo_stack.undo()
    assert view.entry_list.count() == count


def test_the_mentor_has_no_journal(qtbot, window):
    view = open_sample(qtbot, window)
    view.new_entry()
    mentor = next(a for a in window.act_as_menu.actions() if "mentor" in a.text())
    mentor.trigger()
    assert "journal" not in window.view_keys and "journal" not in window.views
    assert window.show_view("journal") is None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not shiboken6.isValid(view)  # gone, with what it showed


def test_changing_the_date_puts_the_entry_in_date_order(qtbot, window):
    from datetime import date

    view = open_sample(qtbot, window)
    view.new_entry()  # dated today: first in the list
    uuid = view.current
    view.date_edit.set_day(date(2020, 1, 2))
    view.date_edit.editingFinished.emit()
    rows = journal.entries(window.session.portfolio, window.session.actor)
    assert rows[-1].uuid == uuid and rows[-1].entry_date == date(2020, 1, 2)
    assert view.entry_list.item(view.entry_list.count() - 1).text().startswith("2 January 2020")
