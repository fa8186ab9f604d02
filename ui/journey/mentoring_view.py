"""The Mentoring view: the agreement, the meetings log, actions and comments.

Single writer: whoever recorded a meeting edits it and its actions; the other
person comments on it. An action is ticked by its owner or its author. The
agreement is written by one and confirmed by the other. The commands on
meetings and on actions are in mentoring_meetings and mentoring_actions.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from ui.common.key_actions import KeyActions
from ui.common.plain import literal, plain_label
from ui.journey.commands import push_done
from ui.journey.mentoring_actions import MentoringActions
from ui.journey.mentoring_dialogs import AgreementDialog
from ui.journey.mentoring_meetings import MentoringMeetings
from ui.journey.mentoring_model import (
    DONE,
    DUE,
    OWNER,
    TEXT,
    UUID_ROLE,
    ActionsModel,
    MeetingsModel,
)
from workbench.dates import short_date
from workbench.errors import WorkbenchError
from workbench.journey import agreement as mentoring_agreement
from workbench.journey import mentoring


class MentoringView(MentoringMeetings, MentoringActions, QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.meetings_model = MeetingsModel(self)
        self.actions_model = ActionsModel(self._tick_later, self)
        self.status: mentoring_agreement.AgreementStatus | None = None
        self._build()
        self.refresh({"all"})

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.agreement_box = QGroupBox("Mentoring agreement")
        self.agreement_text = QLabel()
        self.agreement_text.setWordWrap(True)
        self.agreement_text.setTextFormat(Qt.TextFormat.PlainText)
        self.agreement_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.agreement_state = plain_label()
        self.agreement_state.setObjectName("agreement-state")
        self.write_agreement = QPushButton("Write the agreement…")
        self.write_agreement.setToolTip("Write down what you and your mentor agree on")
        self.write_agreement.clicked.connect(self.edit_agreement)
        self.confirm_button = QPushButton("I agree")
        self.confirm_button.setToolTip("Confirm the agreement as it stands now")
        self.confirm_button.clicked.connect(self.confirm_agreement)
        agreement_buttons = QHBoxLayout()
        agreement_buttons.addWidget(self.agreement_state, 1)
        agreement_buttons.addWidget(self.write_agreement)
        agreement_buttons.addWidget(self.confirm_button)
        agreement_layout = QVBoxLayout(self.agreement_box)
        agreement_layout.addWidget(self.agreement_text)
        agreement_layout.addLayout(agreement_buttons)

        self.meeting_list = QListView()
        self.main_widget = self.meeting_list  # where the view's Ctrl+number puts the keyboard
        self.meeting_list.setModel(self.meetings_model)
        self.meeting_list.setAccessibleName("Meetings")
        self.meeting_list.setAlternatingRowColors(True)
        self.meeting_list.setSpacing(3)
        self.meeting_list.selectionModel().currentChanged.connect(lambda *_: self._show_meeting())
        self.new_meeting_button = QPushButton("&New meeting…")
        self.new_meeting_button.setToolTip("Record a meeting that has taken place")
        self.new_meeting_button.clicked.connect(self.new_meeting)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_meeting_button)
        left_layout.addWidget(self.meeting_list)

        self.detail_stack = QStackedWidget()
        self.empty = QLabel(
            "No meetings recorded yet — after you meet, press New meeting… and note what you "
            "agreed. Actions with a due date appear on the Overview."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_stack.addWidget(self.empty)
        self.detail_stack.addWidget(self._build_detail())

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        state = QSettings().value("mentoring/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([260, 640])
        self.splitter.splitterMoved.connect(
            lambda *_: QSettings().setValue("mentoring/splitter", self.splitter.saveState())
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.agreement_box)
        layout.addWidget(self.splitter, 1)

    def _build_detail(self) -> QWidget:
        self.meeting_title = plain_label()
        font = self.meeting_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.meeting_title.setFont(font)
        self.meeting_notes = QLabel()
        self.meeting_notes.setWordWrap(True)
        self.meeting_notes.setTextFormat(Qt.TextFormat.PlainText)
        self.meeting_notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_meeting_button = self._button("Edit…", self.edit_meeting, "Change the notes")
        self.delete_meeting_button = self._button("Delete", self.delete_meeting, "Undoable")
        self.add_action_button = self._button(
            "Add action…", self.add_action, "An action agreed at this meeting"
        )
        self.edit_action_button = self._button("Edit action…", self.edit_action, "")
        self.delete_action_button = self._button("Delete action", self.delete_action, "")
        heading = QHBoxLayout()
        heading.addWidget(self.meeting_title, 1)
        heading.addWidget(self.edit_meeting_button)
        heading.addWidget(self.delete_meeting_button)

        self.actions_table = QTableView()
        self.actions_table.setModel(self.actions_model)
        self.actions_table.setAccessibleName("Actions")
        self.actions_table.verticalHeader().hide()
        self.actions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actions_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.actions_table.horizontalHeader()
        for column in (DONE, OWNER, DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.actions_table.doubleClicked.connect(lambda _: self.edit_action())
        self.actions_table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        action_buttons = QHBoxLayout()
        action_buttons.addWidget(self.add_action_button)
        action_buttons.addWidget(self.edit_action_button)
        action_buttons.addWidget(self.delete_action_button)
        action_buttons.addStretch()

        self.comment_list = QLabel()
        self.comment_list.setWordWrap(True)
        self.comment_list.setTextFormat(Qt.TextFormat.PlainText)
        self.comment_list.setObjectName("meeting-comments")
        self.comment_edit = QLineEdit()
        self.comment_edit.setPlaceholderText("Add a comment on this meeting…")
        self.comment_edit.setAccessibleName("New comment")
        self.comment_edit.returnPressed.connect(self.add_comment)
        self.comment_button = self._button("Comment", self.add_comment, "Add your comment")
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment_edit, 1)
        comment_row.addWidget(self.comment_button)

        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.meeting_notes)
        layout.addWidget(QLabel("Actions:"))
        layout.addWidget(self.actions_table, 1)
        layout.addLayout(action_buttons)
        layout.addWidget(QLabel("Comments:"))
        layout.addWidget(self.comment_list)
        layout.addLayout(comment_row)
        KeyActions(
            self.actions_table,
            {Qt.Key.Key_Insert: self.add_action, Qt.Key.Key_Delete: self.delete_action},
        )
        return detail

    def _button(self, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # Refreshing -------------------------------------------------------------------------

    def refresh(self, what: set) -> None:
        if not what & {"all", "meetings", "portfolio"}:
            return
        portfolio = self.session.portfolio
        self._show_agreement(mentoring_agreement.agreement_status(portfolio))
        current = self.current_meeting_uuid()
        self.meetings_model.refresh(portfolio)
        rows = self.meetings_model.rows
        if rows:
            row = self.meetings_model.row_of(current) if current else -1
            self.meeting_list.setCurrentIndex(self.meetings_model.index(max(row, 0)))
        self._show_meeting()

    def _show_agreement(self, status: mentoring_agreement.AgreementStatus) -> None:
        self.status = status
        me = self.session.me.uuid
        if not status.exists:
            self.agreement_text.setText(
                "No agreement yet. A short agreement helps you both: how often you meet, how "
                "drafts travel, what stays between you."
            )
            self.agreement_state.setText("")
            self.write_agreement.setText("Write the agreement…")
            self.write_agreement.setVisible(True)
            self.confirm_button.setVisible(False)
            return
        self.agreement_text.setText(status.text)
        if status.agreed:
            state = f"Agreed by both. Written by {status.author_name}."
        elif status.waiting_for:
            state = f"Written by {status.author_name}; waiting for {', '.join(status.waiting_for)}."
        else:
            state = f"Written by {status.author_name}."
        self.agreement_state.setText(state)
        self.write_agreement.setText("Edit the agreement…")
        self.write_agreement.setVisible(status.author == me)
        self.confirm_button.setVisible(status.may_confirm(me))

    def current_meeting_uuid(self) -> str | None:
        index = self.meeting_list.currentIndex()
        return index.data(UUID_ROLE) if index.isValid() else None

    def current_meeting(self) -> mentoring.MeetingRow | None:
        uuid = self.current_meeting_uuid()
        row = self.meetings_model.row_of(uuid) if uuid else -1
        return self.meetings_model.rows[row] if row >= 0 else None

    def _show_meeting(self) -> None:
        meeting = self.current_meeting()
        if meeting is None:
            self.detail_stack.setCurrentWidget(self.empty)
            self.actions_model.refresh([], self.session.me.uuid, date.today())
            self._update()
            return
        self.detail_stack.setCurrentIndex(1)
        mode = f" — {meeting.mode}" if meeting.mode else ""
        self.meeting_title.setText(f"Meeting of {short_date(meeting.meeting_date)}{mode}")
        notes = meeting.notes or "No notes."
        self.meeting_notes.setText(f"{notes}\n(Notes by {meeting.author_name}.)")
        self.actions_model.refresh(meeting.actions, self.session.me.uuid, date.today())
        comments = mentoring.meeting_comments(meeting.uuid)
        self.comment_list.setText(
            "\n".join(f"{c.author_name}: {c.text}" for c in comments) or "No comments yet."
        )
        self._update()

    def _update(self) -> None:
        meeting = self.current_meeting()
        me = self.session.me.uuid
        mine = meeting is not None and meeting.author == me
        chosen = bool(self.actions_table.selectionModel().selectedRows())
        for button in (
            self.edit_meeting_button,
            self.delete_meeting_button,
            self.add_action_button,
        ):
            button.setEnabled(mine)
        self.edit_action_button.setEnabled(mine and chosen)
        self.delete_action_button.setEnabled(mine and chosen)
        others = "" if mine or meeting is None else meeting.author_name
        tip = f"Written by {others}: comment on it instead" if others else ""
        self.edit_meeting_button.setToolTip(literal(tip) or "Change the notes")
        self.comment_edit.setEnabled(meeting is not None)
        self.comment_button.setEnabled(meeting is not None)

    # The agreement ----------------------------------------------------------------------

    def edit_agreement(self) -> None:
        dialog = AgreementDialog(self.status.text if self.status else "", self)
        if not dialog.exec():
            return
        self.save_agreement(dialog.text())

    def save_agreement(self, text: str) -> None:
        portfolio, actor = self.session.portfolio, self.session.actor
        before = self.status.text if self.status and self.status.exists else None
        try:
            uuid = mentoring_agreement.save_agreement(portfolio, actor, text)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        if before is None:
            undo = lambda: mentoring_agreement.set_agreement_deleted(uuid, actor, True)  # noqa: E731
            redo = lambda: mentoring_agreement.set_agreement_deleted(uuid, actor, False)  # noqa: E731
        else:
            undo = lambda: mentoring_agreement.save_agreement(portfolio, actor, before)  # noqa: E731
            redo = lambda: mentoring_agreement.save_agreement(portfolio, actor, text)  # noqa: E731
        self._push("edit the mentoring agreement", undo, redo)

    def confirm_agreement(self) -> None:
        try:
            mentoring_agreement.confirm_agreement(self.session.portfolio, self.session.actor)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self.session.message.emit("You confirmed the mentoring agreement.")
        self.session.notify("meetings")

    def _push(self, text: str, undo, redo) -> None:
        push_done(self.session, text, undo, redo, "meetings")
