"""Changing the Gap matrix from its view: each cell change as an undoable
command written through the core, new snapshots, and a skill of one's own.

A mixin of MatrixView, kept apart so each module stays short.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from ui.common.dialogs import show_error
from ui.common.plain import literal
from ui.common.undo import ServiceCommand
from ui.matrix.dialogs import NewSnapshotDialog
from workbench.errors import WorkbenchError
from workbench.matrix import ratings as matrix


class EditCommand(ServiceCommand):
    """One change to one cell of the matrix, undoable (the view reports its errors)."""

    def __init__(self, view: MatrixEditing, snapshot: str, skill: str, field: str, old, new):
        super().__init__(view.session, f"change {field.replace('_', ' ')}")
        self.view, self.snapshot, self.skill = view, snapshot, skill
        self.field, self.old, self.new = field, old, new

    def forward(self) -> bool:
        return self.view.apply(self.snapshot, self.skill, self.field, self.new)

    def backward(self) -> bool:
        return self.view.apply(self.snapshot, self.skill, self.field, self.old)


class MatrixEditing:
    """Needs ``session``, ``model``, ``snapshot``, ``scale``, ``save_area_comment``
    and ``_current_group`` from the view."""

    def model_row(self, code: str):
        """The shown row of a skill by its code (None when there is none)."""
        return next((r for g in self.model.groups for r in g.skills if r.code == code), None)

    def request_edit(self, skill: str, field: str, value) -> bool:
        """Called by the model: push an undoable command for the change."""
        row = next((r for g in self.model.groups for r in g.skills if r.skill == skill), None)
        if row is None or self.snapshot is None:
            return False
        old = {
            "current": row.current,
            "target": row.target,
            "note": row.note,
            "relevant": row.relevant,
            "mentor": row.mentor_rating,
        }[field]
        if old == value:
            return False
        command = EditCommand(self, self.snapshot.uuid, skill, field, old, value)
        self.session.undo_stack.push(command)
        return not command.isObsolete()

    def apply(self, snapshot_uuid: str, skill_uuid: str, field: str, value) -> bool:
        """Write one change through the core and show the result."""
        try:
            snapshot, skill = snapshot_uuid, skill_uuid
            if field == "mentor":
                note = next(
                    r.mentor_note
                    for g in self.model.groups
                    for r in g.skills
                    if r.skill == skill_uuid
                )
                matrix.set_mentor_rating(snapshot, skill, self.session.actor, value, note)
            else:
                matrix.set_rating(snapshot, skill, self.session.actor, **{field: value})
        except WorkbenchError as exc:
            show_error(self, exc, "Cannot change the rating")
            return False
        if self.snapshot and self.snapshot.uuid == snapshot_uuid:
            self.model.set_rows(matrix.matrix_rows(snapshot_uuid), self.scale)
        self.session.notify("ratings")
        return True

    def start_first_snapshot(self) -> None:
        try:
            matrix.begin_snapshot(self.session.portfolio, self.session.actor, "start")
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self.session.notify("matrix")

    def new_snapshot(self) -> None:
        dialog = NewSnapshotDialog(self)
        if not dialog.exec():
            return
        self.save_area_comment()
        try:
            matrix.begin_snapshot(
                self.session.portfolio,
                self.session.actor,
                dialog.kind.currentData(),
                label=dialog.label.text(),
            )
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self.snapshot = None  # show the new, latest snapshot
        self.session.undo_stack.clear()
        self.session.notify("matrix")
        self.session.message.emit("New snapshot started; the earlier one is kept as it was.")

    def add_custom_skill(self) -> None:
        group = self._current_group()
        if group is None:
            show_error(self, WorkbenchError("Select an area (or a skill in it) first."))
            return
        name, ok = QInputDialog.getText(
            self, "Add my own skill", literal(f"A skill of your own under “{group.name}”:")
        )
        if not ok or not name.strip():
            return
        try:
            matrix.add_custom_skill(self.session.portfolio, group.uuid, self.session.actor, name)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self.session.notify("matrix")
