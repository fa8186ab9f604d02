"""Qt models of the evidence library: the list of items with a filter, and the
coverage grids (criteria × evidence, skills × evidence).

Each model holds plain rows from workbench.evidence.library; ``data()`` only looks
them up.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from ui.common.plain import literal
from workbench.evidence.coverage import Coverage
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
        SORT_ROLE,
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


class EvidenceModel(QAbstractTableModel):
    """The live evidence items, one row each."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[EvidenceRow] = []
        self.sort_keys: dict[int, list] = {}  # column -> a key per row, made when first sorted

    def set_rows(self, rows: list[EvidenceRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.sort_keys = {}
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
        if role == SORT_ROLE:
            # Sorting asks for two keys per comparison: each is made once per refresh.
            keys = self.sort_keys.get(column)
            if keys is None:
                keys = self.sort_keys[column] = [self._sort_key(r, column) for r in self.rows]
            return keys[index.row()]
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
            return f"{row.item_date:%d %b %Y}" if row.item_date else ""
        if column == CRITERIA:
            return ", ".join(row.criteria) or "—"
        if column == SKILLS:
            return ", ".join(row.skills) or "—"
        if column == SOURCE:
            return source_text(row)
        return None

    @staticmethod
    def _sort_key(row: EvidenceRow, column: int):
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


class EvidenceFilter(QSortFilterProxyModel):
    """Filters by criterion, skill, type, period and words in the text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.criterion: str | None = None  # a code, NO_CRITERION, or None for any
        self.skill: str | None = None  # a skill uuid
        self.evidence_type: str | None = None
        self.days: int | None = None
        self.words: list[str] = []
        self.today = date.today()
        self.setSortRole(SORT_ROLE)

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


# Coverage ------------------------------------------------------------------------------

LABEL_COLUMN, COUNT_COLUMN = 0, 1
FIRST_ITEM = 2
CENTRED = int(Qt.AlignmentFlag.AlignCenter)
EVIDENCE_COLUMN_WIDTH = 40  # an evidence column of the coverage grids: "E123" and a tick
EVIDENCE_HEADER_HINT = QSize(EVIDENCE_COLUMN_WIDTH, 0)
COVERAGE_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        SORT_ROLE,
    )
)


def linked_background() -> QColor:
    """A tint of the palette's highlight, so light and dark themes both work."""
    color = QColor(QApplication.palette().color(QPalette.ColorRole.Highlight))
    color.setAlpha(110)
    return color


class CoverageModel(QAbstractTableModel):
    """Rows are criteria or chosen skills; columns are their count, then E1, E2, …"""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind  # "criteria" or "skills"
        self.lines: list[tuple[str, str, str, bool, frozenset[int], str]] = []
        self.items: list[tuple[int, str]] = []
        self.item_uuids: list[str] = []
        self.item_names: list[tuple[str, str]] = []  # ("E12", "E12 Title") per item
        self.linked_colour = linked_background()
        self.label_names = ("Criterion" if kind == "criteria" else "Skill", "Evidence")

    def set_coverage(self, coverage: Coverage, item_uuids: dict[int, str]) -> None:
        self.beginResetModel()
        self.linked_colour = linked_background()
        self.items = list(coverage.items)
        self.item_uuids = [item_uuids.get(number, "") for number, _ in self.items]
        self.item_names = [(f"E{number}", f"E{number} {title}") for number, title in self.items]
        if self.kind == "criteria":
            self.lines = [
                (
                    c.code,
                    f"{c.code} {c.name}",
                    _criterion_count(c.count, c.minimum, c.suggested),
                    c.short,
                    frozenset(c.items),
                    f"{c.name}: {c.count} item(s); the route asks for at least {c.minimum} "
                    f"(guidance: about {c.suggested}).",
                )
                for c in coverage.criteria
            ]
        else:
            self.lines = [
                (
                    s.uuid,
                    f"{s.code} {s.name}",
                    _skill_count(s.gap, len(s.items)),
                    s.gap_without_evidence,
                    frozenset(s.items),
                    f"{s.area_name}: {s.name}"
                    + (f" (gap {s.gap})" if s.gap is not None else " (not among your chosen)"),
                )
                for s in coverage.skills
            ]
        self.endResetModel()

    def key_at(self, row: int) -> str:
        return self.lines[row][0]

    def item_at(self, column: int) -> tuple[int, str, str]:
        number, title = self.items[column - FIRST_ITEM]
        return number, title, self.item_uuids[column - FIRST_ITEM]

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:  # noqa: B008
        # The bounds of hasIndex, checked here: hasIndex calls back into rowCount and
        # columnCount for each of the thousands of cells a paint asks for.
        if parent.isValid() or not (
            0 <= row < len(self.lines) and 0 <= column < FIRST_ITEM + len(self.items)
        ):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_ITEM + len(self.items)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or section < 0:
            return None
        if section < FIRST_ITEM:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.label_names[section]
            return None
        item = section - FIRST_ITEM
        if item >= len(self.item_names):
            return None
        if role == Qt.ItemDataRole.SizeHintRole:
            # The evidence columns are of a fixed width; the header's height comes from
            # the two label sections, in the same font. Without this hint the header
            # reads each section's text, font and icon to size itself, each time it is shown.
            return EVIDENCE_HEADER_HINT
        if role == Qt.ItemDataRole.DisplayRole:
            return self.item_names[item][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(self.item_names[item][1])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.item_names[item][1]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Painting asks each of thousands of cells for roles this model never gives.
        if role not in COVERAGE_ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self.lines)):
            return None
        key, label, count, warn, numbers, tip = self.lines[row]
        if column == LABEL_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return label
            if role == Qt.ItemDataRole.ToolTipRole:
                return literal(tip)
            return None
        if column == COUNT_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return count
            if role == Qt.ItemDataRole.DecorationRole and warn:
                return style_icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if role == Qt.ItemDataRole.ToolTipRole:
                return literal(tip)
            return None
        item = column - FIRST_ITEM
        if not (0 <= item < len(self.items)):
            return None
        number, title = self.items[item]
        linked = number in numbers
        if role == Qt.ItemDataRole.DisplayRole:
            return "✓" if linked else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.linked_colour if linked else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTRED
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"E{number} {'shows' if linked else 'does not show'} {label}"
        if role == Qt.ItemDataRole.ToolTipRole:
            verb = "shows" if linked else "is not linked to"
            return literal(f"E{number} {title} {verb} {label}")
        if role == SORT_ROLE:
            return linked
        return None


def _criterion_count(count: int, minimum: int, suggested: int) -> str:
    if count < minimum:
        return f"{count} — needs {minimum - count} more"
    if count < suggested:
        return f"{count} (about {suggested} suggested)"
    return f"{count}"


def _skill_count(gap: int | None, count: int) -> str:
    if count == 0 and gap and gap > 0:
        return f"none — gap of {gap}"
    if count == 0:
        return "none"
    return str(count)
