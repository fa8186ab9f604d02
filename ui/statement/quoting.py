"""A passage quoted into the statement from elsewhere (the private journal).

A mixin of the Statement view: ``select(("quote", text))`` shows the working
draft and puts the passage in a paragraph of its own after the caret's
paragraph, as one step of the editor's undo; the draft saves itself as after
typing. Nothing else ever brings journal text into the statement.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from ui.statement.versions import DRAFT


class StatementQuoting:
    """Needs ``editor``, ``shown``, ``show_document`` and ``session`` from the view."""

    def select(self, target) -> None:
        if not (isinstance(target, tuple) and target and target[0] == "quote"):
            return
        if not self.session.is_mentee:
            return
        if self.shown != DRAFT:
            self.show_document(DRAFT)
        self.quote_passage(target[1])

    def quote_passage(self, passage: str) -> None:
        cursor = self.editor.textCursor()
        cursor.clearSelection()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        before = "\n\n" if cursor.block().text().strip() else ""
        cursor.beginEditBlock()
        cursor.insertText(before)
        start = cursor.position()
        cursor.insertText(passage)
        cursor.endEditBlock()
        cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()
        self.session.message.emit(
            "The passage from your journal is in your statement now; Undo (Ctrl+Z) takes it out."
        )
