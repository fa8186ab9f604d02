"""Comment cards with replies, resolve and reopen, filters, and a composer.

``CommentPanel`` shows any list of ``workbench.comments.CommentView``; the
statement view fills it with the comments of the version on screen. For a
PKSB skill or an evidence item, ``CommentThread`` loads and shows the
comments on that one record, so the matrix and evidence views can embed it.
Every change goes through workbench.comments with the session's actor.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbench import comments
from workbench.comments import DETACHED, OPEN, RESOLVED, CommentView
from workbench.errors import WorkbenchError

from .dialogs import show_error

STATE_FILTERS = (("Open", OPEN), ("Resolved", RESOLVED), ("All", "all"))
QUOTE_PREVIEW = 140


def _when(view) -> str:
    return f"{view.created:%d %b %Y}"


def _muted(label: QLabel) -> QLabel:
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
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
        head = QLabel(f"<b>{_escape(view.author_name)}</b> · {_when(view)} · {state}")
        layout.addWidget(head)
        if view.target_kind == comments.STATEMENT:
            quote = view.quote if not view.detached else view.original_quote
            if len(quote) > QUOTE_PREVIEW:
                quote = quote[: QUOTE_PREVIEW - 1] + "\u2026"
            where = f"on version {view.origin_number}" if view.origin_number else ""
            prefix = "Was on" if view.detached else "On"
            quote_label = _muted(_wrapped(f"\u201c{quote}\u201d"))
            quote_label.setToolTip(f"{prefix} these words {where}".strip())
            font = quote_label.font()
            font.setItalic(True)
            quote_label.setFont(font)
            layout.addWidget(quote_label)
        layout.addWidget(_wrapped(view.text))
        if view.resolved or view.reason:
            what = "Resolved" if view.resolved else "Reopened"
            because = f": {view.reason}" if view.reason else ""
            layout.addWidget(_muted(_wrapped(f"{what} by {view.state_by}{because}")))
        for answer in view.replies:
            reply_label = _wrapped(f"\u21b3 {answer.author_name}: {answer.text}")
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
        if self.view.author == self.panel.session.actor.uuid:
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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CommentPanel(QWidget):
    """Cards for a list of comments, with state and author filters."""

    comment_activated = Signal(str)
    changed = Signal()

    def __init__(self, session, parent=None, composer_always: bool = False):
        super().__init__(parent)
        self.session = session
        self.views: list[CommentView] = []
        self.cards: dict[str, CommentCard] = {}
        self.selected: str | None = None
        self._submit: Callable[[str], bool] | None = None
        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName("Show comments")
        self.state_filter.setToolTip("Which comments to show")
        for label, value in STATE_FILTERS:
            self.state_filter.addItem(label, value)
        self.author_filter = QComboBox()
        self.author_filter.setAccessibleName("Comments by")
        self.author_filter.setToolTip("Show the comments of one person")
        self.state_filter.currentIndexChanged.connect(self._fill)
        self.author_filter.currentIndexChanged.connect(self._fill)
        self.filter_bar = QWidget()
        filters = QHBoxLayout(self.filter_bar)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.author_filter, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._build_composer(composer_always)
        self.cards_box = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.cards_box)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.composer)
        layout.addWidget(self.scroll, 1)

    def _build_composer(self, always: bool) -> None:
        self.composer = QFrame()
        self.composer.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.composer)
        self.composer_quote = _muted(_wrapped(""))
        self.composer_text = QPlainTextEdit()
        self.composer_text.setAccessibleName("New comment")
        self.composer_text.setPlaceholderText("Write a comment…")
        self.composer_text.setMaximumHeight(90)
        self.composer_text.setTabChangesFocus(True)
        self.add_button = QPushButton("Add comment")
        self.add_button.setToolTip("Add the comment (Ctrl+Enter)")
        self.add_button.setAccessibleName("Add comment")
        self.add_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the new comment")
        self.cancel_button.clicked.connect(self.cancel_compose)
        self.cancel_button.setVisible(not always)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.composer_text)
        shortcut.activated.connect(self.submit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.add_button)
        box.addWidget(self.composer_quote)
        box.addWidget(self.composer_text)
        box.addLayout(row)
        self.composer_always = always
        self.composer.setVisible(always)
        self.composer_quote.setVisible(False)

    # Showing ------------------------------------------------------------------------------

    def show_comments(self, views: list[CommentView], empty_text: str = "") -> None:
        self.views = views
        self._empty_text = empty_text or "No comments yet."
        authors = sorted({v.author_name for v in views})
        chosen = self.author_filter.currentData()
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItem("Everyone", None)
        for name in authors:
            self.author_filter.addItem(name, name)
        self.author_filter.setCurrentIndex(max(0, self.author_filter.findData(chosen)))
        self.author_filter.blockSignals(False)
        self.filter_bar.setVisible(bool(views))  # nothing to filter yet
        self._fill()

    def visible_views(self) -> list[CommentView]:
        state = self.state_filter.currentData()
        author = self.author_filter.currentData()
        shown = []
        for view in self.views:
            if author and view.author_name != author:
                continue
            if state == OPEN and view.resolved or state == RESOLVED and not view.resolved:
                continue
            shown.append(view)
        return shown

    def _fill(self) -> None:
        while self.cards_layout.count():
            item = self.cards_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.cards = {}
        shown = self.visible_views()
        placed = [v for v in shown if not v.detached]
        detached = [v for v in shown if v.detached]
        for view in placed:
            self._add_card(view)
        if detached:
            heading = QLabel(f"<b>Detached ({len(detached)})</b>")
            heading.setToolTip("Their words were changed or removed; the original text is shown.")
            self.cards_layout.addWidget(heading)
            for view in detached:
                self._add_card(view)
        self.cards_layout.addStretch(1)
        open_count = sum(1 for v in self.views if not v.resolved)
        if not self.views:
            self.summary.setText(self._empty_text)
        else:
            self.summary.setText(
                f"{open_count} open, {len(self.views) - open_count} resolved"
                + (f" · {len(detached)} detached" if detached else "")
            )
        if self.selected in self.cards:
            self.cards[self.selected].set_selected(True)

    def _add_card(self, view: CommentView) -> None:
        card = CommentCard(self, view)
        card.set_selected(False)
        card.activated.connect(self._card_activated)
        self.cards[view.uuid] = card
        self.cards_layout.addWidget(card)

    def _card_activated(self, uuid: str) -> None:
        self.select(uuid)
        self.comment_activated.emit(uuid)

    def select(self, uuid: str | None) -> None:
        if self.selected in self.cards:
            self.cards[self.selected].set_selected(False)
        self.selected = uuid
        card = self.cards.get(uuid)
        if card is not None:
            card.set_selected(True)
            self.scroll.ensureWidgetVisible(card)

    # Writing -------------------------------------------------------------------------------

    def compose(self, quote: str, submit: Callable[[str], bool]) -> None:
        """Open the composer for a new comment; ``submit(text)`` returns True when made."""
        self._submit = submit
        shown = quote if len(quote) <= QUOTE_PREVIEW else quote[: QUOTE_PREVIEW - 1] + "\u2026"
        self.composer_quote.setText(f"\u201c{shown}\u201d" if quote else "")
        self.composer_quote.setVisible(bool(quote))
        self.composer.show()
        self.composer_text.setFocus()

    def submit(self) -> None:
        if self._submit is None:
            return
        if self._submit(self.composer_text.toPlainText()):
            self.composer_text.clear()
            if not self.composer_always:
                self.cancel_compose()

    def cancel_compose(self) -> None:
        if not self.composer_always:
            self._submit = None
            self.composer.hide()
        self.composer_text.clear()

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except WorkbenchError as exc:
            show_error(self, exc)
            return False
        self.session.notify("comments")
        self.changed.emit()
        return True

    def reply(self, uuid: str, text: str) -> bool:
        version = getattr(self, "reading_version", None)
        s = self.session
        return self._run(lambda: comments.reply(s.portfolio, s.actor, uuid, text, version))

    def resolve(self, uuid: str, reason: str = "") -> bool:
        s = self.session
        return self._run(lambda: comments.resolve(s.portfolio, s.actor, uuid, reason))

    def reopen(self, uuid: str, reason: str = "") -> bool:
        s = self.session
        return self._run(lambda: comments.reopen(s.portfolio, s.actor, uuid, reason))

    def delete(self, uuid: str) -> bool:
        """Delete one's own comment; Edit → Undo brings it back."""
        command = DeleteComment(self.session, uuid, self)
        self.session.undo_stack.push(command)
        return command.done


