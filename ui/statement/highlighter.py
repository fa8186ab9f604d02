"""The statement's syntax highlighter: Markdown-subset styles, misspelt words, and
the shading of comment ranges.

It reads each line with ``workbench.statement.markdown.parse_line``, the same
reading as the word count and the Word export, so what looks like a heading,
emphasis or a citation here is one in Word and in the count. A comment's
shading is a background on the characters it covers, deeper where comments
overlap; the editor (``ui.statement.editor``) keeps the ranges.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextFormat

from ui.statement.spelling import SpellingHighlight, shared_checker
from workbench.statement import markdown, spelling

if TYPE_CHECKING:
    from ui.statement.editor import StatementEditor

mark_start = attrgetter("start")  # the key that orders the editor's marks

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
        # Only marks starting within the longest one's reach before the block can cover it.
        first = bisect_left(marks, block_start - self.editor.longest_mark, key=mark_start)
        for mark in marks[first : bisect_left(marks, block_end, key=mark_start)]:
            if mark.end <= block_start:
                continue
            extra = (2 if mark.uuid == current else 1) << DEPTH_SHIFT
            for i in range(
                max(mark.start, block_start) - block_start, min(mark.end, block_end) - block_start
            ):
                keys[i] += extra


def _flag(style: list[int], start: int, end: int, flag: int) -> None:
    for i in range(start, end):
        style[i] |= flag
