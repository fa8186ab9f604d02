"""The table model of the CPD log, and the small bar chart of hours per month.

The model caches plain rows from ``cpd.activities`` in ``refresh``; ``data`` is
a lookup. The chart paints with the palette so light and dark themes both work.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.common.plain import literal
from ui.common.sorted_rows import SortedRows
from workbench.dates import short_date
from workbench.journey import cpd

DATE, TITLE, TYPE, HOURS, PARTICIPATORY, LINKS = range(6)
HEADERS = ("Date", "Activity", "Type", "Hours", "Participatory", "Skills and evidence")
UUID_ROLE = Qt.ItemDataRole.UserRole


class CpdModel(SortedRows, QAbstractTableModel):
    """The activities of the log, one row each (sorted here: ``SortedRows``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[cpd.ActivityRow] = []
        self.loaded: list[cpd.ActivityRow] = []
        self.window_start = None

    def refresh(self, portfolio, window_start) -> None:
        """``window_start``: activities before it are outside the 12 months counted."""
        self.beginResetModel()
        self.load_rows(cpd.activities(portfolio))
        self.window_start = window_start
        self.endResetModel()

    def outside(self, row: cpd.ActivityRow) -> bool:
        return self.window_start is not None and row.activity_date < self.window_start

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == UUID_ROLE:
            return row.uuid
        if role == Qt.ItemDataRole.ToolTipRole:
            note = " (older than 12 months: not counted)" if self.outside(row) else ""
            return literal((row.reflection or "No reflection written yet.") + note)
        if role == Qt.ItemDataRole.FontRole and self.outside(row):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == HOURS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: cpd.ActivityRow, column: int):
        if column == DATE:
            return short_date(row.activity_date)
        if column == TITLE:
            return row.title
        if column == TYPE:
            return row.activity_type.capitalize()
        if column == HOURS:
            return f"{row.hours:g}"
        if column == PARTICIPATORY:
            return "Yes" if row.participatory else "No"
        if column == LINKS:
            return ", ".join([*row.skills, *(f"E{n}" for n in row.evidence)])
        return None

    @staticmethod
    def sort_key(row: cpd.ActivityRow, column: int):
        keys = {
            DATE: row.activity_date.isoformat(),
            TITLE: row.title.casefold(),
            TYPE: row.activity_type,
            HOURS: row.hours,
            PARTICIPATORY: int(row.participatory),
            LINKS: len(row.skills) + len(row.evidence),
        }
        return keys.get(column)

    def row_of(self, uuid: str) -> int:
        for number, row in enumerate(self.rows):
            if row.uuid == uuid:
                return number
        return -1


class MonthlyChart(QWidget):
    """Hours logged in each month the last 12 months touch, as bars (``monthly_totals``:
    the first bar counts only the window's days of its month)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.months: list[tuple] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Hours of CPD per month")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(360, 124)

    def set_months(self, months: list[tuple]) -> None:
        self.months = months
        text = ", ".join(f"{m:%b %Y}: {h:g} h" for m, h in months if h)
        self.setToolTip(text or "No CPD in the last 12 months")
        self.setAccessibleDescription(self.toolTip())
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.months:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = painter.fontMetrics()
        line = metrics.height()
        label_height = 2 * line + 2  # the month, and under it the year where one starts
        width = self.width() / len(self.months)
        top = line + 2
        usable = self.height() - label_height - top
        highest = max((h for _, h in self.months), default=0) or 1
        for number, (month, hours) in enumerate(self.months):
            x = number * width
            bar = usable * hours / highest
            rect = QRectF(x + width * 0.2, top + usable - bar, width * 0.6, bar)
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            label = QRectF(x, self.height() - label_height, width, line + 2)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, f"{month:%b}")
            if number == 0 or month.month == 1:  # 12 months touch two Decembers: which is which
                painter.drawText(
                    label.translated(0, line), Qt.AlignmentFlag.AlignCenter, f"{month:%Y}"
                )
            if hours:
                above = QRectF(x, rect.top() - line, width, line)
                painter.drawText(above, Qt.AlignmentFlag.AlignCenter, f"{hours:g}")
        painter.end()
