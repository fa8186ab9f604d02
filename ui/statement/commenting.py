"""Commenting in the Statement view: the comments on the version shown (in the panel
and as highlights; on the view's first visit they are read once it has painted), a
comment on the words selected in a sent version, and moving between the highlighted
comments and their cards.

A mixin of StatementView, kept apart so each module stays short.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from ui.common.dialogs import show_error
from ui.statement.versions import DRAFT
from workbench.errors import WorkbenchError
from workbench.statement import comment_reading, comments, drafts
from workbench.statement.anchoring import make_anchor, place_all


class StatementCommenting:
    """Needs ``session``, ``editor``, ``panel``, ``stack``, ``shown``, ``infos``,
    ``comments_pending``, ``draft_note`` and ``version_for_comments`` from the view."""

    # The comments on what is shown ----------------------------------------------------------

    def _show_comments(self) -> None:
        """Fill the panel and the highlights for what is on screen."""
        self.comments_pending = False
        self._fill_panel()
        self._apply_marks()

    def _fill_panel(self) -> None:
        """The comments on the version for what is shown, in the panel."""
        self.version_for_comments = None
        views: list = []
        if self.shown == DRAFT:
            self.version_for_comments = drafts.latest_version_info(self.session.portfolio)
        elif self.shown:
            self.version_for_comments = drafts.version_info(self.shown)
        if self.version_for_comments is not None:
            # The panel reads the threads of the cards it makes (a few at a time).
            views = comment_reading.comments_for_version(
                self.version_for_comments.uuid, threads=False
            )
        self.panel.reading_version = (
            self.version_for_comments.uuid if self.version_for_comments else None
        )
        self.panel.show_comments(views, self._no_comments_text())
        self._say_where_comments_sit(views)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Painted for the first time: the comments come next, once the screen shows it
        (thousands of comments and their highlights take longer than the text)."""
        super().paintEvent(event)
        if self.comments_pending:
            QTimer.singleShot(0, self, self.show_pending_comments)

    def show_pending_comments(self) -> None:
        if self.comments_pending:
            self._show_comments()

    def _no_comments_text(self) -> str:
        if self.infos:
            return "No comments yet. Select words in a version, then press Comment."
        if self.session.is_mentee:
            return "No comments yet. Send a version for review; your mentor's comments appear here."
        return "No comments yet. When your mentee sends a version, select words, then Comment."

    # Commenting ---------------------------------------------------------------------------

    def start_comment(self) -> None:
        picked = self.editor.selection_range()
        if picked is None or self.shown in (None, DRAFT):
            return
        version = self.shown
        start, end = picked
        quote = self.editor.toPlainText()[start:end]
        self.panel.compose(quote, lambda text: self._create_comment(version, start, end, text))

    def _create_comment(self, version: str, start: int, end: int, text: str) -> bool:
        s = self.session
        try:
            made = comments.create_comment(s.portfolio, s.actor, version, start, end, text)
        except WorkbenchError as exc:
            show_error(self, exc)
            return False
        self.session.notify("comments")
        self._select_comment(made.uuid)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)  # back to reading
        return True

    def step_comment(self, step: int) -> None:
        """Go to the next (F8) or previous (Shift+F8) highlighted comment."""
        self.show_pending_comments()  # pressed before the first visit's comments came
        marks = [m for m in self.editor.marks if m.end > m.start]
        if not marks:
            return
        uuids = [m.uuid for m in marks]
        at = uuids.index(self.editor.current_mark) if self.editor.current_mark in uuids else -1
        if at == -1 and step < 0:
            at = 0
        self._select_comment(uuids[(at + step) % len(uuids)])

    def _card_activated(self, uuid: str) -> None:
        self.stack.setCurrentWidget(self.editor)
        self.editor.show_mark(uuid)

    def _mark_clicked(self, uuid: str) -> None:
        self._select_comment(uuid)

    def _select_comment(self, uuid: str) -> None:
        self.panel.select(uuid)
        self.editor.show_mark(uuid)

    def _apply_marks(self) -> None:
        """Highlight the comments the panel shows, placed on the text on screen."""
        self.editor.set_marks(self._marks_on(self.editor.toPlainText()))

    def _marks_on(self, text: str) -> list[tuple[str, int, int]]:
        """(comment uuid, start, end) of the comments the panel shows, placed on ``text``
        (the text on screen, or the one about to be)."""
        shown = [v for v in self.panel.visible_views() if not v.detached]
        if self.shown == DRAFT and self.version_for_comments is not None and shown:
            base = drafts.version_text(self.version_for_comments.uuid)
            anchors = [make_anchor(base, v.start, v.end) for v in shown]
            spots = place_all(anchors, base, text)
            return [(v.uuid, *spot) for v, spot in zip(shown, spots, strict=True) if spot]
        return [(v.uuid, v.start, v.end) for v in shown]

    def _say_where_comments_sit(self, views: list) -> None:
        """On the working draft the places are provisional: worked out from the version."""
        on_draft = self.shown == DRAFT and self.version_for_comments is not None and views
        if on_draft:
            self.draft_note.setText(
                f"The comments on version {self.version_for_comments.number} are shown where "
                "their words are in your draft. These places are provisional: they settle "
                "when you send the draft as a new version."
            )
        self.show_outside_focus(self.draft_note, bool(on_draft))
