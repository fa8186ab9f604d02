"""The spelling part of a text editor's context menu: suggestions, Add to my
dictionary, Ignore. ``SpellingMenu`` is a mixin for an editor class with a
``spelling`` highlighter (the statement's); ``check_spelling(edit)`` gives any
plain text field the check and the menu without subclassing it.

A suggestion replaces the word as one step of the editor's own undo
(``beginEditBlock``/``endEditBlock``), so Ctrl+Z puts the word back.
The menu opens with the mouse or from the keyboard (the Menu key, Shift+F10).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from ui.common.dialogs import show_error
from ui.common.plain import menu_text
from ui.statement.spelling import SpellingHighlighter, qt_index
from workbench.errors import WorkbenchError


class SpellingMenu:
    """For a QPlainTextEdit subclass with ``self.spelling`` (its SpellingHighlight)."""

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        show_menu(self, self.spelling, event)

    def spelling_menu(self, position: int, point=None) -> QMenu:
        return spelling_menu(self, self.spelling, position, point)

    def misspelt_word_at(self, position: int) -> tuple[str, int, int] | None:
        return misspelt_word_at(self, self.spelling, position)


class FieldSpelling(QObject):
    """The spelling check of one plain text field: its highlighter and its menu."""

    def __init__(self, edit: QPlainTextEdit):
        super().__init__(edit)
        self.edit = edit
        self.spelling = SpellingHighlighter(edit)
        edit.installEventFilter(self)
        edit.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ContextMenu:
            show_menu(self.edit, self.spelling, event, from_viewport=watched is not self.edit)
            return True
        return False

    def spelling_menu(self, position: int) -> QMenu:
        return spelling_menu(self.edit, self.spelling, position)


def check_spelling(edit: QPlainTextEdit) -> FieldSpelling:
    """Underline misspelt words in ``edit`` and offer corrections in its context menu."""
    return FieldSpelling(edit)


def show_menu(edit, highlighter, event: QContextMenuEvent, from_viewport: bool = True) -> None:
    if event.reason() == QContextMenuEvent.Reason.Mouse and from_viewport:
        point = event.pos()
        position = edit.cursorForPosition(point).position()
    else:
        position = edit.textCursor().position()
        point = edit.cursorRect().center()
    menu = spelling_menu(edit, highlighter, position, point)
    menu.exec(event.globalPos())
    menu.deleteLater()


def spelling_menu(edit, highlighter, position: int, point=None) -> QMenu:
    """The context menu for ``position``, the spelling actions first."""
    menu = edit.createStandardContextMenu(point) if point else edit.createStandardContextMenu()
    found = misspelt_word_at(edit, highlighter, position)
    if found is None:
        return menu
    word, start, end = found
    first = menu.actions()[0] if menu.actions() else None
    checker = highlighter.checker
    actions = []
    suggestions = checker.suggestions(word)
    for suggestion in suggestions:
        action = QAction(menu_text(suggestion), menu)
        action.triggered.connect(
            lambda _=False, s=suggestion: replace_word(edit, start, end, word, s)
        )
        actions.append(action)
    if not suggestions:
        none = QAction("No suggestions", menu)
        none.setEnabled(False)
        actions.append(none)
    add = QAction(menu_text(f"Add “{word}” to my dictionary"), menu)
    add.triggered.connect(lambda: _add_word(edit, checker, word))
    ignore = QAction(menu_text(f"Ignore “{word}”"), menu)
    ignore.setToolTip("Accept this word until the workbench closes")
    ignore.triggered.connect(lambda: checker.ignore_word(word))
    actions += [add, ignore]
    menu.insertActions(first, actions)
    menu.insertSeparator(first)
    return menu


def misspelt_word_at(edit, highlighter, position: int) -> tuple[str, int, int] | None:
    """The misspelt word at a Qt position: (word, start, end) in Qt positions."""
    if not highlighter.spelling_on():
        return None
    block = edit.document().findBlock(position)
    text = block.text()
    index = qt_index(text)
    at = position - block.position()
    for word in highlighter.block_words(text):
        start, end = index(word.start), index(word.end)
        if start <= at <= end and highlighter.checker.is_misspelt(word.text):
            return word.text, block.position() + start, block.position() + end
    return None


def replace_word(edit, start: int, end: int, word: str, replacement: str) -> None:
    """Put ``replacement`` in place of ``word`` at start:end (one undo step)."""
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    if cursor.selectedText() != word:
        return  # the text moved on meanwhile
    cursor.beginEditBlock()
    cursor.insertText(replacement)
    cursor.endEditBlock()
    edit.setTextCursor(cursor)


def _add_word(edit, checker, word: str) -> None:
    try:
        checker.add_word(word)
    except WorkbenchError as exc:
        show_error(edit, exc)
