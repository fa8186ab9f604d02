"""Citing evidence while writing: typing ``[E`` offers the items by number and title.

A mixin of the statement editor. The pop-up narrows as digits are typed
(``[E1`` offers E1, E10–E19…); Enter, Tab or a click inserts the citation,
``[E12]``, as one step of Undo; Esc closes the pop-up and leaves the text
as typed. The items are the editor's ``evidence`` (number -> title), which
the view fills from the core.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QCompleter

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
_OPENING = re.compile(r"\[E([1-9]\d{0,3})?$")
_PASSED_KEYS = (
    Qt.Key.Key_Enter,
    Qt.Key.Key_Return,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
)


class CitationCompletion:
    """For the statement editor: needs ``evidence`` (number -> title)."""

    def _build_completer(self) -> None:
        self.citation_model = QStandardItemModel(self)
        self.completer = QCompleter(self.citation_model, self)
        self.completer.setWidget(self)
        self.completer.setCompletionRole(NUMBER_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(8)
        # Kept: asking the completer for its pop-up costs, and every key asks.
        self.citation_popup = self.completer.popup()
        self.citation_popup.setAccessibleName("Evidence to cite")
        self.completer.activated[str].connect(self.insert_citation)
        self._opening: int | None = None  # where the "[E" being typed starts
        self._citation_items: dict[int, str] | None = None

    def _fill_citations(self) -> None:
        if self._citation_items == self.evidence:
            return
        self._citation_items = dict(self.evidence)
        self.citation_model.clear()
        for number, title in sorted(self.evidence.items()):
            item = QStandardItem(f"E{number}   {title}")
            item.setData(str(number), NUMBER_ROLE)
            item.setToolTip(title)
            item.setEditable(False)
            self.citation_model.appendRow(item)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in _PASSED_KEYS and self.citation_popup.isVisible():
            event.ignore()  # the completer acts on these keys itself
            return
        super().keyPressEvent(event)
        if self.isReadOnly():
            return
        typed = event.text()
        if len(typed) == 1 and typed.isprintable() and typed != "E" and not typed.isdecimal():
            # "[E12" ends in "E" or a digit: after any other letter or sign nothing is offered
            self._opening = None
            self._hide_popup()
        elif typed or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._offer_citations()

    def _offer_citations(self) -> None:
        """Show, narrow or hide the pop-up for the ``[E`` before the caret."""
        cursor = self.textCursor()
        block = cursor.block()
        before = block.text()[: cursor.positionInBlock()][-7:]
        found = _OPENING.search(before)
        if found is None or not self.evidence:
            self._opening = None
            self._hide_popup()
            return
        self._fill_citations()
        self._opening = cursor.position() - len(found.group())
        self.completer.setCompletionPrefix(found.group(1) or "")
        if self.completer.completionCount() == 0:
            self._hide_popup()
            return
        rect = self.cursorRect().translated(self.viewport().pos())  # in the editor's coordinates
        rect.setWidth(
            max(320, self.citation_popup.sizeHintForColumn(0) + 24)
            if self.citation_popup.model()
            else 320
        )
        self.completer.complete(rect)
        self.citation_popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _hide_popup(self) -> None:
        if self.citation_popup.isVisible():  # on most keys it is hidden already
            self.citation_popup.hide()

    def insert_citation(self, number: str) -> None:
        """Put ``[E<number>]`` in place of the ``[E…`` being typed (one undo step)."""
        if self._opening is None:
            return
        cursor = self.textCursor()
        end = cursor.position()
        following = self.document().characterAt(end)
        if following == "]":
            end += 1
        cursor.setPosition(self._opening)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(f"[E{number}]")
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self._opening = None
