"""The editor layout that lays out again only the blocks an edit changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from ui.common.block_layout import ChangedBlocksLayout, use_changed_blocks_layout

LINE = "Paragraph {} with a bold first word and more words after it."
TEXT = "\n".join(LINE.format(n) for n in range(12))


class FirstWordBold(QSyntaxHighlighter):
    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        self.setFormat(0, text.find(" ") if " " in text else len(text), bold)


@pytest.fixture
def edit(qtbot):
    edit = QPlainTextEdit()
    use_changed_blocks_layout(edit)
    edit.highlighter = FirstWordBold(edit.document())
    edit.setPlainText(TEXT)
    qtbot.addWidget(edit)
    edit.resize(500, 400)
    edit.show()
    qtbot.waitExposed(edit)
    return edit


def watch_layout(edit) -> dict[str, list]:
    seen: dict[str, list] = {"whole": [], "blocks": []}
    layout = edit.document().documentLayout()
    layout.update.connect(lambda rect: seen["whole"].append(rect))
    layout.updateBlock.connect(lambda block: seen["blocks"].append(block.blockNumber()))
    return seen


def type_at(qtbot, edit, position: int, key=Qt.Key.Key_A) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(position)
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, key)


def test_the_editor_keeps_the_new_layout(edit):
    assert isinstance(edit.document().documentLayout(), ChangedBlocksLayout)


def test_a_key_in_a_highlighted_block_lays_out_that_block_alone(qtbot, edit):
    fifth = edit.document().findBlockByNumber(5)
    seen = watch_layout(edit)
    type_at(qtbot, edit, fifth.position() + 20)
    assert seen == {"whole": [], "blocks": [5]}
    following = edit.document().findBlockByNumber(6)
    assert following.layout().lineCount() > 0  # its lines were kept, not dropped
    assert edit.document().findBlockByNumber(5).text().startswith("Paragraph 5 with a baold")


def test_deleting_and_restyling_a_block_lay_out_that_block_alone(qtbot, edit):
    third = edit.document().findBlockByNumber(3)
    seen = watch_layout(edit)
    type_at(qtbot, edit, third.position() + 10, Qt.Key.Key_Backspace)
    edit.highlighter.rehighlightBlock(edit.document().findBlockByNumber(7))
    assert seen == {"whole": [], "blocks": [3, 7]}
    assert edit.document().findBlockByNumber(3).text().startswith("Paragraph3 with")


def test_new_and_joined_lines_are_laid_out_and_shown(qtbot, edit):
    second = edit.document().findBlockByNumber(2)
    type_at(qtbot, edit, second.position() + 9, Qt.Key.Key_Return)
    assert edit.document().blockCount() == 13
    assert edit.document().findBlockByNumber(3).text().startswith(" 2 with")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.toPlainText() == TEXT
    cursor = QTextCursor(edit.document())
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText("One line\nand another")
    block = edit.document().firstBlock()
    while block.isValid():  # every block has lines again, so it is drawn
        edit.document().documentLayout().blockBoundingRect(block)
        assert block.layout().lineCount() > 0
        block = block.next()
    assert edit.document().blockCount() == 2
