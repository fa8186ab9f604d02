"""What one keystroke in the statement does, counted (never timed): the block it
lays out, the lines it counts again, and that the count, the highlights and undo
stay as a full recount and the stored comments say."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.conftest import show_view
from ui.common.block_layout import ChangedBlocksLayout
from ui.statement.view import DRAFT, StatementView
from workbench.statement import markdown
from workbench.statement.wordcount import count_for_route

KEEP = QTextCursor.MoveMode.KeepAnchor


@pytest.fixture
def view(qtbot, session):
    view = show_view(qtbot, StatementView(session), session, (1300, 800))
    view.show_document(DRAFT)
    view.editor.setFocus()
    return view


def caret_in_a_highlight(view) -> tuple[str, int]:
    """A comment on the draft and a place inside its words."""
    uuid, (start, end) = next(iter(view.editor.mark_ranges().items()))
    cursor = view.editor.textCursor()
    cursor.setPosition((start + end) // 2)
    view.editor.setTextCursor(cursor)
    return uuid, cursor.blockNumber()


def test_the_editor_keeps_its_font_on_the_layout_of_changed_blocks(view):
    document = view.editor.document()
    assert isinstance(document.documentLayout(), ChangedBlocksLayout)
    assert document.defaultFont() == view.editor.font()


def test_a_key_in_a_highlighted_block_lays_out_that_block_alone(qtbot, view):
    assert view.editor.marks
    _uuid, number = caret_in_a_highlight(view)
    layout = view.editor.document().documentLayout()
    whole, blocks = [], []
    layout.update.connect(whole.append)
    layout.updateBlock.connect(lambda block: blocks.append(block.blockNumber()))
    qtbot.keyClick(view.editor, Qt.Key.Key_A)
    assert whole == []
    assert set(blocks) == {number}


def test_a_key_counts_again_only_its_line_and_agrees_with_a_full_count(qtbot, view):
    counter = view.counter.counts.counter
    read = counter.lines_read
    put_at = view.editor.toPlainText().index("library")
    cursor = view.editor.textCursor()
    cursor.setPosition(put_at)
    view.editor.setTextCursor(cursor)
    qtbot.keyClicks(view.editor, "new ")
    assert counter.lines_read - read == len("new ")  # one line read per key
    assert view.word_count == count_for_route(view.editor.toPlainText(), view.route)
    assert view.count_label.text().startswith(f"{view.word_count.words} / ")


def test_a_key_reads_its_line_once_and_leaves_a_hidden_popup_alone(qtbot, view, monkeypatch):
    read, hidden = [], []
    reading = markdown._block_marker  # each reading of a line starts with its marker
    monkeypatch.setattr(markdown, "_block_marker", lambda line: read.append(line) or reading(line))
    popup = view.editor.citation_popup
    monkeypatch.setattr(popup, "hide", lambda: hidden.append(True))
    cursor = view.editor.textCursor()
    cursor.setPosition(view.editor.toPlainText().index("library"))
    view.editor.setTextCursor(cursor)
    qtbot.keyClick(view.editor, Qt.Key.Key_A)
    assert read == [cursor.block().text()]  # the highlighter's reading, shared by the count
    assert hidden == [] and not popup.isVisible()


def test_highlights_count_and_undo_follow_typing(qtbot, view):
    uuid, _number = caret_in_a_highlight(view)
    quote = next(v.quote for v in view.panel.views if v.uuid == uuid)
    before_text = view.editor.toPlainText()
    before_count = view.word_count
    start, end = view.editor.mark_ranges()[uuid]
    qtbot.keyClicks(view.editor, "xyz")
    moved = view.editor.mark_ranges()[uuid]
    assert moved == (start, end + 3)  # typing inside a comment's words joins them
    assert before_text[start:end] == quote
    assert view.editor.toPlainText()[moved[0] : moved[1]].replace("xyz", "") == quote
    qtbot.keyClick(view.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.toPlainText() == before_text
    assert view.word_count == before_count


def test_the_count_kept_block_by_block_agrees_with_a_full_count_over_random_edits(view):
    rng = random.Random(5)
    pieces = ["word ", "\n", "\n\n## Personal performance\n", "[E1]", "> quoted", "# Heading"]
    pieces += ["- item", '"said"', "", "\u00a0", "\u2028", "\n#\u00a0Not counted\n"]
    pieces += ["a\u2028# Not either"]
    document = view.editor.document()
    for step in range(120):
        cursor = QTextCursor(document)
        length = document.characterCount() - 1
        at = rng.randrange(0, length + 1)
        cursor.setPosition(at)
        cursor.setPosition(min(length, at + rng.choice([0, 0, 1, 5, 80])), KEEP)
        if step % 17 == 16:
            document.undo()
        else:
            cursor.insertText(rng.choice(pieces))
        assert view.word_count == count_for_route(view.editor.toPlainText(), view.route), step
