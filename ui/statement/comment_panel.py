"""Comment cards with replies, resolve and reopen, filters, and a composer.

``CommentPanel`` shows any list of ``workbench.statement.comment_reading.CommentView``; the
statement view fills it with the comments of the version on screen. For a
PKSB skill or an evidence item, ``CommentThread`` loads and shows the
comments on that one record, so the matrix and evidence views can embed it.
Every change goes through workbench.statement.comments with the session's actor.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from ui.common.undo import ServiceCommand
from ui.statement.comment_card import QUOTE_PREVIEW, CommentCard, muted, wrapped
from workbench.errors import WorkbenchError
from workbench.statement import comment_reading, comments
from workbench.statement.comment_reading import OPEN, RESOLVED, CommentView

STATE_FILTERS = (("Open", OPEN), ("Resolved", RESOLVED), ("All", "all"))
# Cards made at once: about what a panel shows (each card costs its layout). Scrolling
# to the end (or "Show more") makes the next batch, and so does a panel that its cards
# do not fill, once they are laid out: a version with thousands of comments opens at once.
CARD_BATCH = 6


class CommentPanel(QWidget):
    """Cards for a list of comments, with state and author filters."""

    comment_activated = Signal(str)
    changed = Signal()
    compose_closed = Signal()  # Esc in the composer: back to the text

    def __init__(self, session, parent=None, composer_always: bool = False):
        super().__init__(parent)
        self.session = session
        self.views: list[CommentView] = []
        self.cards: dict[str, CommentCard] = {}
        self._waiting: list[CommentView | str] = []  # not yet shown as cards
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
        self.scroll.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._fill_timer = QTimer(self, singleShot=True, interval=0)  # once laid out
        self._fill_timer.timeout.connect(self._fill_view)
        self.scroll.viewport().installEventFilter(self)  # resized: the cards may not fill it
        self.cards_box.installEventFilter(self)  # laid out again: the same
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
        self.composer_quote = muted(wrapped(""))
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
        escape = QShortcut(QKeySequence("Esc"), self.composer_text)
        escape.activated.connect(self._escape)
        for keys in (shortcut, escape):  # only while writing the comment
            keys.setContext(Qt.ShortcutContext.WidgetShortcut)
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
        # Cards are made a batch at a time: hundreds of widgets at once would stall the view.
        self._waiting = list(placed)
        if detached:
            self._waiting += [f"<b>Detached ({len(detached)})</b>", *detached]
        self.more_button = QPushButton()
        self.more_button.clicked.connect(lambda: self._add_batch())  # not with "checked"
        self.cards_layout.addWidget(self.more_button)
        self.cards_layout.addStretch(1)
        self._add_batch()
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

    def _add_batch(self, count: int = CARD_BATCH) -> None:
        batch, self._waiting = self._waiting[:count], self._waiting[count:]
        # A long list may come without its threads: those of the cards made now are read.
        threads = comment_reading.with_replies([e for e in batch if not isinstance(e, str)])
        full = {view.uuid: view for view in threads}
        at = self.cards_layout.indexOf(self.more_button)
        for entry in batch:
            if isinstance(entry, str):
                widget = QLabel(entry)
                widget.setToolTip(
                    "Their words were changed or removed; the original text is shown."
                )
            else:
                widget = self._card(full[entry.uuid])
            self.cards_layout.insertWidget(at, widget)
            at += 1
        count = sum(1 for entry in self._waiting if not isinstance(entry, str))
        self.more_button.setText(f"Show {count} more comment{'s' if count != 1 else ''}")
        self.more_button.setVisible(bool(count))

    def _scrolled(self, value: int) -> None:
        """Near the end of the cards made so far: make the next batch."""
        bar = self.scroll.verticalScrollBar()
        if self._waiting and value >= bar.maximum() - bar.pageStep() // 2:
            self._add_batch()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if self._waiting and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._fill_timer.start()
        return False

    def _fill_view(self) -> None:
        """Cards that do not fill the panel (nothing to scroll): make the next batch."""
        if self._waiting and self.isVisible() and self.scroll.verticalScrollBar().maximum() == 0:
            self._add_batch()

    def _card(self, view: CommentView) -> CommentCard:
        card = CommentCard(self, view)
        card.set_selected(False)
        card.activated.connect(self._card_activated)
        self.cards[view.uuid] = card
        return card

    def _card_activated(self, uuid: str) -> None:
        self.select(uuid)
        self.comment_activated.emit(uuid)

    def select(self, uuid: str | None) -> None:
        if self.selected in self.cards:
            self.cards[self.selected].set_selected(False)
        self.selected = uuid
        if uuid not in self.cards:
            waiting = (n for n, e in enumerate(self._waiting) if getattr(e, "uuid", None) == uuid)
            where = next(waiting, None)
            if where is not None:  # every card up to it at once: one read of their replies
                self._add_batch(where + 1)
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

    def _escape(self) -> None:
        if not self.composer_always:
            self.cancel_compose()
            self.compose_closed.emit()

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


class DeleteComment(ServiceCommand):
    """Deleting a comment as an undoable step (it only ever sets a tombstone)."""

    def __init__(self, session, uuid: str, parent_widget: QWidget | None = None):
        super().__init__(session, "Delete comment", "comments")
        self.actor = session.actor
        self.uuid = uuid
        self.parent_widget = parent_widget
        self.done = False

    def report(self, error: WorkbenchError) -> None:
        show_error(None, error)

    def forward(self) -> None:
        comments.delete_comment(self.session.portfolio, self.actor, self.uuid)

    def backward(self) -> None:
        comments.restore_comment(self.session.portfolio, self.actor, self.uuid)

    def redo(self) -> None:
        self.done = self.step(self.forward)


# What a comment's target is called in a sentence ("Choose a skill…").
TARGET_WORDS = {"skill": "a skill", "evidence": "an evidence item", "meeting": "a meeting"}


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
            thing = TARGET_WORDS.get(self.target_kind, "an item")
            self.show_comments([], f"Choose {thing} to see its comments.")
            return
        found = comment_reading.comments_for_target(
            self.session.portfolio, self.target_kind, self.target_uuid
        )
        thing = TARGET_WORDS.get(self.target_kind, "an item").split(" ", 1)[1]
        self.show_comments(found, f"No comments on this {thing} yet.")

    def _create(self, text: str) -> bool:
        s = self.session
        kind, target = self.target_kind, self.target_uuid
        return self._run(lambda: comments.comment_on(s.portfolio, s.actor, kind, target, text))
