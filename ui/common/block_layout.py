"""A plain-text editor layout that lays out again only the blocks an edit changed.

Qt's ``QPlainTextDocumentLayout`` takes an edit's reach as its characters
removed *plus* added. A syntax highlighter marks the block it restyles as a
whole block removed and added again, so that sum reaches into the following
blocks: the layout then drops their lines and repaints the whole viewport,
once per keystroke in any block that carries a format. The characters added
are the changed range of the new text (``QTextDocument`` merges the edit and
the highlighter's mark into one range), so laying out that range alone is
exact, and a keystroke repaints its own block as in an editor without formats.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit


class ChangedBlocksLayout(QPlainTextDocumentLayout):
    """Lays out the blocks of the changed range of the new text, no further."""

    def documentChanged(self, position: int, removed: int, added: int) -> None:  # noqa: N802 - Qt override
        # At least one character, so a deletion still names the block it happened in.
        super().documentChanged(position, 0, max(1, added))


def use_changed_blocks_layout(edit: QPlainTextEdit) -> QTextDocument:
    """Give an empty ``edit`` a new document laid out by ``ChangedBlocksLayout``.

    Call it before a highlighter is put on the document: it replaces the document.
    """
    document = QTextDocument(edit)
    document.setDefaultFont(edit.font())  # as the edit gives the document it makes itself
    document.setDocumentLayout(ChangedBlocksLayout(document))
    edit.setDocument(document)
    return document
