"""Qt models of the evidence library: the list of items with a filter (the coverage
grids, criteria × evidence and skills × evidence, are in coverage_model).

Each model holds plain rows from workbench.evidence.library; ``data()`` only looks
them up.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from ui.common.plain import literal
from ui.common.sorted_rows import SortedRows, SourceSorted
from workbench.dates import short_date
from workbench.evidence.library import EvidenceRow

NUMBER, TITLE, TYPE, DATE, CRITERIA, SKILLS, SOURCE = range(7)
HEADERS = ("No.", "Title", "Type", "Date", "Criteria", "Skills", "File or link")
SORT_ROLE = Qt.ItemDataRole.UserRole
UUID_ROLE = Qt.ItemDataRole.UserRole + 1

# Date filter choices: (label, days back; None = any; negative = older than)
PERIODS = (
    ("Any date", None),
    ("Last 30 days", 30),
    ("Last 3 months", 92),
    ("Last 12 months", 365),
    ("Older than 12 months", -365),
)
NO_CRITERION = "-"
# The roles EvidenceModel answers; painting asks every cell for several others.
EVIDENCE_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        UUID_ROLE,
    )
)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} bytes"


def source_text(row: EvidenceRow) -> str:
    if row.kind == "link":
        return row.url
    if row.kind == "note":
        return "Note (no file)"
    return row.source_name


class EvidenceModel(SortedRows, QAbstractTableModel):
    """The live evidence items, one row each (sorted here: ``SortedRows``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[EvidenceRow] = []
        self.loaded: list[EvidenceRow] = []

    def set_rows(self, rows: list[EvidenceRow]) -> None:
        self.beginResetModel()
        self.load_rows(rows)
        self.endResetModel()

    def row_at(self, row: int) -> EvidenceRow:
        return self.rows[row]

    def row_of(self, uuid: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r.uuid == uuid), -1)

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:  # noqa: B008
        # The bounds of hasIndex, checked here: hasIndex calls back into rowCount and
        # columnCount, and the filter maps every painted cell through index().
        if parent.isValid() or not (0 <= row < len(self.rows) and 0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS)
        if horizontal and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in EVIDENCE_ROLES or not index.isValid():
            return None
        if not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == UUID_ROLE:
            return row.uuid
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == SOURCE and row.kind == "file":
                return literal(f"{row.source_name} ({human_size(row.size)})")
            if column == TITLE and row.description:
                return literal(row.description[:300])
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE:
            return _kind_icon(row.kind)
        return None

    @staticmethod
    def _display(row: EvidenceRow, column: int):
        if column == NUMBER:
            return row.label
        if column == TITLE:
            return row.title
        if column == TYPE:
            return row.evidence_type
        if column == DATE:
            return short_date(row.item_date) if row.item_date else ""
        if column == CRITERIA:
            return ", ".join(row.criteria) or "—"
        if column == SKILLS:
            return ", ".join(row.skills) or "—"
        if column == SOURCE:
            return source_text(row)
        return None

    @staticmethod
    def sort_key(row: EvidenceRow, column: int):
        if column == NUMBER:
            return row.number
        if column == DATE:
            return row.item_date.toordinal() if row.item_date else 0
        value = EvidenceModel._display(row, column)
        return (value or "").casefold()


KIND_PIXMAPS = {
    "file": QStyle.StandardPixmap.SP_FileIcon,
    "note": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "link": QStyle.StandardPixmap.SP_DriveNetIcon,
}
_icons: dict[tuple[int, QStyle.StandardPixmap], tuple[QStyle, QIcon]] = {}


def style_icon(pixmap: QStyle.StandardPixmap) -> QIcon:
    """The application style's icon, made once per style: making one is slow, and
    painting asks for it on every visible row."""
    style = QApplication.style()
    key = (id(style), pixmap)
    held = _icons.get(key)
    if held is None or held[0] is not style:
        held = _icons[key] = (style, style.standardIcon(pixmap))
    return held[1]


def _kind_icon(kind: str) -> QIcon:
    return style_icon(KIND_PIXMAPS.get(kind, QStyle.StandardPixmap.SP_FileIcon))


class EvidenceFilter(SourceSorted):
    """Filters by criterion, skill, type, period and words in the text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.criterion: str | None = None  # a code, NO_CRITERION, or None for any
        self.skill: str | None = None  # a skill uuid
        self.evidence_type: str | None = None
        self.days: int | None = None
        self.words: list[str] = []
        self.today = date.today()

    def set_filter(self, **values) -> None:
        self.beginFilterChange()
        for name, value in values.items():
            if name == "text":
                self.words = (value or "").casefold().split()
            else:
                setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        row = self.sourceModel().row_at(source_row)
        if self.criterion == NO_CRITERION and row.criteria:
            return False
        if self.criterion not in (None, NO_CRITERION) and self.criterion not in row.criteria:
            return False
        if self.skill and self.skill not in row.skill_uuids:
            return False
        if self.evidence_type and row.evidence_type != self.evidence_type:
            return False
        if self.days is not None and not self._in_period(row.item_date):
            return False
        if self.words:
            text = " ".join(
                (row.title, row.description, row.reflection, row.source_name, row.url)
            ).casefold()
            return all(word in text for word in self.words)
        return True

    def _in_period(self, day: date | None) -> bool:
        if day is None:
            return False
        limit = self.today - timedelta(days=abs(self.days))
        return day >= limit if self.days > 0 else day < limit