class DeleteComment(QUndoCommand):
    """Deleting a comment as an undoable step (it only ever sets a tombstone)."""

    def __init__(self, session, uuid: str, parent_widget: QWidget | None = None):
        super().__init__("Delete comment")
        self.session = session
        self.actor = session.actor
        self.uuid = uuid
        self.parent_widget = parent_widget
        self.done = False

    def _apply(self, change) -> bool:
        try:
            change(self.session.portfolio, self.actor, self.uuid)
        except WorkbenchError as exc:
            show_error(None, exc)
            return False
        self.session.notify("comments")
        return True

    def redo(self) -> None:
        self.done = self._apply(comments.delete_comment)
        if not self.done:
            self.setObsolete(True)

    def undo(self) -> None:
        self._apply(comments.restore_comment)


class CommentThread(CommentPanel):
    """The comments on one PKSB skill or evidence item, ready to embed in a view."""

    def __init__(self, session, target_kind: str, target_uuid: str | None = None, parent=None):
        super().__init__(session, parent, composer_always=True)
        self.target_kind = target_kind
        self.target_uuid = target_uuid
        session.changed.connect(self._session_changed)
        self.set_target(target_uuid)

    def _session_changed(self, what: set) -> None:
        if what & {"comments", "all"}:
            self.reload()

    def set_target(self, target_uuid: str | None) -> None:
        self.target_uuid = target_uuid
        self.composer.setEnabled(target_uuid is not None)
        self._submit = self._create if target_uuid else None
        self.reload()

    def reload(self) -> None:
        if self.target_uuid is None:
            self.show_comments([], f"Choose a {self.target_kind} to see its comments.")
            return
        found = comments.comments_for_target(
            self.session.portfolio, self.target_kind, self.target_uuid
        )
        self.show_comments(found, f"No comments on this {self.target_kind} yet.")

    def _create(self, text: str) -> bool:
        s = self.session
        kind, target = self.target_kind, self.target_uuid
        return self._run(lambda: comments.comment_on(s.portfolio, s.actor, kind, target, text))
