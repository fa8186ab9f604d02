"""The empty statement's offer to start from the route's outline.

A mixin of the Statement view. While the working draft is empty (and the
mentee is the one writing), a line above the text offers the outline; the
button puts it in the editor as one step of the editor's own undo, so
Ctrl+Z takes it out again, and the draft saves itself as after typing.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.statement.versions import DRAFT
from workbench.statement.outline import statement_outline


class StatementOutline:
    """Needs ``editor``, ``route``, ``shown`` and ``show_outside_focus`` from the view; call
    ``_build_outline()`` and put the widget it returns in the layout."""

    def _build_outline(self) -> QWidget:
        self.outline_offer = QWidget()
        self.outline_offer.setAccessibleName("Start from the outline")
        self.outline_text = QLabel(
            "Your statement is empty. Start with a heading per assessment criterion, "
            "each with a prompt to write over:"
        )
        self.outline_button = QPushButton("Start from the route's outline")
        self.outline_button.setAccessibleName("Start from the route's outline")
        self.outline_button.clicked.connect(self.start_from_outline)
        row = QHBoxLayout(self.outline_offer)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.outline_text)
        row.addWidget(self.outline_button)
        row.addStretch(1)
        self.outline_offer.hide()
        self.editor.textChanged.connect(self._update_outline_offer)
        return self.outline_offer

    def _update_outline_offer(self) -> None:
        # Most calls are keys in a text that is not empty: asked first, it settles them.
        wanted = (
            self.editor.document().isEmpty()
            and not self.editor.isReadOnly()
            and self.shown == DRAFT
        )
        if wanted:
            self.outline_button.setText(f"Start from the {self.route.name} outline")
        self.show_outside_focus(self.outline_offer, wanted)

    def start_from_outline(self) -> None:
        """Put the outline in the empty draft (one undo step) and go to the first prompt."""
        if not self.editor.document().isEmpty() or self.editor.isReadOnly():
            return
        outline = statement_outline(self.route)
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.insertText(outline)
        cursor.endEditBlock()
        first = self.editor.document().find(outline.split("\n")[2])
        if not first.isNull():
            self.editor.setTextCursor(first)  # the first prompt selected, to type over
        self.editor.setFocus()
        self.session.message.emit(
            "The outline is in place: write over each prompt. Undo (Ctrl+Z) takes it out."
        )
