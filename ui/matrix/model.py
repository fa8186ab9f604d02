"""Qt models of the gap matrix: areas with their skills, a filter, and a comparison.

The models hold plain rows from workbench.matrix.ratings; ``data()`` only looks them up.
Edits go through an ``editor`` callback so the view can wrap them in undo commands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from ui.common.filter_model import CellFilter
from ui.common.plain import literal
from workbench.frameworks.spec import ScaleLevel
from workbench.matrix.comparison import ComparisonRow
from workbench.matrix.ratings import MatrixRow

SKILL, RELEVANT, CURRENT, TARGET, GAP, MENTOR, NOTE = range(7)
HEADERS = ("Skill", "Relevant to me", "Current", "Target", "Gap", "Mentor's view", "Note")
# As a mentor reads them: the relevance is the mentee's choice, not theirs.
MENTOR_HEADERS = (*HEADERS[:RELEVANT], "Mentee's choice", *HEADERS[RELEVANT + 1 :])
RATING_COLUMNS = (CURRENT, TARGET, MENTOR)
FIELD_OF_COLUMN = {
    CURRENT: "current",
    TARGET: "target",
    MENTOR: "mentor",
    NOTE: "note",
    RELEVANT: "relevant",
}
SKILL_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
NO_PARENT = 0
# The roles MatrixModel answers; painting asks every cell for several others.
MATRIX_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.FontRole,
        SKILL_ROLE,
        ROW_ROLE,
    )
)
CENTRED = int(Qt.AlignmentFlag.AlignCenter)
# Item flags, combined once: combining Qt's flags in Python is slow, and painting
# asks each visible cell for its flags.
READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable
CHECKABLE = READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable
NO_FLAGS = Qt.ItemFlag.NoItemFlags
MENTEE_COLUMNS = frozenset((RELEVANT, CURRENT, TARGET, NOTE))

Editor = Callable[[str, str, object], bool]


@dataclass
class AreaGroup:
    uuid: str
    code: str
    name: str
    skills: list[MatrixRow] = field(default_factory=list)

    @property
    def chosen(self) -> int:
        return sum(1 for s in self.skills if s.relevant)


def format_gap(value: int | None) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else str(value)


class MatrixModel(QAbstractItemModel):
    """Two levels: areas (top) and their skills (children)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[AreaGroup] = []
        self.scale: list[ScaleLevel] = []
        self.editor: Editor | None = None
        self.mentee_can_edit = False
        self.mentor_can_edit = False
        self.area_font = QFont()  # an area's row is bold
        self.area_font.setBold(True)

    # Filling ---------------------------------------------------

    def set_rows(self, rows: list[MatrixRow], scale: list[ScaleLevel]) -> None:
        """Replace the rows; keeps the tree (and selection) when the skills are the same."""
        groups = _group(rows)
        same_shape = [(g.uuid, [s.skill for s in g.skills]) for g in groups] == [
            (g.uuid, [s.skill for s in g.skills]) for g in self.groups
        ]
        self.scale = scale
        if same_shape and self.groups:
            self.groups = groups
            self._all_changed()
            return
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    def set_permissions(self, mentee: bool, mentor: bool) -> None:
        """Who may edit; every cell's flags change only when that does."""
        if (mentee, mentor) == (self.mentee_can_edit, self.mentor_can_edit):
            return
        self.mentee_can_edit, self.mentor_can_edit = mentee, mentor
        self._all_changed()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, RELEVANT, RELEVANT)

    def _all_changed(self) -> None:
        last = len(HEADERS) - 1
        for row, group in enumerate(self.groups):
            parent = self.index(row, 0)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            if group.skills:
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(group.skills) - 1, last, parent)
                )

    def label(self, value: int | None) -> str:
        if value is None:
            return "—"
        for level in self.scale:
            if level.value == value:
                return f"{value} · {level.label}"
        return str(value)

    # Structure ---------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        # The bounds of hasIndex, checked here: hasIndex calls back into rowCount and
        # columnCount, and painting asks for thousands of indexes.
        if row < 0 or not 0 <= column < len(HEADERS):
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, column, NO_PARENT)
                if row < len(self.groups)
                else QModelIndex()
            )
        if parent.internalId() != NO_PARENT or parent.column() != 0:
            return QModelIndex()
        if row >= len(self.groups[parent.row()].skills):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, NO_PARENT)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == NO_PARENT and parent.column() == 0:
            return len(self.groups[parent.row()].skills)
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (MENTOR_HEADERS if self.mentor_can_edit else HEADERS)[section]
        return None

    def row_at(self, index: QModelIndex) -> MatrixRow | None:
        if not index.isValid() or index.internalId() == NO_PARENT:
            return None
        return self.groups[index.internalId() - 1].skills[index.row()]

    def group_at(self, index: QModelIndex) -> AreaGroup | None:
        if not index.isValid():
            return None
        if index.internalId() == NO_PARENT:
            return self.groups[index.row()]
        return self.groups[index.internalId() - 1]

    # Data ---------------------------------------------------

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role not in MATRIX_ROLES or not index.isValid():
            return None
        row = self.row_at(index)
        if row is None:
            return self._area_data(self.groups[index.row()], index.column(), role)
        return self._skill_data(row, index.column(), role)

    def _area_data(self, group: AreaGroup, column: int, role):
        if role == Qt.ItemDataRole.FontRole:
            return self.area_font
        if column == SKILL and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return f"{group.code}  {group.name}"
        if column == RELEVANT and role == Qt.ItemDataRole.DisplayRole:
            return f"{group.chosen} of {len(group.skills)}" if group.chosen else ""
        return None

    def _skill_data(self, row: MatrixRow, column: int, role):
        display = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
        if role == SKILL_ROLE:
            return row.skill
        if role == ROW_ROLE:
            return row
        if column == SKILL:
            if display:
                return f"{row.code}  {row.name}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return literal(row.description or row.name)
        elif column == RELEVANT:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.relevant else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "relevant" if row.relevant else "not chosen"
        elif column in (CURRENT, TARGET, MENTOR):
            value = {CURRENT: row.current, TARGET: row.target, MENTOR: row.mentor_rating}[column]
            if display:
                return self.label(value)
            if role == Qt.ItemDataRole.EditRole:
                return value
            if role == Qt.ItemDataRole.ToolTipRole and column == MENTOR and row.mentor_note:
                return literal(row.mentor_note)
        elif column == GAP:
            if display:
                return format_gap(row.gap)
            if role == Qt.ItemDataRole.ToolTipRole and row.gap:
                return f"{row.gap} level(s) to go from current to target"
        elif column == NOTE and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.note
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CURRENT, TARGET, GAP, MENTOR):
            return CENTRED
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        if index.internalId() == NO_PARENT:
            return READ_ONLY  # an area
        column = index.column()
        if (column in MENTEE_COLUMNS and self.mentee_can_edit) or (
            column == MENTOR and self.mentor_can_edit
        ):
            return CHECKABLE if column == RELEVANT else EDITABLE
        return READ_ONLY

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index)
        column = index.column()
        editable = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        if row is None or self.editor is None or not self.flags(index) & editable:
            return False
        if column == RELEVANT and role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole or column not in FIELD_OF_COLUMN:
            return False
        if column in RATING_COLUMNS and value is not None:
            value = int(value)
        return self.editor(row.skill, FIELD_OF_COLUMN[column], value)

    def skill_index(self, skill: str, column: int = SKILL) -> QModelIndex:
        for area_row, group in enumerate(self.groups):
            for skill_row, row in enumerate(group.skills):
                if row.skill == skill:
                    return self.index(skill_row, column, self.index(area_row, 0))
        return QModelIndex()


