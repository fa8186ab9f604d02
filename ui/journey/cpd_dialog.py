"""The dialog to add or edit one CPD activity, with its links to skills and evidence."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
)

from ui.common.dates import DateEdit
from workbench.journey import cpd, cpd_checks


class ActivityDialog(QDialog):
    """Add or edit one activity; ``values()`` gives keywords for the cpd services."""

    def __init__(self, skills, evidence, row: cpd.ActivityRow | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Edit CPD activity" if row else "Add CPD activity")
        self.date = DateEdit()
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setDate(QDate.currentDate())
        self.date.setAccessibleName("Date")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("e.g. Webinar: copyright basics")
        self.kind = QComboBox(editable=True)
        self.kind.addItems([t.capitalize() for t in cpd.ACTIVITY_TYPES])
        self.kind.setAccessibleName("Type")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.25, cpd_checks.MAX_HOURS)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(2)
        self.hours.setValue(1)
        self.hours.setSuffix(" h")
        self.hours.setAccessibleName("Hours")
        self.participatory = QCheckBox("Participatory (with others: a course, event, discussion)")
        self.reflection = QPlainTextEdit()
        self.reflection.setAccessibleName("Reflection")
        self.reflection.setPlaceholderText("What did you learn, and what will you do differently?")
        self.reflection.setTabChangesFocus(True)
        self.skill_filter = QLineEdit()
        self.skill_filter.setPlaceholderText("Filter skills…")
        self.skill_filter.setAccessibleName("Filter skills")
        self.skill_list = self._checklist(skills, row.skills if row else (), "Skills")
        self.skill_filter.textChanged.connect(self._filter_skills)
        evidence_codes = tuple(f"E{n}" for n in row.evidence) if row else ()
        self.evidence_list = self._checklist(evidence, evidence_codes, "Evidence")

        form = QFormLayout()
        form.addRow("&Date:", self.date)
        form.addRow("&Title:", self.title_edit)
        form.addRow("T&ype:", self.kind)
        form.addRow("&Hours:", self.hours)
        form.addRow("", self.participatory)
        form.addRow("&Reflection:", self.reflection)
        links = QHBoxLayout()
        skill_column = QVBoxLayout()
        skill_column.addWidget(QLabel("Skills it developed:"))
        skill_column.addWidget(self.skill_filter)
        skill_column.addWidget(self.skill_list)
        evidence_column = QVBoxLayout()
        evidence_column.addWidget(QLabel("Evidence it produced:"))
        evidence_column.addWidget(self.evidence_list)
        links.addLayout(skill_column)
        links.addLayout(evidence_column)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(links)
        layout.addWidget(buttons)
        if row:
            self._load(row)
        self.resize(620, 560)

    def _checklist(self, entries, checked, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        for code, text in entries:
            item = QListWidgetItem(f"{code}  {text}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if code in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
            widget.addItem(item)
        if not entries:
            widget.addItem(QListWidgetItem("None yet"))
            widget.setEnabled(False)
        return widget

    def _filter_skills(self, text: str) -> None:
        needle = text.casefold()
        for number in range(self.skill_list.count()):
            item = self.skill_list.item(number)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _load(self, row: cpd.ActivityRow) -> None:
        day = row.activity_date
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.title_edit.setText(row.title)
        self.kind.setCurrentText(row.activity_type.capitalize())
        self.hours.setValue(row.hours)
        self.participatory.setChecked(row.participatory)
        self.reflection.setPlainText(row.reflection)

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [
            widget.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(widget.count())
            if widget.item(n).data(Qt.ItemDataRole.UserRole)
            and widget.item(n).checkState() == Qt.CheckState.Checked
        ]

    def values(self) -> dict:
        return {
            "activity_date": self.date.date().toPython(),
            "title": self.title_edit.text(),
            "activity_type": self.kind.currentText(),
            "hours": self.hours.value(),
            "participatory": self.participatory.isChecked(),
            "reflection": self.reflection.toPlainText(),
            "skills": self._checked(self.skill_list),
            "evidence": self._checked(self.evidence_list),
        }
