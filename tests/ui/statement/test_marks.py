"""Comment ranges in the editor over random edits: they move as the rule says (checked
against a plain reading of the rule over every range), and each character is
shaded as deeply as the ranges covering it say, though a key looks only at the
ranges that can reach its block."""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QTextCursor

from ui.statement.editor import Mark, StatementEditor

KEEP = QTextCursor.MoveMode.KeepAnchor
ALPHAS = (0, 60, 110, 160, 200)


def shifted(marks: list[Mark], position: int, removed: int, added: int) -> list[Mark]:
    """The rule, read plainly over every range: typed at an edge stays outside,
    inside (or replacing part) joins, wholly deleted becomes empty."""
    result = []
    cut_end = position + removed
    delta = added - removed
    for m in marks:
        start, end = m.start, m.end
        if end <= position:
            pass
        elif start >= cut_end:
            start, end = start + delta, end + delta
        else:
            start = min(start, position)
            end = end + delta if end >= cut_end else position + added
            end = max(start, end)
        result.append(Mark(m.uuid, start, end))
    return result


def depth_of(editor, position: int) -> int:
    current = editor.current_mark
    return sum(2 if m.uuid == current else 1 for m in editor.marks if m.start <= position < m.end)


def shading_of(editor, position: int) -> int:
    block = editor.document().findBlock(position)
    offset = position - block.position()
    for r in block.layout().formats():
        if r.start <= offset < r.start + r.length and r.format.background().style() != 0:
            return r.format.background().color().alpha()
    return 0


@pytest.fixture
def editor(qtbot):
    editor = StatementEditor()
    qtbot.addWidget(editor)
    rng = random.Random(4)
    words = ["library", "users", "team", "data", "skills"]
    paragraphs = [" ".join(rng.choice(words) for _ in range(30)) for _ in range(12)]
    text = "\n\n".join(paragraphs)
    marks = []
    for n in range(40):
        start = rng.randrange(0, len(text) - 20)
        length = 300 if n == 7 else rng.randint(3, 40)  # one across paragraphs
        marks.append((f"c{n}", start, min(len(text), start + length)))
    editor.load(text, marks, False)
    editor.show_mark("c3")
    return editor


def test_ranges_move_by_the_rule_and_shade_as_deep_as_they_overlap(editor):
    rng = random.Random(9)
    document = editor.document()
    pieces = ["a", "word ", "\n", "\n\nnew paragraph ", ""]
    for step in range(150):
        length = document.characterCount() - 1
        at = rng.randrange(0, length + 1)
        cut = min(length - at, rng.choice([0, 0, 0, 1, 4, 60]))
        added = rng.choice(pieces)
        if step % 25 == 24:
            added = "x" * 400  # typed inside a range, it grows past the longest one
            at = next(m for m in editor.marks if m.end > m.start + 1).start + 1
            cut = 0
        expected = shifted(editor.marks, at, cut, len(added))
        cursor = QTextCursor(document)
        cursor.setPosition(at)
        cursor.setPosition(at + cut, KEEP)
        cursor.insertText(added)
        assert editor.marks == expected, step
        assert editor.longest_mark >= max(m.end - m.start for m in editor.marks)
    text = editor.toPlainText()
    for position in range(0, len(text), 7):
        if text[position] == "\n":
            continue
        depth = depth_of(editor, position)
        assert shading_of(editor, position) == ALPHAS[min(depth, 4)], position


def test_runs_or_the_styles_add_the_depths_and_join_equal_neighbours():
    from ui.statement.highlighter import BOLD, DEPTH, DEPTH_SHIFT, ITALIC, _runs

    one, two = 1 << DEPTH_SHIFT, 2 << DEPTH_SHIFT
    ranges = [(0, 10, BOLD), (5, 10, ITALIC), (8, 14, BOLD), (2, 6, one, DEPTH)]
    ranges.append((4, 6, two, DEPTH))  # the selected comment over another: depth three
    assert _runs(ranges) == [
        (0, 2, BOLD),
        (2, 4, BOLD | one),
        (4, 5, BOLD | one + two),
        (5, 6, BOLD | ITALIC | one + two),
        (6, 10, BOLD | ITALIC),
        (10, 14, BOLD),  # a flag given twice is still one flag
    ]
    assert _runs([(3, 3, BOLD), (1, 2, ITALIC), (2, 4, ITALIC)]) == [(1, 4, ITALIC)]


def test_new_ranges_restyle_only_the_blocks_they_and_the_old_ones_shade(editor, monkeypatch):
    from ui.statement.highlighter import StatementHighlighter

    document = editor.document()
    styled = []
    original = StatementHighlighter._styles
    monkeypatch.setattr(
        StatementHighlighter,
        "_styles",
        lambda self, text: styled.append(self.currentBlock().blockNumber()) or original(self, text),
    )
    editor.set_marks([])  # every old range goes: the blocks they shaded are restyled
    assert {m.uuid for m in editor.marks} == set() and styled
    styled.clear()
    paragraph = document.findBlockByNumber(2)
    start = paragraph.position()
    editor.set_marks([("n1", start + 5, start + 30), ("n2", start + 20, start + 25)])
    assert styled == [2]  # the one block the new ranges shade, once
    editor.set_marks([("n1", start + 5, start + 30)])
    assert styled == [2, 2]
    text = editor.toPlainText()
    for position in range(0, len(text), 3):
        if text[position] != "\n":
            assert shading_of(editor, position) == ALPHAS[min(depth_of(editor, position), 4)]
