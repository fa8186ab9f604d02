"""The statement editor: Markdown-subset highlighting, comment highlights, citations.

The highlighter reads each line with ``workbench.statement.markdown.parse_line``,
the same reading as the word count and the Word export, so what looks like a
heading, emphasis or a citation here is one in Word and in the count.

Comments are anchored by Python string offsets (code points); Qt counts UTF-16
units, so an emoji takes two. ``Utf16Index`` converts at this boundary, and
the editor keeps comment ranges in Qt positions, shifting them as the user
types so highlights follow the words without touching the database.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import groupby

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from ui.common.block_layout import use_changed_blocks_layout
from ui.common.keyboard import caret_browsing
from ui.statement.completion import CitationCompletion
from ui.statement.spelling import SpellingHighlight, shared_checker
from ui.statement.spelling_menu import SpellingMenu
from workbench.statement import markdown, spelling


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


@dataclass
class Mark:
    """A comment's range in the editor, in Qt positions."""

    uuid: str
    start: int
    end: int


HEADING_STYLE, MARKER, BOLD, ITALIC, CITED, MISSING = 1, 2, 4, 8, 16, 32
HEADING2_STYLE, LIST_STYLE, QUOTE_STYLE, MISSPELT = 64, 128, 256, 512
STYLE_BITS, DEPTH_SHIFT = 1023, 10  # a character's highlighting key: depth << 10 | style
BLOCK_STYLE = {
    markdown.HEADING1: HEADING_STYLE,
    markdown.HEADING2: HEADING_STYLE | HEADING2_STYLE,
    markdown.BULLET: LIST_STYLE,
    markdown.QUOTE: QUOTE_STYLE,
}
# The kind of block a character belongs to (a markdown block kind), kept on its format.
BLOCK_KIND = QTextFormat.Property.UserProperty + 1


class StatementHighlighter(SpellingHighlight, QSyntaxHighlighter):
    """Headings, emphasis, list markers, citations, misspelt words and comment ranges.

    Each block is styled in one pass: a style flag and a comment depth per
    character, then one ``setFormat`` per run of equal characters.
    """

    def __init__(self, editor: StatementEditor):
        self.editor = editor
        self._formats: dict[tuple[int, int], QTextCharFormat] = {}
        self.checker = shared_checker()
        super().__init__(editor.document())
        self.watch_checker()

    def spelling_on(self) -> bool:
        return not self.editor.isReadOnly()

    def refresh_formats(self) -> None:
        self._formats.clear()

    def _format(self, style: int, depth: int) -> QTextCharFormat:
        key = (style, depth)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._build_format(style, depth)
        return fmt

    def _build_format(self, style: int, depth: int) -> QTextCharFormat:
        palette = self.editor.palette()
        fmt = QTextCharFormat()
        if style & (HEADING_STYLE | BOLD):
            fmt.setFontWeight(QFont.Weight.Bold)
        if style & ITALIC:
            fmt.setFontItalic(True)
        for kind, flag in BLOCK_STYLE.items():
            if style & (HEADING_STYLE | HEADING2_STYLE | LIST_STYLE | QUOTE_STYLE) == flag:
                fmt.setProperty(BLOCK_KIND, kind)
        if style & QUOTE_STYLE:
            ink = palette.color(QPalette.ColorRole.Text)
            paper = palette.color(QPalette.ColorRole.Base)
            mixed = [
                (2 * a + b) // 3 for a, b in zip(ink.getRgb()[:3], paper.getRgb()[:3], strict=True)
            ]
            fmt.setForeground(QColor(*mixed))
        if style & MARKER:
            fmt.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        if style & CITED:
            fmt.setForeground(palette.color(QPalette.ColorRole.Link))
            fmt.setFontUnderline(True)
        if style & MISSING:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(palette.color(QPalette.ColorRole.Text))
        elif style & MISSPELT:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            fmt.setUnderlineColor(QColor(220, 30, 30))
        if depth:
            colour = QColor(palette.color(QPalette.ColorRole.Highlight))
            colour.setAlpha((60, 110, 160, 200)[min(depth, 4) - 1])
            fmt.setBackground(colour)
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if not text:
            return
        style = self._styles(text)
        if not text.isascii() and any(ord(ch) > 0xFFFF for ch in text):
            # Qt positions count UTF-16 units: an astral character takes two.
            widths = (2 if ord(ch) > 0xFFFF else 1 for ch in text)
            style = [flag for flag, width in zip(style, widths, strict=True) for _ in range(width)]
        self._add_depths(style)
        # One setFormat per run of characters with equal keys (their style, and the
        # comment depth above the style bits); groupby and list find the runs in C.
        start = 0
        for key, run in groupby(style):
            length = len(list(run))
            if key:
                self.setFormat(start, length, self._format(key & STYLE_BITS, key >> DEPTH_SHIFT))
            start += length

    def _styles(self, text: str) -> list[int]:
        """A style flag per character (code point) of one line, from the one reading."""
        style = [0] * len(text)
        block = markdown.parse_line(text)
        if block is None:
            return style
        flag = BLOCK_STYLE.get(block.kind, 0)
        if flag:
            _flag(style, 0, len(text), flag)
        known = self.editor.evidence
        for span in block.spans:
            extra = (BOLD if span.bold else 0) | (ITALIC if span.italic else 0)
            if span.citation is not None:
                extra |= CITED if span.citation in known else MISSING
            if extra:
                _flag(style, span.start, span.end, extra)
        for pair in block.emphasis:
            extra = MARKER | (BOLD if pair.strong else ITALIC)
            _flag(style, pair.start, pair.inner_start, extra)
            _flag(style, pair.inner_end, pair.end, extra)
        if block.marker_end:
            _flag(style, 0, block.marker_end, MARKER)
        for start, end in self.spelling_ranges(text, lambda: spelling.words_of_line(text, block)):
            _flag(style, start, end, MISSPELT)
        return style

    def _add_depths(self, keys: list[int]) -> None:
        """Add to each character's key how many comments cover it (the selected one
        counts double), above the style bits."""
        marks = self.editor.marks
        if not marks:
            return
        block_start = self.currentBlock().position()
        block_end = block_start + len(keys)
        current = self.editor.current_mark
        for mark in marks:
            if mark.start >= block_end or mark.end <= block_start:
                continue
            extra = (2 if mark.uuid == current else 1) << DEPTH_SHIFT
            for i in range(
                max(mark.start, block_start) - block_start, min(mark.end, block_end) - block_start
            ):
                keys[i] += extra


