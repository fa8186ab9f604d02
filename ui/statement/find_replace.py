"""Find and replace in the statement: a bar under the text, not a dialog.

Ctrl+F opens it to find, Ctrl+H with the replace row. Enter and F3 go to the
next match, Shift+Enter and Shift+F3 to the previous one; Esc closes the bar
and puts the keyboard back in the text. The count says "3 of 12". Replacing
goes through the editor's own undo: one replacement, or all of them, is one
step of Ctrl+Z. A version is read-only, so there only finding is offered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from ui.statement.editor import Utf16Index
from workbench.statement.find import find_all

# While the bar is open, typing in the text counts the matches again once per burst of
# keys, this long after the last one (Next, Replace and the rest count at once).
RECOUNT_MS = 150


class FindBar(QWidget):
    """Finds in one QPlainTextEdit; replaces when it is editable."""

    closed = Signal()

    def __init__(self, editor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.setAccessibleName("Find and replace")
        self.find_edit = QLineEdit()
        self.find_edit.setAccessibleName("Find")
        self.find_edit.setPlaceholderText("Find in the statement")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setAccessibleName("Replace with")
        self.replace_edit.setPlaceholderText("Replace with")
        self.match_case = QCheckBox("Match &case")
        self.whole_words = QCheckBox("&Whole words")
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Matches")
        self.count_label.setMinimumWidth(90)
        self.previous_button = self._button("Previous", "Previous match (Shift+F3)", self.previous)
        self.next_button = self._button("Next", "Next match (F3 or Enter)", self.next)
        self.replace_button = self._button("&Replace", "Replace this match", self.replace)
        self.replace_all_button = self._button(
            "Replace &all", "Replace every match (one step of Undo)", self.replace_all
        )
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Close find")
        self.close_button.setToolTip("Close (Esc)")
        self.close_button.clicked.connect(self.close_bar)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.addWidget(QLabel("&Find:", buddy=self.find_edit), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        row = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.count_label):
            row.addWidget(widget)
        row.addWidget(self.match_case)
        row.addWidget(self.whole_words)
        row.addStretch(1)
        row.addWidget(self.close_button)
        grid.addLayout(row, 0, 2)
        self.replace_label = QLabel("Re&place:", buddy=self.replace_edit)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        replace_row = QHBoxLayout()
        replace_row.addWidget(self.replace_button)
        replace_row.addWidget(self.replace_all_button)
        replace_row.addStretch(1)
        grid.addLayout(replace_row, 1, 2)
        grid.setColumnStretch(1, 1)
        self.find_edit.textChanged.connect(self._search_changed)
        self.match_case.toggled.connect(self._search_changed)
        self.whole_words.toggled.connect(self._search_changed)
        self.find_edit.returnPressed.connect(self.next)
        self.replace_edit.returnPressed.connect(self.replace)
        self._shortcut("Shift+Return", self.previous)
        self._shortcut("Esc", self.close_bar)
        editor.document().contentsChange.connect(self._text_changed)
        self.matches: list[tuple[int, int]] = []  # Qt positions
        self.current = -1
        self._stale = True
        self._editing = False
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(RECOUNT_MS)
        self._recount.timeout.connect(self._refresh)
        self.hide()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _shortcut(self, keys: str, slot) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # Opening and closing ------------------------------------------------------------------

    def open_bar(self, replacing: bool = False) -> None:
        """Show the bar (with the replace row if ``replacing``), seeded with the selection."""
        editable = not self.editor.isReadOnly()
        show_replace = replacing and editable
        for widget in (
            self.replace_label,
            self.replace_edit,
            self.replace_button,
            self.replace_all_button,
        ):
            widget.setVisible(show_replace)
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self._refresh()
        target = self.replace_edit if show_replace and self.find_edit.text() else self.find_edit
        target.setFocus()
        target.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()
        self.closed.emit()

    # Finding --------------------------------------------------------------------------------

    def _search_changed(self) -> None:
        self._stale = True
        self._refresh(from_caret=True)

    def _text_changed(self, _position: int, removed: int, added: int) -> None:
        if removed or added:
            self._stale = True
            if self.isVisible() and not self._editing:
                self._recount.start()  # not a search of the whole text on every key

    def _refresh(self, from_caret: bool = False) -> None:
        if self._stale:
            text = self.editor.toPlainText()
            index = Utf16Index(text)
            found = find_all(
                text,
                self.find_edit.text(),
                self.match_case.isChecked(),
                self.whole_words.isChecked(),
            )
            self.matches = [(index.to_qt(a), index.to_qt(b)) for a, b in found]
            self._stale = False
            caret = self.editor.textCursor().selectionStart()
            self.current = -1
            if from_caret and self.matches:
                self.current = next((i for i, (a, _) in enumerate(self.matches) if a >= caret), 0)
                self._select(self.current)
            elif self.matches:
                cursor = self.editor.textCursor()
                here = (cursor.selectionStart(), cursor.selectionEnd())
                self.current = self.matches.index(here) if here in self.matches else -1
        self._show_count()

    def _show_count(self) -> None:
        if not self.find_edit.text():
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText("No matches")
        elif self.current < 0:
            self.count_label.setText(f"{len(self.matches)} matches")
        else:
            self.count_label.setText(f"{self.current + 1} of {len(self.matches)}")
        has = bool(self.matches)
        editable = not self.editor.isReadOnly()
        for button in (self.previous_button, self.next_button):
            button.setEnabled(has)
        self.replace_button.setEnabled(has and editable)
        self.replace_all_button.setEnabled(has and editable)

    def _select(self, index: int) -> None:
        start, end = self.matches[index]
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.isVisible():
            self.open_bar()
        self._refresh()
        if not self.matches:
            return
        if self.current < 0:
            caret = self.editor.textCursor().position()
            if step > 0:
                self.current = next((i for i, (a, _) in enumerate(self.matches) if a >= caret), 0)
            else:
                before = [i for i, (_, b) in enumerate(self.matches) if b <= caret]
                self.current = before[-1] if before else len(self.matches) - 1
        else:
            self.current = (self.current + step) % len(self.matches)
        self._select(self.current)
        self._show_count()

    # Replacing ------------------------------------------------------------------------------

    def replace(self) -> None:
        """Replace the selected match and go to the next one."""
        if self.editor.isReadOnly():
            return
        self._refresh()
        if self.current < 0:
            self.next()
            return
        start, end = self.matches[self.current]
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._editing = True
        cursor.beginEditBlock()
        cursor.insertText(self.replace_edit.text())
        cursor.endEditBlock()
        self._editing = False
        self.editor.setTextCursor(cursor)
        self._refresh()
        if self.matches:
            self.current = next(
                (i for i, (a, _) in enumerate(self.matches) if a >= cursor.position()), 0
            )
            self._select(self.current)
        self._show_count()

    def replace_all(self) -> int:
        """Replace every match as one undo step; return how many were replaced."""
        if self.editor.isReadOnly():
            return 0
        self._refresh()
        count = len(self.matches)
        if not count:
            return 0
        replacement = self.replace_edit.text()
        cursor = QTextCursor(self.editor.document())
        self._editing = True
        cursor.beginEditBlock()
        for start, end in reversed(self.matches):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()
        self._editing = False
        self._refresh()
        self.count_label.setText(f"Replaced {count}")
        return count


class StatementFinding:
    """The Statement view's find bar and its keys. Needs ``editor``; call
    ``_build_find()`` and put ``find_bar`` in the layout."""

    def _build_find(self) -> FindBar:
        self.find_bar = FindBar(self.editor)
        keys = (
            (QKeySequence.StandardKey.Find, lambda: self.find_bar.open_bar()),
            (QKeySequence("Ctrl+H"), lambda: self.find_bar.open_bar(replacing=True)),
            (QKeySequence.StandardKey.FindNext, lambda: self.find_bar.next()),
            (QKeySequence.StandardKey.FindPrevious, lambda: self.find_bar.previous()),
        )
        for keys_, slot in keys:
            action = QAction(self)
            action.setShortcut(keys_)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        return self.find_bar
