"""Commenting in the Statement view: a comment on the words selected in a sent
version, the highlights of the comments shown, and moving between the highlighted
comments and their cards.

A mixin of StatementView, kept apart so each module stays short.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.common.dialogs import show_error
from ui.statement.versions import DRAFT
from workbench.errors import WorkbenchError
from workbench.statement import comments, drafts
from workbench.statement.anchoring import make_anchor, place_all


class StatementCommenting:
    """Needs ``session``, ``editor``, ``panel``, ``stack``, ``shown`` and
    ``version_for_comments`` from the view."""

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
        self.draft_note.setVisible(bool(on_draft))
