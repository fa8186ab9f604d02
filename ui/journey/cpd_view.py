"""The CPD log view: the hours of the last 12 months, the activities, CSV in and out.

The member adds, edits and deletes activities (all undoable); the mentor reads.
A CSV file can be imported with the button or by dropping it on the view (cpd_csv).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common.columns import size_from_sample
from ui.common.dialogs import show_error
from ui.common.drops import FileDropFilter
from ui.common.key_actions import KeyActions
from ui.common.sorted_rows import SourceSorted
from ui.journey.commands import push_done
from ui.journey.cpd_csv import CpdCsv
from ui.journey.cpd_dialog import ActivityDialog
from ui.journey.cpd_model import (
    DATE,
    HOURS,
    LINKS,
    PARTICIPATORY,
    TITLE,
    TYPE,
    UUID_ROLE,
    CpdModel,
    MonthlyChart,
)
from workbench.dates import short_date
from workbench.errors import WorkbenchError
from workbench.evidence.library import evidence_items
from workbench.frameworks.routes import get_route
from workbench.journey import cpd, cpd_checks, cpd_statement
from workbench.matrix.listing import skill_choices
from workbench.statement.drafts import save_working_copy

FIELDS = ("activity_date", "title", "activity_type", "hours", "participatory", "reflection")


def _row_values(row: cpd.ActivityRow) -> dict:
    values = {name: getattr(row, name) for name in FIELDS}
    values["skills"] = list(row.skills)
    values["evidence"] = [f"E{n}" for n in row.evidence]
    return values


class CpdView(CpdCsv, QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = CpdModel(self)
        self.proxy = SourceSorted(self)
        self.proxy.setSourceModel(self.model)
        FileDropFilter(
            self, self.import_dropped, suffixes=[".csv"], enabled=lambda: session.is_mentee
        )
        self._build()
        self.refresh({"all"})

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.total = QLabel()
        self.total.setObjectName("cpd-total")
        font = self.total.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.total.setFont(font)
        self.window_text = QLabel()
        self.window_text.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Hours in the last 12 months")
        self.chart = MonthlyChart()
        summary = QVBoxLayout()
        summary.addWidget(self.total)
        summary.addWidget(self.bar)
        summary.addWidget(self.window_text)
        top = QHBoxLayout()
        top.addLayout(summary, 1)
        top.addWidget(self.chart, 1)

        self.add_button = self._button("&Add activity…", self.add_activity, "Log a CPD activity")
        self.edit_button = self._button("&Edit…", self.edit_activity, "Change the chosen activity")
        self.delete_button = self._button("&Delete", self.delete_activity, "Delete (undoable)")
        self.import_button = self._button(
            "&Import CSV…", self.choose_import, "Add activities from a spreadsheet saved as CSV"
        )
        self.export_button = self._button(
            "E&xport CSV…", self.choose_export, "Save the log as CSV for a spreadsheet"
        )
        self.draft_button = self._button(
            "Draft statement from log",
            self.draft_statement,
            "Start the reflective statement from this year's activities and reflections",
        )
        bar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch()
        for button in (self.draft_button, self.import_button, self.export_button):
            bar.addWidget(button)

        self.table = QTableView()
        self.main_widget = self.table  # where the view's Ctrl+number puts the keyboard
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("CPD activities")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(LINKS, 160)
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda _: self.edit_activity())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        state = QSettings().value("cpd/header")
        if state is not None:
            header.restoreState(state)
        header.sectionResized.connect(self._save_header)

        self.empty = QLabel(
            "No CPD logged yet — press Add activity… or drop a CSV file of your log here."
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        KeyActions(
            self.table,
            {
                Qt.Key.Key_Insert: self.add_activity,
                Qt.Key.Key_Delete: self.delete_activity,
                Qt.Key.Key_Return: self.edit_activity,
                Qt.Key.Key_Enter: self.edit_activity,
            },
        )

    def _button(self, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _save_header(self, *_) -> None:
        QSettings().setValue("cpd/header", self.table.horizontalHeader().saveState())

    # Refreshing -------------------------------------------------------------------------

    def refresh(self, what: set) -> None:
        if not what & {"all", "cpd", "evidence", "portfolio"}:
            return
        portfolio = self.session.portfolio
        selected = self.selected_uuid()
        facts = cpd.summary(portfolio)
        self.model.refresh(portfolio, facts.window_start)
        self._fit_columns()
        self._show_summary(facts)
        months = cpd.monthly_totals(portfolio)
        self.chart.set_months(months)
        self.chart.setVisible(any(hours for _, hours in months))  # no bare axis of months
        self.stack.setCurrentWidget(self.table if self.model.rows else self.empty)
        self.empty.setText(
            "No CPD logged yet — press Add activity… or drop a CSV file of your log here."
            if self.session.is_mentee
            else "No CPD logged yet. Your mentee's CPD activities appear here."
        )
        if selected:
            self.select(selected)
        self.draft_button.setVisible(get_route(self.session.info.route).cpd_hours is not None)
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Size the short columns once per refresh, from a sample of rows: sizing them on
        every show (ResizeToContents), or from every row, would read all of a long log."""
        size_from_sample(self.table, (DATE, TYPE, HOURS, PARTICIPATORY))

    def _show_summary(self, facts: cpd.CpdSummary) -> None:
        if facts.required:
            state = "target met" if facts.met else f"{facts.remaining:g} to go"
            self.total.setText(f"{facts.hours:g} of {facts.required:g} hours — {state}")
            self.bar.setRange(0, int(facts.required * 10))
            self.bar.setValue(int(min(facts.hours, facts.required) * 10))
            self.bar.setFormat(f"{facts.hours:g} h")
            self.bar.setVisible(True)
        else:
            self.total.setText(f"{facts.hours:g} hours of CPD")
            self.bar.setVisible(False)
        kinds = ", ".join(f"{kind} {hours:g} h" for kind, hours in facts.by_type)
        self.window_text.setText(
            f"In the 12 months from {short_date(facts.window_start)} to "
            f"{short_date(facts.as_of)}: {facts.activities} activities, "
            f"{facts.participatory_hours:g} h participatory." + (f"\n{kinds}." if kinds else "")
        )

    def _update_buttons(self) -> None:
        member = self.session.is_mentee
        chosen = self.selected_uuid() is not None
        for button in (self.add_button, self.import_button, self.draft_button):
            button.setEnabled(member)
        self.edit_button.setEnabled(member and chosen)
        self.delete_button.setEnabled(member and chosen)
        tip = "" if member else "Only the candidate keeps the CPD log; you can read it."
        self.add_button.setToolTip(tip or "Log a CPD activity")

    def selected_uuid(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(UUID_ROLE) if rows else None

    def select(self, uuid: str) -> None:
        source_row = self.model.row_of(uuid)
        if source_row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectRow(index.row())

    # Editing ----------------------------------------------------------------------------

    def _choices(self):
        portfolio = self.session.portfolio
        skills = [(s.code, s.name) for s in skill_choices(portfolio)]
        evidence = [(f"E{row.number}", row.title) for row in evidence_items(portfolio)]
        return skills, evidence

    def _dialog(self, row=None) -> dict | None:
        skills, evidence = self._choices()
        dialog = ActivityDialog(skills, evidence, row, self)
        while dialog.exec():
            values = dialog.values()
            try:
                self._check(values)
            except WorkbenchError as exc:
                show_error(self, exc)
                continue
            return values
        return None

    @staticmethod
    def _check(values: dict) -> None:
        cpd_checks.check_date(values["activity_date"])
        cpd_checks.check_title(values["title"])
        cpd_checks.check_hours(values["hours"])

    def add_activity(self) -> None:
        if not self.session.is_mentee:
            return
        values = self._dialog()
        if values is not None:
            self.create(values)

    def create(self, values: dict) -> str | None:
        """Log an activity (undoable); return its uuid."""
        portfolio, actor = self.session.portfolio, self.session.actor
        try:
            uuid = cpd.add_activity(portfolio, actor, **values)
        except WorkbenchError as exc:
            show_error(self, exc)
            return None
        push_done(
            self.session,
            f"add CPD activity '{cpd_checks.check_title(values['title'])}'",
            lambda: cpd.set_deleted(uuid, actor, True),
            lambda: cpd.set_deleted(uuid, actor, False),
            "cpd",
        )
        self.select(uuid)
        return uuid

    def edit_activity(self) -> None:
        uuid = self.selected_uuid()
        if uuid is None or not self.session.is_mentee:
            return
        row = self.model.rows[self.model.row_of(uuid)]
        values = self._dialog(row)
        if values is not None:
            self.change(uuid, values)

    def change(self, uuid: str, values: dict) -> None:
        actor = self.session.actor
        old = _row_values(self.model.rows[self.model.row_of(uuid)])
        try:
            cpd.update_activity(uuid, actor, **values)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        push_done(
            self.session,
            f"edit CPD activity '{values['title']}'",
            lambda: cpd.update_activity(uuid, actor, **old),
            lambda: cpd.update_activity(uuid, actor, **values),
            "cpd",
        )

    def delete_activity(self) -> None:
        uuid = self.selected_uuid()
        if uuid is None or not self.session.is_mentee:
            return
        actor = self.session.actor
        title = self.model.rows[self.model.row_of(uuid)].title
        try:
            cpd.set_deleted(uuid, actor, True)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        push_done(
            self.session,
            f"delete CPD activity '{title}'",
            lambda: cpd.set_deleted(uuid, actor, False),
            lambda: cpd.set_deleted(uuid, actor, True),
            "cpd",
        )
        self.session.message.emit(f"Deleted '{title}'. Undo brings it back.")

    def draft_statement(self) -> None:
        portfolio, actor = self.session.portfolio, self.session.actor
        try:
            before = cpd_statement.draft_statement(portfolio, actor)
        except WorkbenchError as exc:
            show_error(self, exc)
            return

        after = cpd_statement.statement_outline(portfolio)
        after = f"{before.rstrip()}\n\n{after}" if before.strip() else after
        push_done(
            self.session,
            "draft the statement from the CPD log",
            lambda: save_working_copy(portfolio, actor, before),
            lambda: save_working_copy(portfolio, actor, after),
            "statement",
        )
        where = "below your draft" if before.strip() else "as a first draft"
        self.session.message.emit(
            f"The statement now holds an outline from your CPD log, {where}. "
            "Rewrite it in your own words."
        )
        self.session.go_to("statement")