def _start_of(mark: Mark) -> int:
    return mark.start


def _flag(style: list[int], start: int, end: int, flag: int) -> None:
    for i in range(start, end):
        style[i] |= flag


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
        self.current_mark: str | None = None
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
        self.marks = []
        self.current_mark = None
        self.setReadOnly(read_only)
        if read_only:  # the mentor still moves a caret and selects words to comment on
            caret_browsing(self)
        self.setAccessibleDescription(READ_ONLY_HELP if read_only else "")
        self.setPlainText(text)
        self.set_marks(marks)

    def set_marks(self, marks: list[tuple[str, int, int]]) -> None:
        """Replace the comment ranges (code-point offsets into the text on screen)."""
        index = Utf16Index(self.toPlainText())
        self.marks = sorted(
            (Mark(uuid, index.to_qt(start), index.to_qt(end)) for uuid, start, end in marks),
            key=lambda m: (m.start, m.end),
        )
        self.highlighter.rehighlight()
        self._mark_selection(next((m for m in self.marks if m.uuid == self.current_mark), None))

    def set_evidence(self, evidence: dict[int, str]) -> None:
        self.evidence = evidence
        self.highlighter.rehighlight()

    # Following edits -------------------------------------------------------------------

    def _shift_marks(self, position: int, removed: int, added: int) -> None:
        """Move comment ranges with an edit.

        Text typed at either edge of a range stays outside it; text typed inside
        it, or replacing part of it, joins it; a range wholly deleted becomes empty.
        """
        if not self.marks or (removed == 0 and added == 0):
            return
        delta = added - removed
        cut_end = position + removed
        marks = self.marks  # in the order of their starts, which an edit keeps
        after = bisect_left(marks, cut_end, key=_start_of)
        if delta:
            for mark in marks[after:]:  # after the edit: they move with the text
                if mark.end > position:  # (an empty one where text is typed stays)
                    mark.start += delta
                    mark.end += delta
        for mark in marks[:after]:
            if mark.end <= position:
                continue
            start = min(mark.start, position)  # it starts before the edit's end
            end = mark.end + delta if mark.end >= cut_end else position + added
            mark.start, mark.end = start, max(start, end)

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
        block = self.document().findBlock(start)
        last = self.document().findBlock(max(start, end - 1))
        while block.isValid():
            self.highlighter.rehighlightBlock(block)
            if block == last:
                break
            block = block.next()

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

    def event(self, event) -> bool:
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
        return super().event(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.refresh_formats()
            self.highlighter.rehighlight()
