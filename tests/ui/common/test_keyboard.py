"""The workbench used with the keyboard alone: README's journeys and the bugs testers met.

Everything here is driven with QTest key clicks (no mouse events); setting up the
sample portfolio and who acts in it is the only thing done by calling code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog

from tests.ui.matrix.test_view import cell, stored
from tests.ui.word.test_dialogs import reviewed_copy
from ui.common.keyboard import CARET_BROWSING
from ui.matrix.model import CURRENT, RELEVANT, TARGET
from ui.shell.main_window import MainWindow
from ui.word.export import ExportDialog
from ui.word.review import ImportPreviewDialog
from workbench.matrix import ratings as matrix
from workbench.statement import drafts
from workbench.store.models import Comment
from workbench.store.portfolios import MENTOR, person_with_role
from workbench.word.reading import read_docx

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot, tmp_path):
    """The main window with the sample portfolio open, active, as its mentee."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    activate(qtbot, win)
    win.open_demo(tmp_path / "sample")
    yield win
    win.close_portfolio()


def activate(qtbot, window) -> None:
    """Show a window (a dialog window-modally, as the workbench does) and wait for the keyboard."""
    window.open() if hasattr(window, "open") else window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    """Press a key where the keyboard is, as a user would."""
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def focus() -> object:
    return QApplication.focusWidget()


def go_to(qtbot, window, number: int):
    press(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)
    return window.view_stack.currentWidget()


def act_as_mentor(window) -> None:
    window.act_as(person_with_role(window.session.portfolio, MENTOR))


# Journeys ---------------------------------------------------------------------------------


def test_a_mentor_selects_words_of_a_version_and_comments_on_them(qtbot, window):
    act_as_mentor(window)
    view = go_to(qtbot, window, 5)
    assert window.current_view_key() == "statement"
    assert focus() is view.editor  # Ctrl+5 gives the keyboard to the text
    latest = drafts.latest_version(window.session.portfolio)
    assert view.shown == latest.uuid and view.editor.isReadOnly()
    before = view.editor.toPlainText()
    press(qtbot, Qt.Key.Key_Home, CTRL)
    press(qtbot, Qt.Key.Key_Down, times=2)  # the first paragraph, after the heading
    type_text(qtbot, "xyz")  # typing changes nothing: the mentor only reads
    assert view.editor.toPlainText() == before
    press(qtbot, Qt.Key.Key_Right, CTRL | SHIFT, times=3)
    assert view.editor.textCursor().selectedText() == "I have worked "
    assert view.comment_button.isEnabled()
    press(qtbot, Qt.Key.Key_M, CTRL | ALT)
    assert focus() is view.panel.composer_text
    assert view.panel.composer_quote.text() == "\u201cI have worked \u201d"
    type_text(qtbot, "Which library, and in which role?")
    with qtbot.waitSignal(window.session.changed):
        press(qtbot, Qt.Key.Key_Return, CTRL)
    made = Comment.get(Comment.text == "Which library, and in which role?")
    start = latest.text.index("I have worked")
    assert (made.version_id, made.start, made.end) == (latest.uuid, start, start + 14)
    assert made.author == window.session.actor.uuid
    assert focus() is view.editor  # back to reading for the next comment
    assert made.uuid in view.editor.mark_ranges()


def test_a_mentee_rates_a_skill_and_writes_the_area_comment(qtbot, window):
    view = go_to(qtbot, window, 2)
    assert focus() is view.tree
    view.tree.setCurrentIndex(cell(view, "10.4", RELEVANT))  # where a search would land
    press(qtbot, Qt.Key.Key_Right)
    assert view.tree.currentIndex().column() == CURRENT
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Right)
    type_text(qtbot, "4")
    assert (stored(window.session, "10.4").current, stored(window.session, "10.4").target) == (
        2,
        4,
    )
    while focus() is not view.comment_edit:
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_End, CTRL)
    type_text(qtbot, " Two sessions observed.")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is not view.comment_edit
    saved = matrix.area_comments(view.snapshot.uuid)[view.comment_area]
    assert saved.endswith("Two sessions observed.") and "\t" not in saved


def test_a_mentee_links_evidence_to_a_criterion_and_exports(qtbot, window, tmp_path, monkeypatch):
    view = go_to(qtbot, window, 3)
    assert focus() is view.table
    press(qtbot, Qt.Key.Key_Home, CTRL)
    first = view.current_row()
    press(qtbot, Qt.Key.Key_F, CTRL)  # the Evidence view's own shortcut works at once
    assert focus() is view.filters.search
    checks = list(view.detail.criteria_checks.values())
    view.detail.reflection.setFocus()  # as after typing the reflection note
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is checks[0]
    wanted = next(code for code, box in view.detail.criteria_checks.items() if box is checks[0])
    linked = wanted in first.criteria
    press(qtbot, Qt.Key.Key_Space)
    assert (wanted in view.current_row().criteria) is not linked
    chosen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: chosen.append(a) or ("", ""))
    press(qtbot, Qt.Key.Key_E, CTRL)
    dialog = next(d for d in window.findChildren(ExportDialog) if d.isVisible())
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.path_edit.setFocus()
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, str(tmp_path / "submission.docx"))
    with qtbot.waitSignal(window.session.message, timeout=20_000):
        press(qtbot, Qt.Key.Key_Return)
    assert not chosen  # Enter exported; it did not open "Choose…"
    assert Document(tmp_path / "submission.docx").paragraphs[0].style.name == "Title"