def _group(rows: list[MatrixRow]) -> list[AreaGroup]:
    groups: dict[str, AreaGroup] = {}
    for row in rows:
        group = groups.get(row.area)
        if group is None:
            group = groups[row.area] = AreaGroup(row.area, row.area_code, row.area_name)
        group.skills.append(row)
    return list(groups.values())


class MatrixFilter(CellFilter):
    """Hides skills by relevance, gap, area and a search text; areas follow their skills."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.relevant_only = False
        self.gaps_only = False
        self.area = ""
        self.search = ""

    def set_filter(self, **changes) -> None:
        self.beginFilterChange()
        for name, value in changes.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not source_parent.isValid():
            return False  # an area shows when one of its skills does
        # The row is read from the model's lists, not through index() and data():
        # filtering asks about every skill each time a filter or a rating changes.
        row = self.sourceModel().groups[source_parent.row()].skills[source_row]
        if self.relevant_only and not row.relevant:
            return False
        if self.gaps_only and not (row.gap or 0) > 0:
            return False
        if self.area and row.area != self.area:
            return False
        needle = self.search.casefold().strip()
        return not needle or needle in search_text(row)


def search_text(row: MatrixRow) -> str:
    """What the search box looks in: the skill's code, name, description and note."""
    return f"{row.code} {row.name} {row.description} {row.note}".casefold()


COMPARE_HEADERS = ("Skill", "Area", "Before", "After", "Change", "Target before", "Target after")


class ComparisonModel(QAbstractTableModel):
    """Two snapshots side by side, one row per skill."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[ComparisonRow] = []

    def set_rows(self, rows: list[ComparisonRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COMPARE_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COMPARE_HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role not in MATRIX_ROLES or not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return CENTRED
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        values = (
            f"{row.code}  {row.name}",
            row.area_name,
            _number(row.before_current),
            _number(row.after_current),
            _change(row.change),
            _number(row.before_target),
            _number(row.after_target),
        )
        return values[column]


def _number(value: int | None) -> str:
    return "—" if value is None else str(value)


def _change(value: int | None) -> str:
    if value is None:
        return "—"
    if value > 0:
        return f"▲ +{value}"
    if value < 0:
        return f"▼ {value}"
    return "no change"
