"""Find and replace in the statement, driven from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import show_view
from ui.statement.view import StatementView
from workbench.statement import drafts
from workbench.statement.find import find_all

TEXT = (
    "## Personal performance\n\n"
    "I ran the Library induction. The library team learnt from it; "
    "library users learn fast. [E1]\n"
)


def test_find_all_with_case_and_whole_words():
    assert len(find_all(TEXT, "library")) == 3
    assert len(find_all(TEXT, "library", match_case=True)) == 2
    assert len(find_all(TEXT, "learn")) == 2
    at = TEXT.index("learn fast")
    assert find_all(TEXT, "learn", whole_words=True) == [(at, at + 5)]
    assert find_all(TEXT, "") == []
    assert find_all("a.b a-b", ".") == [(1, 2)]


def open_view(qtbot, session) -> StatementView:
    drafts.save_working_copy(session.portfolio, session.actor, TEXT)
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    view.editor.setFocus()
    qtbot.waitUntil(view.editor.hasFocus)
    return view


def test_ctrl_f_finds_and_counts_f3_steps_and_esc_closes(qtbot, session):
    view = open_view(qtbot, session)
    bar = view.find_bar
    qtbot.keyClick(view.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.find_edit.hasFocus()
    assert not bar.replace_edit.isVisible()
    qtbot.keyClicks(bar.find_edit, "library")
    assert bar.count_label.text() == "1 of 3"
    assert view.editor.textCursor().selectedText() == "Library"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == "2 of 3"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_F3)
    assert bar.count_label.text() == "3 of 3"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "2 of 3"
    bar.match_case.setChecked(True)
    assert bar.count_label.text().endswith("of 2")
    bar.whole_words.setChecked(True)
    bar.find_edit.setText("learn")
    assert bar.count_label.text() == "1 of 1"
    bar.find_edit.setText("nowhere")
    assert bar.count_label.text() == "No matches"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.editor.hasFocus()


def test_replace_all_is_one_undo_step(qtbot, session):
    view = open_view(qtbot, session)
    bar = view.find_bar
    qtbot.keyClick(view.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert bar.replace_edit.isVisible()
    qtbot.keyClicks(bar.find_edit, "library")
    bar.replace_edit.setText("service")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert bar.count_label.text() == "Replaced 3"
    text = view.editor.toPlainText()
    assert "library" not in text.lower() and text.count("service") == 3
    view.editor.undo()
    assert view.editor.toPlainText() == TEXT
    view.editor.redo()
    assert view.editor.toPlainText().count("service") == 3


def test_replace_one_then_undo(qtbot, session):
    view = open_view(qtbot, session)
    bar = view.find_bar
    bar.open_bar(replacing=True)
    bar.find_edit.setText("team")
    bar.replace_edit.setText("staff")
    qtbot.keyClick(bar.replace_edit, Qt.Key.Key_Return)
    assert "The library staff learnt" in view.editor.toPlainText()
    assert bar.count_label.text() == "No matches"
    view.editor.undo()
    assert view.editor.toPlainText() == TEXT


def test_a_version_offers_finding_only(qtbot, session):
    view = open_view(qtbot, session)
    assert view.send_for_review("one")
    view.show_document(view.infos[-1].uuid)
    view.find_bar.open_bar(replacing=True)
    assert not view.find_bar.replace_edit.isVisible()
    view.find_bar.find_edit.setText("library")
    assert not view.find_bar.replace_all_button.isEnabled()
    assert view.find_bar.replace_all() == 0


def test_typing_with_the_bar_open_counts_the_matches_once_per_burst(qtbot, session, monkeypatch):
    import ui.statement.find_replace as find_replace

    view = open_view(qtbot, session)
    bar = view.find_bar
    bar.open_bar()
    bar.find_edit.setText("library")
    assert bar.count_label.text() == "1 of 3"
    searches = []
    monkeypatch.setattr(
        find_replace, "find_all", lambda *args: searches.append(args) or find_all(*args)
    )
    cursor = view.editor.textCursor()
    cursor.setPosition(len(view.editor.toPlainText()))
    view.editor.setTextCursor(cursor)
    view.editor.setFocus()
    qtbot.keyClicks(view.editor, " A library again.")
    assert searches == []  # no search of the whole text on a key
    qtbot.waitUntil(lambda: bar.count_label.text() == "4 matches")
    assert len(searches) == 1  # one search for the whole burst of keys
