"""Reading in the Statement view: following a citation (E12) to its evidence
item, and redlines between two versions or since the last review.

A mixin of StatementView, kept apart so each module stays short.
"""

from __future__ import annotations

from ui.statement.redline import review_heading
from workbench.statement import drafts


class StatementReading:
    """Needs ``session``, ``editor``, ``redline``, ``stack``, the compare boxes,
    ``evidence_requested`` and ``_update_actions`` from the view."""

    def _describe_citation(self, number: int) -> bool:
        title = self.editor.evidence.get(number)
        if title is None:
            self.session.message.emit(f"There is no evidence item E{number}.")
            return False
        self.session.message.emit(f"E{number}: {title} (Ctrl+click to open it)")
        return True

    def _open_citation(self, number: int) -> None:
        if not self._describe_citation(number):
            return
        uuid = drafts.evidence_uuid(self.session.portfolio, number)
        if uuid:
            self.evidence_requested.emit(uuid)
            self.session.go_to("evidence", uuid)

    # Redlines ------------------------------------------------------------------------------

    def compare(self) -> None:
        old, new = self.compare_from.currentData(), self.compare_to.currentData()
        if not old or not new:
            return
        old_v, new_v, pieces = drafts.redline_between(old, new)
        heading = f"Changes from version {old_v.number} to version {new_v.number}"
        self._show_redline(heading, pieces)

    def show_changes_since_review(self) -> None:
        found = drafts.changes_since_review(self.session.portfolio)
        if found is None:
            self.session.message.emit("No version has been sent for review yet.")
            return
        reviewed, latest, pieces = found
        self._show_redline(review_heading(reviewed, latest), pieces)

    def _show_redline(self, heading: str, pieces) -> None:
        self.redline.show_diff(heading, pieces)
        self.stack.setCurrentWidget(self.redline)
        self._update_actions()
