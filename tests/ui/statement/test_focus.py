"""Focus mode: only the text, the count and the comments toggle; F11 or Esc leaves."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import show_view
from ui.statement.view import StatementView


def test_focus_mode_keeps_the_text_the_count_and_the_toggle(qtbot, session):
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    view.set_focus_mode(True)
    assert view.editor.isVisible() and view.counter.isVisible()
    assert view.comments_toggle.isVisible()
    assert not view.documents.isVisible() and not view.panel.isVisible()
    assert not view.send_button.isVisible() and not view.compare_button.isVisible()
    qtbot.mouseClick(view.comments_toggle, Qt.MouseButton.LeftButton)
    assert view.panel.isVisible()
    qtbot.waitUntil(view.editor.hasFocus)
    qtbot.keyClick(view.editor, Qt.Key.Key_Escape)
    assert not view.in_focus
    assert view.documents.isVisible() and view.panel.isVisible() and view.send_button.isVisible()
    assert not view.comments_toggle.isVisible()


def test_focus_mode_is_remembered(qtbot, session):
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    view.set_focus_mode(True)
    view.close()
    again = show_view(qtbot, StatementView(session), session, (1300, 800))
    assert again.in_focus and not again.documents.isVisible()
    again.set_focus_mode(False)
    third = show_view(qtbot, StatementView(session), session, (1300, 800))
    assert not third.in_focus


def test_f11_in_the_window_hides_the_sidebar_and_brings_it_back(qtbot, window):
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    window.show_view("overview")
    qtbot.keyClick(window, Qt.Key.Key_F11)
    view = window.views["statement"]
    assert window.current_view_key() == "statement" and view.in_focus
    assert not window.sidebar.isVisible() and not window.statusBar().isVisible()
    qtbot.keyClick(view.editor, Qt.Key.Key_F11)
    assert not view.in_focus and window.sidebar.isVisible()
    view.set_focus_mode(True)
    window.show_view("evidence")  # another view: the window gets its sidebar back
    assert window.sidebar.isVisible()


def test_a_first_visit_in_focus_mode_keeps_the_draft_note_for_later(qtbot, session):
    show_view(qtbot, StatementView(session), session, (1300, 800)).set_focus_mode(True)
    view = show_view(qtbot, StatementView(session), session, (1300, 800))  # remembered
    qtbot.waitUntil(lambda: not view.comments_pending)  # the comments came after the paint
    assert view.in_focus and not view.draft_note.isVisible()
    view.set_focus_mode(False)
    assert view.draft_note.isVisible()  # where the comments sit on the draft, said now


def test_the_outline_offer_waits_for_the_end_of_focus_mode(qtbot, session):
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    view.set_focus_mode(True)
    view.editor.selectAll()
    qtbot.keyClick(view.editor, Qt.Key.Key_Delete)  # an empty draft, written in focus mode
    assert not view.outline_offer.isVisible()
    view.set_focus_mode(False)
    assert view.outline_offer.isVisible()
    view.set_focus_mode(True)
    qtbot.keyClicks(view.editor, "A start")  # no longer empty: the offer is not wanted
    view.set_focus_mode(False)
    assert not view.outline_offer.isVisible()
