"""The Statement view's writing aids in the screenshots: a misspelt word with its
menu, the find bar, the citation pop-up and focus mode (``screenshot_states``).

Each state starts from the working draft of the sample; the pop-ups it opens
are painted into the picture by ``ui.shell.screenshots``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from ui.statement.versions import DRAFT

SLIP = ("I collected feedback", "I colected feedback")


def _draft(view) -> None:
    for popup in QApplication.topLevelWidgets():
        if popup.isVisible() and popup.windowType() == Qt.WindowType.Popup:
            popup.hide()
    if view.shown != DRAFT:
        view.show_document(DRAFT)
    view.find_bar.hide()


def _caret_after(view, words: str, select: int = 0) -> QTextCursor | None:
    at = view.editor.toPlainText().find(words)
    if at < 0:
        return None
    cursor = view.editor.textCursor()
    cursor.setPosition(at + len(words) - select)
    if select:
        cursor.setPosition(at + len(words), QTextCursor.MoveMode.KeepAnchor)
    view.editor.setTextCursor(cursor)
    view.editor.centerCursor()
    return cursor


def misspelling(view) -> None:
    _draft(view)
    if _caret_after(view, SLIP[0], len(SLIP[0])) is None:
        return
    view.editor.textCursor().insertText(SLIP[1])
    view.editor.spelling.checker.check_queued()
    cursor = _caret_after(view, "I colec")
    rect = view.editor.cursorRect(cursor)
    menu = view.editor.spelling_menu(cursor.position(), rect.center())
    menu.popup(view.editor.viewport().mapToGlobal(rect.bottomRight()))


def find_replace(view) -> None:
    _draft(view)
    text = view.editor.toPlainText()
    if SLIP[1] in text:
        view.editor.undo()
    view.find_bar.open_bar(replacing=True)
    view.find_bar.find_edit.setText("students")
    view.find_bar.replace_edit.setText("learners")
    view.find_bar.next()


def completion(view) -> None:
    _draft(view)
    if _caret_after(view, "a short course on active learning ") is None:
        return
    view.editor.setFocus()
    view.editor.textCursor().insertText("[E")
    view.editor._offer_citations()
    # The screenshots' offscreen screen is narrower than the window: put the pop-up
    # under the caret, where a real screen shows it.
    rect = view.editor.cursorRect()
    view.editor.completer.popup().move(view.editor.viewport().mapToGlobal(rect.bottomLeft()))


def focus(view) -> None:
    _draft(view)
    view.editor.undo()  # the "[E" of the pop-up's picture
    view.set_focus_mode(True, remember=False)


def writing_states(view) -> list:
    """The states of the mentee's working draft (a mentor has none to write in)."""
    if not view.session.is_mentee:
        return []
    return [
        ("spelling", lambda: misspelling(view)),
        ("find-replace", lambda: find_replace(view)),
        ("citation", lambda: completion(view)),
        ("focus", lambda: focus(view)),
    ]
