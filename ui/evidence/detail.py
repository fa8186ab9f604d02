"""The detail panel of one evidence item: its fields, links, reflection and preview.

Every change becomes an undo command (through the ``commit`` callbacks the
view gives), so each edit can be undone with Ctrl+Z.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.common.dates import DateEdit
from ui.common.keyboard import tab_chain
from ui.common.plain import plain_label
from ui.evidence.model import human_size
from ui.evidence.preview import PreviewLabel
from ui.statement.spelling_menu import check_spelling
from workbench.evidence.library import EVIDENCE_TYPES, EvidenceRow

TEXT_IDLE_MS = 1200
SKILL_ROLE = Qt.ItemDataRole.UserRole


class GrowingText(QPlainTextEdit):
    """A plain-text field that saves when focus leaves it (and after a pause in typing)."""

    left = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class EvidenceDetail(QScrollArea):
    """Shows one item; emits ``field_changed(field, value)`` and ``links_changed(c, s)``."""

    field_changed = Signal(str, object)
    links_changed = Signal(set, set)
    open_requested = Signal()
    save_copy_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Evidence details")
        self.row: EvidenceRow | None = None
        self.editable = False
        self._loading = False
        body = QWidget()
        layout = QVBoxLayout(body)

        self.heading = plain_label()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)

        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.setToolTip("A short name; the statement cites the item by its number.")
        self.title.editingFinished.connect(lambda: self._emit("title", self.title.text()))
        form.addRow("&Title:", self.title)
        self.type_box = QComboBox()
        self.type_box.setAccessibleName("Type of evidence")
        self.type_box.addItems(EVIDENCE_TYPES)
        self.type_box.activated.connect(
            lambda _: self._emit("evidence_type", self.type_box.currentText())
        )
        form.addRow("T&ype:", self.type_box)
        self.date_edit = DateEdit()
        self.date_edit.setAccessibleName("Date of the evidence")
        self.date_edit.editingFinished.connect(self._date_changed)
        form.addRow("&Date:", self.date_edit)
        self.source = QLabel()
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url = QLineEdit()
        self.url.setAccessibleName("Web address")
        self.url.editingFinished.connect(lambda: self._emit("url", self.url.text()))
        form.addRow("File:", self.source)
        form.addRow("&Web address:", self.url)
        self.url_label = form.labelForField(self.url)
        self.source_label = form.labelForField(self.source)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.open_button = QPushButton("&Open")
        self.open_button.setAccessibleName("Open with the system's program")
        self.open_button.setToolTip("Open a copy with your usual program (Enter)")
        self.open_button.clicked.connect(self.open_requested)
        self.save_button = QPushButton("Save a &copy…")
        self.save_button.setAccessibleName("Save a copy of the file")
        self.save_button.clicked.connect(self.save_copy_requested)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        layout.addLayout(buttons)

        self.preview = PreviewLabel()
        layout.addWidget(self.preview)

        self.description = self._text_field(
            "Description", "What is it? Where does it come from?", "description"
        )
        layout.addWidget(QLabel("Desc&ription:", buddy=self.description))
        layout.addWidget(self.description)
        self.reflection = self._text_field(
            "Reflection",
            "What happened, so what did you learn, now what will you do differently?",
            "reflection",
        )
        self.reflection_spelling = check_spelling(self.reflection)
        layout.addWidget(QLabel("&Reflection note:", buddy=self.reflection))
        layout.addWidget(self.reflection)

        self.criteria_box = QGroupBox("Assessment criteria it shows")
        self.criteria_layout = QVBoxLayout(self.criteria_box)
        self.criteria_checks: dict[str, QCheckBox] = {}
        layout.addWidget(self.criteria_box)

        skills_box = QGroupBox("PKSB skills it shows")
        skills_layout = QVBoxLayout(skills_box)
        self.skill_filter = QLineEdit()
        self.skill_filter.setPlaceholderText("Find a skill…")
        self.skill_filter.setAccessibleName("Find a skill to link")
        self.skill_filter.setClearButtonEnabled(True)
        self.skill_filter.textChanged.connect(self._filter_skills)
        self.all_skills = QCheckBox("Show all skills, not only my chosen ones")
        self.all_skills.toggled.connect(lambda _: self._filter_skills(self.skill_filter.text()))
        self.skill_list = QListWidget()
        self.skill_list.setAccessibleName("Skills")
        self.skill_list.setMinimumHeight(160)
        self.skill_list.itemChanged.connect(self._skill_toggled)
        skills_layout.addWidget(self.skill_filter)
        skills_layout.addWidget(self.all_skills)
        skills_layout.addWidget(self.skill_list)
        layout.addWidget(skills_box)
        layout.addStretch()
        self.setWidget(body)
        self.chosen: set[str] = set()
        # (uuid, item, its text folded for the search), read here rather than from the items
        self.skill_items: list[tuple[str, QListWidgetItem, str]] = []
        self.show_row(None)

    def _text_field(self, name: str, placeholder: str, field: str) -> GrowingText:
        edit = GrowingText()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(70)
        edit.setMaximumHeight(150)
        timer = QTimer(edit, singleShot=True, interval=TEXT_IDLE_MS)
        timer.timeout.connect(lambda: self._emit(field, edit.toPlainText()))
        edit.textChanged.connect(lambda: None if self._loading else timer.start())
        edit.left.connect(lambda: (timer.stop(), self._emit(field, edit.toPlainText())))
        return edit

    # Filling ---------------------------------------------------

    def set_choices(self, criteria: list[tuple[str, str]], skills: list[tuple], chosen: set[str]):
        """criteria: (code, name); skills: (uuid, code, name); chosen: skill uuids."""
        for check in self.criteria_checks.values():
            check.deleteLater()
        self.criteria_checks.clear()
        for code, name in criteria:
            check = QCheckBox(f"{code} {name}")
            check.setAccessibleName(f"Shows criterion {code} {name}")
            check.toggled.connect(lambda _=False: self._links_from_widgets())
            self.criteria_layout.addWidget(check)
            self.criteria_checks[code] = check
        # made after the fields below them: put them back between reflection and skills
        tab_chain(self.reflection, *self.criteria_checks.values(), self.skill_filter)
        self._loading = True
        self.skill_list.clear()
        self.skill_items = []
        flags = QListWidgetItem().flags() | Qt.ItemFlag.ItemIsUserCheckable
        unchecked = Qt.CheckState.Unchecked  # (each look-up of a Qt enum costs)
        for uuid, code, name in skills:
            text = f"{code} {name}"
            item = QListWidgetItem(text)
            item.setData(SKILL_ROLE, uuid)
            item.setFlags(flags)
            item.setCheckState(unchecked)
            self.skill_list.addItem(item)
            self.skill_items.append((uuid, item, text.casefold()))
        self._loading = False
        self.chosen = set(chosen)
        self._filter_skills(self.skill_filter.text())

    def show_row(self, row: EvidenceRow | None, editable: bool = False) -> None:
        """Show an item (or the empty state); keeps what the user is typing if unchanged."""
        self.row = row
        self.editable = editable
        self._loading = True
        try:
            self._fill(row)
        finally:
            self._loading = False
        self._filter_skills(self.skill_filter.text())

    def _fill(self, row: EvidenceRow | None) -> None:
        self.widget().setEnabled(row is not None)
        if row is None:
            self.heading.setText("No item selected")
            for edit in (self.title, self.url):
                edit.clear()
            self.description.clear()
            self.reflection.clear()
            self.date_edit.show_no_date()
            self.type_box.setCurrentIndex(-1)  # not the type of the item shown before
            self.source.clear()
            self.preview.show_message("Select an item to see it here.")
            for check in self.criteria_checks.values():
                check.setChecked(False)
            return
        self.heading.setText(f"{row.label} · {row.title}")
        _set_text(self.title, row.title)
        index = self.type_box.findText(row.evidence_type)
        if index < 0 and row.evidence_type:
            self.type_box.addItem(row.evidence_type)
            index = self.type_box.count() - 1
        self.type_box.setCurrentIndex(max(index, 0))
        day = row.item_date or date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        _set_plain(self.description, row.description)
        _set_plain(self.reflection, row.reflection)
        is_file, is_link = row.kind == "file", row.kind == "link"
        self.source.setText(
            f"{row.source_name} ({human_size(row.size)})" if is_file else "Note (no file)"
        )
        self.source.setVisible(not is_link)
        self.source_label.setVisible(not is_link)
        self.url.setVisible(is_link)
        self.url_label.setVisible(is_link)
        _set_text(self.url, row.url)
        self.open_button.setEnabled(is_file or is_link)
        self.save_button.setEnabled(is_file)
        for code, check in self.criteria_checks.items():
            check.setChecked(code in row.criteria)
        linked = set(row.skill_uuids)
        checked, unchecked = Qt.CheckState.Checked, Qt.CheckState.Unchecked
        for uuid, item, _ in self.skill_items:
            item.setCheckState(checked if uuid in linked else unchecked)
        for widget in (self.title, self.url, self.description, self.reflection):
            widget.setReadOnly(not self.editable)
        for widget in (self.type_box, self.date_edit, self.criteria_box, self.skill_list):
            widget.setEnabled(self.editable)

    def _filter_skills(self, text: str) -> None:
        words = text.casefold().split()
        linked = set(self.row.skill_uuids) if self.row else set()
        every = self.all_skills.isChecked()
        for uuid, item, text in self.skill_items:
            wanted = every or uuid in self.chosen or uuid in linked
            item.setHidden(not (wanted and all(word in text for word in words)))

    # Emitting ---------------------------------------------------

    def _emit(self, field: str, value) -> None:
        if self._loading or self.row is None or not self.editable:
            return
        if getattr(self.row, field) != value:
            self.field_changed.emit(field, value)

    def _date_changed(self) -> None:
        value = self.date_edit.date().toPython()
        self._emit("item_date", value)

    def _skill_toggled(self, _item) -> None:
        self._links_from_widgets()

    def _links_from_widgets(self) -> None:
        if self._loading or self.row is None or not self.editable:
            return
        criteria = {code for code, check in self.criteria_checks.items() if check.isChecked()}
        checked = Qt.CheckState.Checked
        skills = {uuid for uuid, item, _ in self.skill_items if item.checkState() == checked}
        if (criteria, skills) != (set(self.row.criteria), set(self.row.skill_uuids)):
            self.links_changed.emit(criteria, skills)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.preview.update()


def _set_text(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)
        edit.setCursorPosition(0)  # a long title shows its start, as it is read


def _set_plain(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText() != text:
        edit.setPlainText(text)
