"""Commenting in the Statement view: a comment on the words selected in a sent
version, and moving between the highlighted comments and their cards.

A mixin of StatementView, kept apart so each module stays short.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.common.dialogs import show_error
from ui.statement.versions import DRAFT
from workbench.errors import WorkbenchError
from workbench.statement import comments


class StatementCommenting:
    """Needs ``session``, ``editor``, ``panel``, ``stack`` and ``shown`` from the view."""

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
