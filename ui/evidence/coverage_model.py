"""The Qt models of the coverage grids: criteria × evidence and chosen skills ×
evidence, from workbench.evidence.coverage; ``data()`` only looks them up.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from ui.common.plain import literal
from ui.evidence.model import SORT_ROLE, style_icon
from workbench.evidence.coverage import Coverage

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