def test_a_mentee_writes_in_the_draft_from_the_keyboard(qtbot, window):
    view = go_to(qtbot, window, 5)
    assert view.shown == "draft" or not view.editor.isReadOnly()
    assert focus() is view.editor
    press(qtbot, Qt.Key.Key_End, CTRL)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "A new closing line.")
    press(qtbot, Qt.Key.Key_Tab)  # Tab leaves the statement, which saves it
    assert focus() is not view.editor
    assert drafts.working_text(window.session.portfolio).endswith("A new closing line.")


# One test per bug -----------------------------------------------------------------------


def test_the_read_only_statement_has_a_caret_and_keyboard_selection(qtbot, window):
    act_as_mentor(window)
    view = go_to(qtbot, window, 5)
    flags = view.editor.textInteractionFlags()
    assert flags & CARET_BROWSING == CARET_BROWSING
    assert view.editor.cursorWidth() >= 2
    press(qtbot, Qt.Key.Key_Home, CTRL)
    press(qtbot, Qt.Key.Key_Right, SHIFT, times=3)
    assert view.editor.textCursor().selectedText() == "# R"


def test_left_and_right_move_between_columns_on_a_skill_row(qtbot, window):
    view = go_to(qtbot, window, 2)
    view.tree.setCurrentIndex(cell(view, "10.4", TARGET))
    press(qtbot, Qt.Key.Key_Left)
    current = view.tree.currentIndex()
    assert current.column() == CURRENT and current.parent().isValid()
    area_row = current.parent()
    assert view.tree.isExpanded(area_row)
    press(qtbot, Qt.Key.Key_Right)
    assert view.tree.currentIndex() == cell(view, "10.4", TARGET)
    view.tree.setCurrentIndex(area_row)  # on the area row itself, Left folds it
    press(qtbot, Qt.Key.Key_Left)
    assert not view.tree.isExpanded(area_row)


def test_switching_views_puts_the_keyboard_in_the_view(qtbot, window):
    window.sidebar.setFocus()
    for number, key in ((2, "matrix"), (3, "evidence"), (4, "coverage"), (6, "cpd")):
        view = go_to(qtbot, window, number)
        assert window.current_view_key() == key
        assert view.isAncestorOf(focus()), key
    overview = go_to(qtbot, window, 1)
    assert overview.isAncestorOf(focus())


def test_evidence_criteria_come_between_the_reflection_and_the_skills(qtbot, window):
    view = go_to(qtbot, window, 3)
    detail = view.detail
    order = [detail.reflection]
    widget = detail.reflection
    for _ in range(len(detail.criteria_checks) + 1):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order[1:-1] == list(detail.criteria_checks.values())
    assert order[-1] is detail.skill_filter
    assert all(isinstance(box, QCheckBox) for box in order[1:-1])


def test_tab_in_the_area_comment_moves_on_and_saves_no_tab(qtbot, window):
    view = go_to(qtbot, window, 2)
    view.tree.setCurrentIndex(cell(view, "10.4", CURRENT))
    view.comment_edit.setFocus()
    press(qtbot, Qt.Key.Key_End, CTRL)
    type_text(qtbot, "x")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is not view.comment_edit
    assert "\t" not in view.comment_edit.toPlainText()
    assert matrix.area_comments(view.snapshot.uuid)[view.comment_area].endswith("x")


def test_enter_in_the_export_dialog_exports(qtbot, window, tmp_path, monkeypatch):
    chosen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: chosen.append(a) or ("", ""))
    dialog = ExportDialog(window.session, "submission", window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "out.docx"))
    activate(qtbot, dialog)
    dialog.path_edit.setFocus()
    with qtbot.waitSignal(window.session.message, timeout=20_000):
        press(qtbot, Qt.Key.Key_Return)
    assert not chosen and Path(tmp_path / "out.docx").is_file()
    assert dialog.result() == ExportDialog.DialogCode.Accepted


def test_enter_in_the_word_import_preview_imports(qtbot, window, tmp_path):
    reviewed = reviewed_copy(qtbot, window.session, tmp_path)
    before = Comment.select().count()
    dialog = ImportPreviewDialog(window.session, reviewed, read_docx(reviewed), window)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    dialog.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == ImportPreviewDialog.DialogCode.Accepted
    assert Comment.select().count() == before + 1


def test_escape_in_the_comment_composer_goes_back_to_the_text(qtbot, window):
    act_as_mentor(window)
    view = go_to(qtbot, window, 5)
    press(qtbot, Qt.Key.Key_Home, CTRL)
    press(qtbot, Qt.Key.Key_Right, SHIFT, times=5)
    press(qtbot, Qt.Key.Key_M, CTRL | ALT)
    assert focus() is view.panel.composer_text
    press(qtbot, Qt.Key.Key_Escape)
    assert not view.panel.composer.isVisible()
    assert focus() is view.editor
