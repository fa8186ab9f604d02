"""Dialogs of the Mentoring view: the agreement, a meeting, an action."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ui.common.dates import DateEdit
from workbench.journey import agreement, mentoring


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class AgreementDialog(QDialog):
    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Mentoring agreement")
        self.editor = QPlainTextEdit(text or agreement.AGREEMENT_TEMPLATE)
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName("Agreement text")
        hint = QLabel(
            "A few lines you both agree on: how often and how you meet, how drafts are "
            "shared, what stays confidential. The other person confirms it."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor)
        layout.addWidget(_buttons(self))
        self.resize(560, 360)

    def text(self) -> str:
        return self.editor.toPlainText()


class MeetingDialog(QDialog):
    def __init__(self, row: mentoring.MeetingRow | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Edit meeting" if row else "Record a meeting")
        self.date = DateEdit()
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setDate(_qdate(row.meeting_date) if row else QDate.currentDate())
        self.date.setAccessibleName("Meeting date")
        self.mode = QComboBox(editable=True)
        self.mode.addItems(mentoring.MODES)
        self.mode.setCurrentText(row.mode if row else mentoring.MODES[1])
        self.mode.setAccessibleName("How you met")
        self.notes = QPlainTextEdit(row.notes if row else "")
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("What you talked about and agreed")
        self.notes.setTabChangesFocus(True)
        form = QFormLayout(self)
        form.addRow("&Date:", self.date)
        form.addRow("&How:", self.mode)
        form.addRow("&Notes:", self.notes)
        form.addRow(_buttons(self))
        self.resize(520, 360)

    def values(self) -> dict:
        return {
            "meeting_date": self.date.date().toPython(),
            "mode": self.mode.currentText(),
            "notes": self.notes.toPlainText(),
        }


class ActionDialog(QDialog):
    def __init__(self, people: dict[str, str], actor_uuid: str, row=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Edit action" if row else "Add an action")
        self.text = QLineEdit(row.text if row else "")
        self.text.setAccessibleName("Action")
        self.text.setPlaceholderText("e.g. Send the second draft to Ruth")
        self.owner = QComboBox()
        self.owner.setAccessibleName("Who will do it")
        for uuid, name in people.items():
            self.owner.addItem(name, uuid)
        self.owner.setCurrentIndex(max(0, self.owner.findData(row.owner if row else actor_uuid)))
        self.has_due = QCheckBox("Due by")
        self.due = DateEdit()
        self.due.setAccessibleName("Due date")
        due = row.due_date if row else None
        self.has_due.setChecked(due is not None or row is None)
        self.due.setDate(_qdate(due) if due else QDate.currentDate().addDays(14))
        self.due.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form = QFormLayout(self)
        form.addRow("&Action:", self.text)
        form.addRow("&Who:", self.owner)
        form.addRow("", due_row)
        form.addRow(_buttons(self))
        self.resize(480, 180)

    def values(self) -> dict:
        return {
            "text": self.text.text(),
            "owner": self.owner.currentData(),
            "due_date": self.due.date().toPython() if self.has_due.isChecked() else None,
        }
