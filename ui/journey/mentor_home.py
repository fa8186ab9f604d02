"""The mentor's home: each mentee's portfolio, what is new, open comments, days left,
and when the mentee's last package arrived.

The rows come from ``workbench.journey.mentor_home`` (read-only reads of each
portfolio folder) in ``refresh()``; ``data()`` only looks them up.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
)

from ui.common.keyboard import main_button
from ui.common.plain import literal
from ui.sharing.opening import choose_and_open
from workbench.dates import local_time, short_date
from workbench.journey.mentor_home import MenteeSummary, mentor_home
from workbench.store.identity import load_identity

HEADERS = (
    "Portfolio",
    "Mentee",
    "New since you looked",
    "Open comments",
    "Days left",
    "Version",
    "Last arrival",
)
NEWS_NAMES = {
    "statement_version": "version",
    "comment": "comment",
    "rating": "rating",
    "evidence_item": "evidence item",
    "meeting": "meeting",
    "cpd_activity": "CPD activity",
}


def describe_news(news: dict) -> str:
    parts = []
    for table, name in NEWS_NAMES.items():
        count = news.get(table, 0)
        if count:
            parts.append(f"{count} {name}{'s' if count != 1 else ''}")
    others = sum(v for k, v in news.items() if k not in NEWS_NAMES)
    if others and not parts:
        parts.append(f"{others} other change{'s' if others != 1 else ''}")
    return ", ".join(parts) or "Nothing new"


def describe_arrival(when: datetime | None, now: datetime | None = None) -> str:
    """When the mentee's last package brought something, in this computer's local time."""
    if when is None:
        return "Nothing yet"
    local = local_time(when)
    today = (now or datetime.now().astimezone()).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return f"Today {clock}"
    if local.date() == today - timedelta(days=1):
        return f"Yesterday {clock}"
    return f"{short_date(local)} {clock}"


def describe_days(row: MenteeSummary) -> str:
    if row.days_left is None:
        return "No target date"
    if row.days_left < 0:
        return f"{-row.days_left} days overdue"
    return f"{row.days_left} days"


class MentorHomeModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[MenteeSummary] = []
        self.cells: list[tuple[str, ...]] = []

    def refresh(self, rows: list[MenteeSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.cells = [
            (
                r.title,
                r.mentee,
                describe_news(r.news),
                str(r.open_comments),
                describe_days(r),
                f"v{r.latest_version}" if r.latest_version else "No draft yet",
                describe_arrival(r.last_arrival),
            )
            for r in rows
        ]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.cells)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.FontRole and index.column() == 2:
            row = self.rows[index.row()]
            if row.news_count:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(str(self.rows[index.row()].root))
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None


class MentorHomeDialog(QDialog):
    """A window of the mentor's mentees; double-click one to open it."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Mentor's home")
        self.model = MentorHomeModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Your mentees")
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move in the table
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.empty = QLabel(
            "No mentees yet — when a mentee sends you a package, open it with "
            "File ▸ Open package… (or drop it on the window) and their portfolio appears here."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.table)
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Open the selected mentee's portfolio")
        self.open_button.clicked.connect(self._open_selected)
        package = QPushButton("Open &package…")
        package.setToolTip("Bring in a package a mentee sent you")
        package.clicked.connect(self._open_package)
        refresh = QPushButton("&Refresh")
        refresh.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(package)
        buttons.addStretch()
        buttons.addWidget(refresh)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        main_button(self, self.open_button)  # Enter opens the selected mentee's portfolio
        self.resize(900, 360)
        geometry = QSettings().value("mentor-home/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def refresh(self) -> None:
        identity = load_identity()
        self.model.refresh(mentor_home(identity.uuid) if identity else [])
        has_rows = self.model.rowCount() > 0
        self.pages.setCurrentWidget(self.table if has_rows else self.empty)
        self.open_button.setEnabled(has_rows)
        if has_rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_row(rows[0].row())

    def open_row(self, row: int) -> bool:
        if not (0 <= row < len(self.model.rows)):
            return False
        opened = self.window_.open_portfolio(self.model.rows[row].root)
        if opened:
            self.window_.part("sync").follow_session()  # marks it as looked at now
            self.refresh()
        return opened

    def _open_package(self) -> None:
        choose_and_open(self.window_)
        self.refresh()

    def done(self, result: int) -> None:
        QSettings().setValue("mentor-home/geometry", self.saveGeometry())
        super().done(result)
