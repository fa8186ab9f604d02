"""One comment card: who and when, the words it is on, the text, its thread and actions.

The card asks its panel to do every change, so the panel owns the service calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ui.common.plain import escape, plain_label
from workbench.dates import local_time, short_date
from workbench.statement import comments
from workbench.statement.comment_reading import DETACHED, OPEN, RESOLVED, CommentView

if TYPE_CHECKING:
    from ui.statement.comment_panel import CommentPanel

QUOTE_PREVIEW = 140


def _when(view) -> str:
    return short_date(local_time(view.created))


def muted(label: QLabel) -> QLabel:
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def wrapped(text: str) -> QLabel:
    label = plain_label(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setMinimumWidth(40)  # lets the card narrow; the label wraps instead
    return label


class CommentCard(QFrame):
    """One comment and its thread."""

    activated = Signal(str)

    def __init__(self, panel: CommentPanel, view: CommentView):
        super().__init__()
        self.panel = panel
        self.view = view
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAccessibleName(f"Comment by {view.author_name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        state = {OPEN: "Open", RESOLVED: "Resolved", DETACHED: "Detached"}[view.state]
        head = QLabel(f"<b>{escape(view.author_name)}</b> · {_when(view)} · {state}")
        layout.addWidget(head)
        if view.target_kind == comments.STATEMENT:
            quote = view.quote if not view.detached else view.original_quote
            if len(quote) > QUOTE_PREVIEW:
                quote = quote[: QUOTE_PREVIEW - 1] + "\u2026"
            where = f"on version {view.origin_number}" if view.origin_number else ""
            prefix = "Was on" if view.detached else "On"
            quote_label = muted(wrapped(f"\u201c{quote}\u201d"))
            quote_label.setToolTip(f"{prefix} these words {where}".strip())
            font = quote_label.font()
            font.setItalic(True)
            quote_label.setFont(font)
            layout.addWidget(quote_label)
        layout.addWidget(wrapped(view.text))
        if view.resolved or view.reason:
            what = "Resolved" if view.resolved else "Reopened"
            because = f": {view.reason}" if view.reason else ""
            layout.addWidget(muted(wrapped(f"{what} by {view.state_by}{because}")))
        for answer in view.replies:
            reply_label = wrapped(f"\u21b3 {answer.author_name}: {answer.text}")
            reply_label.setToolTip(_when(answer))
            layout.addWidget(reply_label)
        layout.addLayout(self._buttons())
        self.reply_box = QLineEdit()
        self.reply_box.setPlaceholderText("Write a reply and press Enter")
        self.reply_box.setAccessibleName("Reply")
        self.reply_box.returnPressed.connect(self._send_reply)
        self.reply_box.hide()
        layout.addWidget(self.reply_box)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.reply_button = QPushButton("Reply")
        self.reply_button.setToolTip("Answer this comment")
        self.reply_button.clicked.connect(self._open_reply)
        row.addWidget(self.reply_button)
        self.state_button = QPushButton("Reopen…" if self.view.resolved else "Resolve…")
        self.state_button.setToolTip(
            "Open the comment again" if self.view.resolved else "Mark the comment as dealt with"
        )
        self.state_button.clicked.connect(self._toggle_state)
        row.addWidget(self.state_button)
        if self.view.author == self.panel.session.me.uuid:
            delete = QPushButton("Delete")
            delete.setToolTip("Delete your comment")
            delete.clicked.connect(lambda: self.panel.delete(self.view.uuid))
            row.addWidget(delete)
        row.addStretch(1)
        who = self.view.author_name
        for index in range(row.count()):
            button = row.itemAt(index).widget()
            if button is not None:
                button.setAccessibleName(f"{button.text().rstrip('…')} comment by {who}")
        return row

    def _open_reply(self) -> None:
        self.reply_box.show()
        self.reply_box.setFocus()

    def _send_reply(self) -> None:
        if self.panel.reply(self.view.uuid, self.reply_box.text()):
            self.reply_box.clear()

    def _toggle_state(self) -> None:
        if self.view.resolved:
            reason, ok = QInputDialog.getText(self, "Reopen comment", "Why reopen it (optional)?")
            if ok:
                self.panel.reopen(self.view.uuid, reason)
            return
        prompt = "Why is it resolved?" if self.panel.session.is_mentee else "Note (optional):"
        reason, ok = QInputDialog.getText(self, "Resolve comment", prompt)
        if ok:
            self.panel.resolve(self.view.uuid, reason)

    def set_selected(self, selected: bool) -> None:
        source = self.panel.palette()
        colour = QColor(source.color(QPalette.ColorRole.Base))
        if selected:  # a tint of the highlight, as the words in the text are shaded
            colour = QColor(source.color(QPalette.ColorRole.Highlight))
            colour.setAlpha(60)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, colour)
        self.setPalette(palette)
        self.setFrameShadow(QFrame.Shadow.Sunken if selected else QFrame.Shadow.Plain)
        self.setLineWidth(2 if selected else 1)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.activated.emit(self.view.uuid)
        super().mousePressEvent(event)
