"""The shading of comment ranges in the statement editor, drawn as extra selections.

A comment's shading is not a text format: a format would split the text runs
of its block, and Qt would shape and lay out every run again on each key typed
there. Extra selections are painted over the laid-out text, so a highlight
costs nothing while typing. Where comments overlap the shading is deeper: the
ranges are cut into runs of equal depth (``depth_runs``), one selection each,
with the selected comment counting double.

The selections' cursors follow the text as the user types. They agree with
the editor's marks except where an edit touches a comment's edge (a cursor
takes in text typed at a selection's end; a mark does not), so after such an
edit ``sync`` rebuilds the runs that no longer match the marks.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Protocol

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

ALPHAS = (60, 110, 160, 200)  # the shading's opacity for a depth of 1, 2, 3, and 4 or more


class Marked(Protocol):
    uuid: str
    start: int
    end: int


def depth_runs(marks: Iterable[Marked], current: str | None) -> list[tuple[int, int, int]]:
    """``(start, end, depth)`` runs, in order and not overlapping, of the text the
    marks cover: how many cover it, the ``current`` one counting double."""
    steps: dict[int, int] = {}
    for mark in marks:
        if mark.end > mark.start:
            weight = 2 if mark.uuid == current else 1
            steps[mark.start] = steps.get(mark.start, 0) + weight
            steps[mark.end] = steps.get(mark.end, 0) - weight
    runs: list[tuple[int, int, int]] = []
    depth = 0
    points = sorted(steps)
    for start, end in pairwise(points):
        depth += steps[start]
        if not depth:
            continue
        if runs and runs[-1][1] == start and runs[-1][2] == depth:
            runs[-1] = (runs[-1][0], end, depth)  # two comments side by side: one run
        else:
            runs.append((start, end, depth))
    return runs


def shade_alpha(depth: int) -> int:
    return ALPHAS[min(depth, len(ALPHAS)) - 1]


class CommentShading:
    """The extra selections of one editor: a run of shading each, and the selected
    comment's underline last. Needs ``marks`` and ``current_mark`` on the editor."""

    def __init__(self, editor: QPlainTextEdit):
        self.editor = editor
        self._runs: list[tuple[QTextCursor, int]] = []  # cursors the document moves, depths
        self._selections: list[QTextEdit.ExtraSelection] = []
        self._formats: dict[int, QTextCharFormat] = {}

    def rebuild(self) -> None:
        """Shade every run anew (new marks, a new palette)."""
        self._runs, self._selections = self._build(self._wanted())
        self._apply()

    def refresh_formats(self) -> None:
        """The palette changed: colour the shading from the new one."""
        self._formats.clear()
        self.rebuild()

    def sync(self) -> None:
        """Rebuild the runs that the selections no longer show as the marks say: after
        an edit that touched a comment's edge (those near it), or another comment
        selected (those between the two)."""
        wanted = self._wanted()
        shown = self.shown_runs_qt()
        same = min(len(wanted), len(shown))
        first = 0
        while first < same and wanted[first] == shown[first]:
            first += 1
        tail = 0
        while tail < same - first and wanted[-1 - tail] == shown[-1 - tail]:
            tail += 1
        replaced = slice(first, len(shown) - tail)
        self._runs[replaced], self._selections[replaced] = self._build(
            wanted[first : len(wanted) - tail]
        )
        self._apply()

    def shown_runs_qt(self) -> list[tuple[int, int, int]]:
        """The runs as the selections show them now: Qt positions and depths."""
        return [(c.selectionStart(), c.selectionEnd(), depth) for c, depth in self._runs]

    def _wanted(self) -> list[tuple[int, int, int]]:
        return depth_runs(self.editor.marks, self.editor.current_mark)

    def _build(self, runs: list[tuple[int, int, int]]):
        built = [(self._cursor(start, end), depth) for start, end, depth in runs]
        return built, [self._selection(cursor, depth) for cursor, depth in built]

    def _apply(self) -> None:
        selections = list(self._selections)
        underline = self._underline()
        if underline is not None:
            selections.append(underline)
        self.editor.setExtraSelections(selections)

    def _underline(self) -> QTextEdit.ExtraSelection | None:
        current = self.editor.current_mark
        mark = next((m for m in self.editor.marks if m.uuid == current), None)
        if mark is None or mark.end <= mark.start:
            return None
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(mark.start, mark.end)
        selection.format.setFontUnderline(True)
        return selection

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _selection(self, cursor: QTextCursor, depth: int) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = self._format(depth)
        return selection

    def _format(self, depth: int) -> QTextCharFormat:
        fmt = self._formats.get(depth)
        if fmt is None:
            colour = QColor(self.editor.palette().color(QPalette.ColorRole.Highlight))
            colour.setAlpha(shade_alpha(depth))
            fmt = self._formats[depth] = QTextCharFormat()
            fmt.setBackground(colour)
        return fmt
