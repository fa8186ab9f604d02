"""The area comments of the Gap matrix view: how the mentee will show learning
in an area, shown for the selected area or skill and saved as they type (after a
pause), on leaving the field, on switching area and on closing.

A mixin of MatrixView, kept apart so each module stays short.
"""

from __future__ import annotations

from ui.common.dialogs import show_error
from ui.common.plain import escape
from workbench.errors import WorkbenchError
from workbench.matrix import ratings as matrix


class MatrixAreaComments:
    """Needs ``session``, ``model``, ``proxy``, ``tree``, ``snapshot``, the comment
    widgets and ``comment_timer`` from the view."""

    def _current_group(self):
        return self.model.group_at(self.proxy.mapToSource(self.tree.currentIndex()))

    def _show_area_comment(self) -> None:
        self.save_area_comment()
        group = self._current_group()
        row = self.model.row_at(self.proxy.mapToSource(self.tree.currentIndex()))
        self.skill_info.setText(
            f"<b>{escape(row.name)}</b>: {escape(row.description)}" if row else ""
        )
        self.skill_info.setVisible(row is not None)
        self.skill_thread.set_target(row.skill if row else None)
        editable = bool(group and self.snapshot and self.model.mentee_can_edit)
        self.comment_edit.blockSignals(True)
        if group is None or self.snapshot is None:
            self.comment_label.setText("Select a skill or an area to see its comment.")
            self.comment_edit.setPlainText("")
            self.comment_area = None
        else:
            who = "the mentee" if self.session.is_mentor else "I"
            area = escape(group.name)
            self.comment_label.setText(f"How {who} will show learning in <b>{area}</b>:")
            self.comment_edit.setPlainText(
                matrix.area_comments(self.snapshot.uuid).get(group.uuid, "")
            )
            self.comment_area = group.uuid
        self.comment_edit.blockSignals(False)
        self.comment_edit.setReadOnly(not editable)

    def _comment_typed(self) -> None:
        self.comment_dirty = True
        self.comment_timer.start()

    def save_area_comment(self) -> None:
        """Save a pending area comment now (also on switching area or closing)."""
        self.comment_timer.stop()
        if not self.comment_dirty or self.comment_area is None:
            return
        self.comment_dirty = False
        try:
            matrix.set_area_comment(
                self.snapshot.uuid,
                self.comment_area,
                self.session.actor,
                self.comment_edit.toPlainText(),
            )
        except WorkbenchError as exc:
            show_error(self, exc, "Cannot save the area comment")
