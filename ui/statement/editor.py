"""The statement editor: comment highlights that follow the words, citations.

Its highlighter (``ui.statement.highlighter``) styles the Markdown subset,
misspelt words and the comment ranges the editor keeps.

Comments are anchored by Python string offsets (code points); Qt counts UTF-16
units, so an emoji takes two. ``Utf16Index`` converts at this boundary, and
the editor keeps comment ranges in Qt positions, shifting them as the user
types so highlights follow the words without touching the database.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from ui.common.block_layout import use_changed_blocks_layout
from ui.common.keyboard import caret_browsing
from ui.statement.completion import CitationCompletion
from ui.statement.highlighter import BLOCK_KIND, StatementHighlighter, mark_start
from ui.statement.spelling_menu import SpellingMenu
from workbench.statement import markdown

__all__ = ["BLOCK_KIND", "Mark", "StatementEditor", "Utf16Index"]


class Utf16Index:
    """Converts between code-point offsets (the core) and UTF-16 positions (Qt)."""

    def __init__(self, text: str):
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._astral = astral
        self._ends = [a + k + 2 for k, a in enumerate(astral)]

    def to_qt(self, index: int) -> int:
        return index + bisect_left(self._astral, index)

    def to_py(self, position: int) -> int:
        return position - bisect_right(self._ends, position)


@dataclass(slots=True)  # slots: every keystroke moves the marks after it
class Mark:
    """A comment's range in the editor, in Qt positions."""

    uuid: str
    start: int
    end: int


READ_ONLY_HELP = (
    "Read only. Move with the arrow keys, select words with Shift and an arrow key, "
    "then press Ctrl+Alt+M to comment on them."
)


