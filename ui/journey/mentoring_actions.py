"""Actions in the Mentoring view: adding, editing and deleting the actions of a
meeting (by its author), and ticking one done (by its owner or its author).

A mixin of MentoringView, kept apart so each module stays short.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from ui.common.dialogs import show_error
from ui.journey.mentoring_dialogs import ActionDialog
from workbench.errors import WorkbenchError
from workbench.journey import mentoring


class MentoringActions:
    """Needs ``session``, ``actions_model``, ``actions_table``, ``current_meeting``
    and ``_push`` from the view."""

    def _people(self) -> dict[str, str]:
        return mentoring.people_names(self.session.portfolio)

    def selected_action(self):
        rows = self.actions_table.selectionModel().selectedRows()
        return self.actions_model.rows[rows[0].row()] if rows else None

    def add_action(self) -> None:
        meeting = self.current_meeting()
        if meeting is None or meeting.author != self.session.me.uuid:
            return
        dialog = ActionDialog(self._people(), self.session.me.uuid, parent=self)
        while dialog.exec():
            if self.create_action(meeting.uuid, **dialog.values()):
                return

    def create_action(self, meeting_uuid: str, text: str, owner: str, due_date) -> str | None:
        actor = self.session.actor
        try:
            uuid = mentoring.add_action(meeting_uuid, actor, text, owner, due_date)
        except WorkbenchError as exc:
            show_error(self, exc)
            return None
        self._push(
            "add an action",
            lambda: mentoring.set_action_deleted(uuid, actor, True),
            lambda: mentoring.set_action_deleted(uuid, actor, False),
        )
        return uuid

    def edit_action(self) -> None:
        row = self.selected_action()
        if row is None or row.author != self.session.me.uuid:
            return
        dialog = ActionDialog(self._people(), self.session.me.uuid, row, self)
        if not dialog.exec():
            return
        actor, uuid = self.session.actor, row.uuid
        old = {"text": row.text, "owner": row.owner, "due_date": row.due_date}
        new = dialog.values()
        try:
            mentoring.update_action(uuid, actor, **new)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self._push(
            "edit an action",
            lambda: mentoring.update_action(uuid, actor, **old),
            lambda: mentoring.update_action(uuid, actor, **new),
        )

    def delete_action(self) -> None:
        row = self.selected_action()
        if row is None or row.author != self.session.me.uuid:
            return
        actor, uuid = self.session.actor, row.uuid
        try:
            mentoring.set_action_deleted(uuid, actor, True)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self._push(
            "delete an action",
            lambda: mentoring.set_action_deleted(uuid, actor, False),
            lambda: mentoring.set_action_deleted(uuid, actor, True),
        )

    def _tick_later(self, uuid: str, done: bool) -> None:
        """Called from the model's setData: act once the view has finished its event."""
        QTimer.singleShot(0, lambda: self.tick(uuid, done))

    def tick(self, uuid: str, done: bool) -> None:
        actor = self.session.actor
        try:
            mentoring.set_action_done(uuid, actor, done)
        except WorkbenchError as exc:
            show_error(self, exc)
            self.session.notify("meetings")
            return
        self._push(
            "mark action done" if done else "mark action not done",
            lambda: mentoring.set_action_done(uuid, actor, not done),
            lambda: mentoring.set_action_done(uuid, actor, done),
        )
