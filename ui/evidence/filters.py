"""The filter bar of the Evidence view: words, criterion, skill, type and date."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from ui.evidence.model import NO_CRITERION, PERIODS


class EvidenceFilterBar(QWidget):
    """Emits ``changed(name, value)`` with an EvidenceFilter field and its new value."""

    changed = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, descriptions and reflections (Ctrl+F)")
        self.search.setAccessibleName("Search evidence")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.changed.emit("text", text))
        self.criterion_box = self._combo("Criterion filter", "criterion")
        self.skill_box = self._combo("Skill filter", "skill")
        self.type_box = self._combo("Type filter", "evidence_type")
        self.period_box = self._combo("Date filter", "days")
        refill(self.period_box, PERIODS[0][0], list(PERIODS[1:]))
        row.addWidget(self.search, 2)
        for box in (self.criterion_box, self.skill_box, self.type_box, self.period_box):
            row.addWidget(box, 1)

    def _combo(self, name: str, field: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setToolTip(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(10)
        box.currentIndexChanged.connect(lambda _: self.changed.emit(field, box.currentData()))
        return box

    def set_choices(self, criteria: list[tuple[str, str]], skills: list[tuple[str, str]]) -> None:
        """criteria: (code, name); skills: (label, uuid) of the chosen skills."""
        refill(
            self.criterion_box,
            "Any criterion",
            [(f"{code} {name}", code) for code, name in criteria]
            + [("Linked to no criterion", NO_CRITERION)],
        )
        refill(self.skill_box, "Any skill", skills)

    def set_types(self, types: list[str]) -> None:
        refill(self.type_box, "Any type", [(t, t) for t in types])

    def clear(self) -> None:
        """Back to every item: no words, any criterion, skill, type and date."""
        self.search.clear()
        for box in (self.criterion_box, self.skill_box, self.type_box, self.period_box):
            box.setCurrentIndex(0)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


def refill(box: QComboBox, first: str, entries: list[tuple[str, object]]) -> None:
    """Replace a combo's entries, keeping the current choice when it is still offered."""
    keep = box.currentData()
    box.blockSignals(True)
    box.clear()
    box.addItem(first, None)
    for text, data in entries:
        box.addItem(text, data)
    box.setCurrentIndex(max(box.findData(keep), 0) if keep is not None else 0)
    box.blockSignals(False)
