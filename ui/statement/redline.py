"""A one-column redline: what was removed is struck through, what was added underlined."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui.common.plain import plain_label
from workbench.statement.redline import DELETE, INSERT, Look, styled_pieces


class RedlineView(QWidget):
    """Shows a word diff from workbench.statement.drafts as one flowing text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = plain_label()
        self.heading.setWordWrap(True)
        self.legend = QLabel("Underlined: added  ·  Struck through: removed")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Changes between versions")
        self.browser.setOpenLinks(False)
        font = self.browser.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.browser.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.legend)
        self.pieces: list[tuple[int, str]] = []

    def _formats(self) -> dict[int, QTextCharFormat]:
        palette = self.browser.palette()
        added = QTextCharFormat()
        added.setFontUnderline(True)
        added.setForeground(palette.color(QPalette.ColorRole.Link))
        removed = QTextCharFormat()
        removed.setFontStrikeOut(True)
        removed.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        return {INSERT: added, DELETE: removed}

    def _styled(self, base: QTextCharFormat, look: Look) -> QTextCharFormat:
        """The format of a piece with the look the Markdown subset gives it."""
        if not (look.heading or look.bold or look.italic or look.marker):
            return base
        fmt = QTextCharFormat(base)
        if look.heading or look.bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        if look.italic:
            fmt.setFontItalic(True)
        if look.marker and not base.hasProperty(QTextCharFormat.Property.ForegroundBrush):
            fmt.setForeground(self.browser.palette().color(QPalette.ColorRole.PlaceholderText))
        return fmt

    def show_diff(self, heading: str, pieces: list[tuple[int, str]]) -> None:
        self.heading.setText(heading)
        self.pieces = pieces
        self.browser.clear()
        cursor = QTextCursor(self.browser.document())
        plain = QTextCharFormat()
        formats = self._formats()
        for op, text, look in styled_pieces(pieces):
            cursor.insertText(text, self._styled(formats.get(op, plain), look))
        if not pieces:
            cursor.insertText("The two versions are the same.", plain)
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)

    def inserted(self) -> list[str]:
        return [text for op, text in self.pieces if op == INSERT]

    def deleted(self) -> list[str]:
        return [text for op, text in self.pieces if op == DELETE]


def review_heading(reviewed, latest) -> str:
    """The title of "changes since review" (``reviewed`` may be None or the latest)."""
    if reviewed is None:
        return f"Your mentor has not commented yet: all of version {latest.number} is new."
    if reviewed.uuid == latest.uuid:
        return f"Your mentor has already commented on version {latest.number}."
    return (
        f"Changes from version {reviewed.number} (the last one the mentor commented on) "
        f"to version {latest.number}"
    )
