"""Editing evidence items from the Evidence view: a field or the links changed
in the detail panel, and deleting the selected items, each as an undoable
command on the session's stack.

A mixin of EvidenceView, kept apart so each module stays short.
"""

from __future__ import annotations

from ui.evidence.commands import DeleteCommand, EditCommand, LinksCommand


class EvidenceEditing:
    """Needs ``session``, ``detail`` and ``selected_rows`` from the view."""

    def _push(self, command) -> None:
        self.session.undo_stack.push(command)

    def _field_changed(self, field: str, value) -> None:
        row = self.detail.row
        if row is None:
            return
        old = getattr(row, field)
        self._push(EditCommand(self.session, row.uuid, row.label, field, old, value))

    def _links_changed(self, criteria: set, skills: set) -> None:
        row = self.detail.row
        if row is None:
            return
        old = (set(row.criteria), set(row.skill_uuids))
        self._push(LinksCommand(self.session, row.uuid, row.label, old, (criteria, skills)))

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows or not self.session.is_mentee:
            return
        labels = [r.label for r in rows]
        self._push(DeleteCommand(self.session, [r.uuid for r in rows], labels))
        self.session.message.emit(f"Deleted {', '.join(labels)}. Press Ctrl+Z to bring it back.")
