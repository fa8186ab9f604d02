"""The Coverage view: which criteria and chosen skills the evidence shows, and
what is missing (criteria with too little evidence, skills with a gap but no
evidence, evidence linked to nothing).

A mentee toggles a link by double-clicking a cell or pressing Space on it;
each toggle is an undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common.columns import size_from_sample
from ui.common.plain import escape
from ui.evidence.commands import LinksCommand
from ui.evidence.coverage_model import (
    COUNT_COLUMN,
    EVIDENCE_COLUMN_WIDTH,
    FIRST_ITEM,
    LABEL_COLUMN,
    CoverageModel,
)
from workbench.evidence import coverage as evidence_coverage
from workbench.evidence import library as evidence
from workbench.store.handles import member_of
from workbench.store.portfolios import MENTEE, person_with_role


class CoverageTable(QTableView):
    """Space on an evidence cell toggles the link, like a double-click."""

    def __init__(self, name: str, toggle, parent=None):
        super().__init__(parent)
        self.toggle = toggle
        self.setAccessibleName(name)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.doubleClicked.connect(lambda index: self.toggle(self, index))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            self.toggle(self, self.currentIndex())
            return
        super().keyPressEvent(event)

    def fit_columns(self) -> None:
        # One call for all evidence columns: setting hundreds one by one relays out each time.
        header = self.horizontalHeader()
        header.setDefaultSectionSize(EVIDENCE_COLUMN_WIDTH)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.Stretch)
        size_from_sample(self, (COUNT_COLUMN,))  # a count: a sample shows its width


class CoverageView(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.rows_by_number: dict[int, evidence.EvidenceRow] = {}
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName("Coverage summary")
        self.criteria_model = CoverageModel("criteria", self)
        self.skills_model = CoverageModel("skills", self)
        self.criteria_table = CoverageTable(
            "Criteria and the evidence that shows them", self.toggle
        )
        self.criteria_table.setModel(self.criteria_model)
        self.main_widget = self.criteria_table  # where Ctrl+4 puts the keyboard
        self.skills_table = CoverageTable(
            "Chosen skills and the evidence that shows them", self.toggle
        )
        self.skills_table.setModel(self.skills_model)
        self.unlinked = QLabel()
        self.unlinked.setWordWrap(True)
        self.unlinked.setTextFormat(Qt.TextFormat.PlainText)
        self.unlinked.setAccessibleName("Evidence linked to nothing")
        self.no_skills = QLabel()
        self.no_skills.setWordWrap(True)
        self.no_skills.setAccessibleName("No skills chosen")

        hint = QLabel("Double-click a cell, or press Space on it, to link or unlink that evidence.")
        hint.setWordWrap(True)
        top = self._section("Assessment criteria × evidence", self.criteria_table)
        self.skills_heading = QLabel()
        bottom = self._section(
            self.skills_heading, self.no_skills, self.skills_table, self.unlinked
        )
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addWidget(self.splitter, 1)
        state = QSettings().value("coverage/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([170, 490])
        self.hint = hint
        self.refresh({"all"})

    @staticmethod
    def _section(title: str | QLabel, *widgets) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = title if isinstance(title, QLabel) else QLabel(f"<b>{escape(title)}</b>")
        layout.addWidget(heading)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QTableView) else 0)
        return holder

    def refresh(self, what: set) -> None:
        if not what & {"evidence", "matrix", "ratings", "all"}:
            return
        portfolio = self.session.portfolio
        rows = evidence.evidence_items(portfolio)
        self.rows_by_number = {row.number: row for row in rows}
        result = evidence_coverage.coverage(portfolio, rows)
        uuids = {row.number: row.uuid for row in rows}
        self.criteria_model.set_coverage(result, uuids)
        self.skills_model.set_coverage(result, uuids)
        self.criteria_table.fit_columns()
        self.skills_table.fit_columns()
        self.summary.setText(summary_text(result))
        self.skills_heading.setText(f"<b>{escape(skills_heading(self.session))}</b>")
        self.hint.setVisible(self.session.is_mentee and bool(rows))
        self._show_empty_states(result, bool(rows))

    def _show_empty_states(self, result, has_items: bool) -> None:
        mentee = self.session.is_mentee
        self.no_skills.setVisible(self.skills_model.rowCount() == 0)
        self.no_skills.setText(
            "No skills chosen yet: in the Gap matrix, tick “Relevant to me” for the skills "
            "that matter in your role, and they appear here."
            if mentee
            else "Your mentee has not chosen their skills yet."
        )
        if not has_items:
            self.unlinked.setText(
                "No evidence yet: add it in Evidence, then link each item to the criteria "
                "and skills it shows."
                if mentee
                else "No evidence yet. Your mentee's evidence appears here."
            )
        elif result.unlinked:
            names = "; ".join(f"E{number} {title}" for number, title in result.unlinked)
            self.unlinked.setText(f"Evidence linked to nothing yet: {names}")
        else:
            self.unlinked.setText("Every item is linked to at least one criterion or skill.")

    def toggle(self, table: CoverageTable, index) -> None:
        """Link or unlink the evidence of the cell's column to the row's criterion or skill."""
        if not self.session.is_mentee or index.column() < FIRST_ITEM:
            return
        model = table.model()
        number, _, uuid = model.item_at(index.column())
        row = self.rows_by_number.get(number)
        if row is None:
            return
        key = model.key_at(index.row())
        criteria, skills = set(row.criteria), set(row.skill_uuids)
        target = criteria if model.kind == "criteria" else skills
        target.symmetric_difference_update({key})
        old = (set(row.criteria), set(row.skill_uuids))
        text = f"link {row.label}" if key in target else f"unlink {row.label}"
        self.session.undo_stack.push(
            LinksCommand(self.session, uuid, row.label, old, (criteria, skills), text)
        )
        table.setCurrentIndex(model.index(index.row(), index.column()))

    def save_pending(self) -> bool:
        QSettings().setValue("coverage/splitter", self.splitter.saveState())
        return True


def skills_heading(session) -> str:
    """ "Your chosen skills" to the mentee; the mentee's name to anyone else."""
    if session.is_mentee:
        return "Your chosen skills × evidence"
    person = person_with_role(session.portfolio, MENTEE)
    mentee = member_of(session.portfolio, person) if person is not None else None
    whose = f"{mentee.name}'s" if mentee is not None and mentee.name else "Your mentee's"
    return f"{whose} chosen skills × evidence"


def summary_text(result: evidence_coverage.Coverage) -> str:
    """One paragraph a candidate can act on: the count against guidance, then the gaps."""
    parts = [
        f"<b>{result.total} evidence items</b> (guidance: {result.min_items}–{result.max_items})."
    ]
    short = [c for c in result.criteria if c.short]
    if short:
        names = ", ".join(
            f"{escape(c.code)} {escape(c.name)} ({c.count} of {c.minimum})" for c in short
        )
        parts.append(f"Needs more evidence: {names}.")
    else:
        parts.append("Every criterion has at least the evidence the route asks for.")
    gaps = [s for s in result.skills if s.gap_without_evidence]
    if gaps:
        parts.append(
            f"{len(gaps)} chosen skill(s) with a gap have no evidence yet: "
            + ", ".join(escape(s.code) for s in gaps)
            + "."
        )
    if result.unlinked:
        parts.append(f"{len(result.unlinked)} item(s) are linked to nothing.")
    return " ".join(parts)
