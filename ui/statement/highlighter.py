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
DEPTH = "depth"  # marks a range whose value adds to the depth, instead of a style flag


class StatementHighlighter(SpellingHighlight, QSyntaxHighlighter):
    """Headings, emphasis, list markers, citations, misspelt words and comment ranges.

    Each block is styled in one pass: the ranges of its style flags and of the
    comments covering it are cut at their edges into runs of equal characters,
    then one ``setFormat`` per run.
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
        ranges = self._styles(text)
        length = len(text)
        if not text.isascii() and any(ord(ch) > 0xFFFF for ch in text):
            at = _utf16_positions(text)  # Qt positions count UTF-16 units: astral ones take two
            ranges = [(at[start], at[end], flag) for start, end, flag in ranges]
            length = at[-1]
        for start, end, key in _runs(ranges + self._depths(length)):
            self.setFormat(start, end - start, self._format(key & STYLE_BITS, key >> DEPTH_SHIFT))

    def _styles(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, style flag) ranges of one line (code points), from the one reading."""
        block = markdown.parse_line(text)
        if block is None:
            return []
        ranges = []
        flag = BLOCK_STYLE.get(block.kind, 0)
        if flag:
            ranges.append((0, len(text), flag))
        known = self.editor.evidence
        for span in block.spans:
            extra = (BOLD if span.bold else 0) | (ITALIC if span.italic else 0)
            if span.citation is not None:
                extra |= CITED if span.citation in known else MISSING
            if extra:
                ranges.append((span.start, span.end, extra))
        for pair in block.emphasis:
            extra = MARKER | (BOLD if pair.strong else ITALIC)
            ranges.append((pair.start, pair.inner_start, extra))
            ranges.append((pair.inner_end, pair.end, extra))
        if block.marker_end:
            ranges.append((0, block.marker_end, MARKER))
        words_of = lambda only: spelling.words_of_line(text, block, only)  # noqa: E731
        ranges += [(a, b, MISSPELT) for a, b in self.spelling_ranges(text, words_of)]
        return ranges

    def _depths(self, length: int) -> list[tuple[int, int, int]]:
        """The comments covering the block (``length`` UTF-16 units), as ranges that add
        one to the depth above the style bits (the selected comment adds two)."""
        marks = self.editor.marks
        if not marks:
            return []
        block_start = self.currentBlock().position()
        block_end = block_start + length
        current = self.editor.current_mark
        # Only marks starting within the longest one's reach before the block can cover it.
        first = bisect_left(marks, block_start - self.editor.longest_mark, key=mark_start)
        return [
            (
                max(mark.start, block_start) - block_start,
                min(mark.end, block_end) - block_start,
                (2 if mark.uuid == current else 1) << DEPTH_SHIFT,
                DEPTH,
            )
            for mark in marks[first : bisect_left(marks, block_end, key=mark_start)]
            if mark.end > block_start
        ]


def _runs(ranges) -> list[tuple[int, int, int]]:
    """(start, end, key) of each run of characters with one highlighting key, those with
    a key only. A key ORs the style flags of the ranges covering a character and adds
    their depths (a fourth item, DEPTH, marks a range that adds)."""
    if not ranges:
        return []
    points = sorted({point for r in ranges for point in r[:2]})
    keys = [0] * len(points)
    for start, end, value, *adds in ranges:
        for i in range(bisect_left(points, start), bisect_left(points, end)):
            keys[i] = keys[i] + value if adds else keys[i] | value
    runs = []
    for i, key in enumerate(keys[:-1]):
        if not key:
            continue
        if runs and runs[-1][1] == points[i] and runs[-1][2] == key:
            runs[-1] = (runs[-1][0], points[i + 1], key)
        else:
            runs.append((points[i], points[i + 1], key))
    return runs


def _utf16_positions(text: str) -> list[int]:
    """The UTF-16 position of each code-point offset of ``text`` (and of its end)."""
    positions = [0]
    for ch in text:
        positions.append(positions[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return positions
