"""Meetings in the Mentoring view: recording, editing and deleting a meeting
(by whoever recorded it), and commenting on one (by the other person).

A mixin of MentoringView, kept apart so each module stays short.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from ui.common.dialogs import show_error
from ui.journey.mentoring_dialogs import MeetingDialog
from workbench.dates import short_date
from workbench.errors import WorkbenchError
from workbench.journey import mentoring


class MentoringMeetings:
    """Needs ``session``, ``meetings_model``, ``meeting_list``, ``comment_edit``,
    ``current_meeting`` and ``_push`` from the view."""

    def new_meeting(self) -> None:
        dialog = MeetingDialog(parent=self)
        if dialog.exec():
            self.record_meeting(**dialog.values())

    def record_meeting(self, meeting_date: date, mode: str = "", notes: str = "") -> str | None:
        actor = self.session.actor
        try:
            uuid = mentoring.add_meeting(self.session.portfolio, actor, meeting_date, mode, notes)
        except WorkbenchError as exc:
            show_error(self, exc)
            return None
        self._push(
            "record a meeting",
            lambda: mentoring.set_meeting_deleted(uuid, actor, True),
            lambda: mentoring.set_meeting_deleted(uuid, actor, False),
        )
        self.meeting_list.setCurrentIndex(
            self.meetings_model.index(max(0, self.meetings_model.row_of(uuid)))
        )
        return uuid

    def edit_meeting(self) -> None:
        meeting = self.current_meeting()
        if meeting is None or meeting.author != self.session.me.uuid:
            return
        dialog = MeetingDialog(meeting, self)
        if not dialog.exec():
            return
        actor, uuid = self.session.actor, meeting.uuid
        old = {"meeting_date": meeting.meeting_date, "mode": meeting.mode, "notes": meeting.notes}
        new = dialog.values()
        try:
            mentoring.update_meeting(uuid, actor, **new)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self._push(
            "edit a meeting",
            lambda: mentoring.update_meeting(uuid, actor, **old),
            lambda: mentoring.update_meeting(uuid, actor, **new),
        )

    def delete_meeting(self) -> None:
        meeting = self.current_meeting()
        if meeting is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete meeting",
            f"Delete the meeting of {short_date(meeting.meeting_date)} and its actions? "
            "You can undo this.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.remove_meeting(meeting.uuid)

    def remove_meeting(self, uuid: str) -> None:
        actor = self.session.actor
        try:
            mentoring.set_meeting_deleted(uuid, actor, True)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self._push(
            "delete a meeting",
            lambda: mentoring.set_meeting_deleted(uuid, actor, False),
            lambda: mentoring.set_meeting_deleted(uuid, actor, True),
        )

    def add_comment(self) -> None:
        meeting = self.current_meeting()
        text = self.comment_edit.text()
        if meeting is None or not text.strip():
            return
        try:
            mentoring.add_meeting_comment(meeting.uuid, self.session.actor, text)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self.comment_edit.clear()
        self.session.notify("meetings", "comments")