class StatementEditor(CitationCompletion, SpellingMenu, QPlainTextEdit):
    """A plain-text editor for the statement that keeps comment marks on their words."""

    citation_activated = Signal(int)  # open the evidence item
    citation_touched = Signal(int)  # a plain click while writing: just say what it is
    mark_clicked = Signal(str)
    focus_lost = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.marks: list[Mark] = []
        self.longest_mark = 0  # no mark is longer (Qt positions): how far back one can reach
        self.current_mark: str | None = None
        self._replacing = False  # the whole text is being set (``load``)
        self.evidence: dict[int, str] = {}
        self.setAccessibleName("Statement text")
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        use_changed_blocks_layout(self)  # a keystroke repaints its block, not the viewport
        # Connected before the highlighter, so marks move before it repaints a block.
        self.document().contentsChange.connect(self._shift_marks)
        self.highlighter = self.spelling = StatementHighlighter(self)
        self._build_completer()

    # Loading ---------------------------------------------------------------------------

    def load(self, text: str, marks: list[tuple[str, int, int]], read_only: bool) -> None:
        """Show ``text`` with comment ranges given in code-point offsets."""
        self.current_mark = None
        self.setReadOnly(read_only)
        if read_only:  # the mentor still moves a caret and selects words to comment on
            caret_browsing(self)
        self.setAccessibleDescription(READ_ONLY_HELP if read_only else "")
        # The ranges first, so the text is highlighted once, with them: setting the text
        # highlights it, and the ranges are already where it puts the words.
        self._place_marks(text, marks)
        self._replacing = True
        try:
            self.setPlainText(text)
        finally:
            self._replacing = False
        self._mark_selection(None)

    def set_marks(self, marks: list[tuple[str, int, int]]) -> None:
        """Replace the comment ranges (code-point offsets into the text on screen)."""
        shaded = self.marks
        self._place_marks(self.toPlainText(), marks)
        self._rehighlight_blocks(shaded + self.marks)  # only the blocks they shade change
        self._mark_selection(next((m for m in self.marks if m.uuid == self.current_mark), None))

    def _place_marks(self, text: str, marks: list[tuple[str, int, int]]) -> None:
        index = Utf16Index(text)
        self.marks = sorted(
            (Mark(uuid, index.to_qt(start), index.to_qt(end)) for uuid, start, end in marks),
            key=lambda m: (m.start, m.end),
        )
        self.longest_mark = max((m.end - m.start for m in self.marks), default=0)

    def set_evidence(self, evidence: dict[int, str]) -> None:
        self.evidence = evidence
        self.highlighter.rehighlight()

    # Following edits -------------------------------------------------------------------

    def _shift_marks(self, position: int, removed: int, added: int) -> None:
        """Move comment ranges with an edit.

        Text typed at either edge of a range stays outside it; text typed inside
        it, or replacing part of it, joins it; a range wholly deleted becomes empty.
        """
        if not self.marks or (removed == 0 and added == 0) or self._replacing:
            return  # (a text being loaded comes with its ranges)
        delta = added - removed
        cut_end = position + removed
        marks = self.marks  # in the order of their starts, which an edit keeps
        after = bisect_left(marks, cut_end, key=mark_start)
        if delta:
            for mark in marks[after:]:  # after the edit: they move with the text
                if mark.end > position:  # (an empty one where text is typed stays)
                    mark.start += delta
                    mark.end += delta
        # Of those starting before the edit's end, only the ones starting within the
        # longest mark's reach before it can end after its position.
        reach = bisect_left(marks, position - self.longest_mark, key=mark_start)
        for mark in marks[reach:after]:
            if mark.end <= position:
                continue
            start = min(mark.start, position)  # it starts before the edit's end
            end = mark.end + delta if mark.end >= cut_end else position + added
            mark.start, mark.end = start, max(start, end)
            self.longest_mark = max(self.longest_mark, mark.end - mark.start)

    def selection_range(self) -> tuple[int, int] | None:
        """The selection in code-point offsets of the text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        index = Utf16Index(self.toPlainText())
        return index.to_py(cursor.selectionStart()), index.to_py(cursor.selectionEnd())

    def mark_ranges(self) -> dict[str, tuple[int, int]]:
        """Current comment ranges in code-point offsets (for tests and the panel)."""
        text = self.toPlainText()
        index = Utf16Index(text)
        return {m.uuid: (index.to_py(m.start), index.to_py(m.end)) for m in self.marks}

    def show_mark(self, uuid: str | None) -> None:
        """Emphasise one comment's range and bring it into view."""
        previous = next((m for m in self.marks if m.uuid == self.current_mark), None)
        self.current_mark = uuid
        mark = next((m for m in self.marks if m.uuid == uuid), None)
        if mark is not None and mark.end > mark.start:
            cursor = QTextCursor(self.document())
            cursor.setPosition(mark.start)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        for changed in (previous, mark):
            if changed is not None:
                self._rehighlight_range(changed.start, changed.end)
        self._mark_selection(mark)

    def _rehighlight_range(self, start: int, end: int) -> None:
        """Re-style only the blocks a range touches (cheap in a long statement)."""
        self._rehighlight_blocks([Mark("", start, end)])

    def _rehighlight_blocks(self, marks: list[Mark]) -> None:
        """Re-style each block the ranges touch, once."""
        document = self.document()
        final = document.blockCount() - 1

        def number(position: int) -> int:  # (a position past the end: the last block)
            block = document.findBlock(position)
            return block.blockNumber() if block.isValid() else final

        numbers = set()
        for mark in marks:
            numbers.update(range(number(mark.start), number(max(mark.start, mark.end - 1)) + 1))
        for number in sorted(numbers):
            self.highlighter.rehighlightBlock(document.findBlockByNumber(number))

    def _mark_selection(self, mark: Mark | None) -> None:
        if mark is None or mark.end <= mark.start:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(mark.start)
        cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setFontUnderline(True)
        self.setExtraSelections([selection])

    def marks_at(self, position: int) -> list[str]:
        return [m.uuid for m in self.marks if m.start <= position < m.end]

    # Citations ---------------------------------------------------------------------------

    def citation_at(self, position: int) -> int | None:
        block = self.document().findBlock(position)
        text = block.text()
        offset = Utf16Index(text).to_py(position - block.position())
        parsed = markdown.parse_line(text)
        for span in parsed.spans if parsed is not None else ():
            if span.citation is not None and span.start <= offset < span.end:
                return span.citation
        return None

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        number = self.citation_at(position)
        if number is not None:
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl or self.isReadOnly():
                self.citation_activated.emit(number)
            else:
                self.citation_touched.emit(number)
            return
        under = self.marks_at(position)
        if under:
            self.mark_clicked.emit(under[0])

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        # The text's tooltips, asked of the viewport under the mouse; not in event(),
        # which every keystroke passes through eight times.
        if event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            number = self.citation_at(position.position())
            if number is not None:
                title = self.evidence.get(number)
                tip = f"E{number}: {title}" if title else f"There is no evidence item E{number}."
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.refresh_formats()
            self.highlighter.rehighlight()
