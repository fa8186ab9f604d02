"""Item models of the Mentoring view: the meetings log and one meeting's actions.

Both cache plain rows from ``workbench.journey.mentoring`` in ``refresh``; ``data`` is a
lookup. Ticking an action in the table asks the view (``on_tick``) to do it, so
the change goes through a service and onto the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from ui.common.plain import literal
from workbench.dates import short_date
from workbench.journey import mentoring

UUID_ROLE = Qt.ItemDataRole.UserRole
DONE, TEXT, OWNER, DUE = range(4)
ACTION_HEADERS = ("Done", "Action", "Who", "Due")


class MeetingsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[mentoring.MeetingRow] = []

    def refresh(self, portfolio) -> None:
        self.beginResetModel()
        self.rows = mentoring.meetings(portfolio)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mode = f" · {row.mode}" if row.mode else ""
            details = []
            if row.open_actions:
                details.append(f"{row.open_actions} open action{'s' * (row.open_actions != 1)}")
            if row.comments:
                details.append(f"{row.comments} comment{'s' * (row.comments != 1)}")
            second = ", ".join(details) or "all actions done"
            return f"{short_date(row.meeting_date)}{mode}\n{second}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(f"Notes by {row.author_name}")
        if role == UUID_ROLE:
            return row.uuid
        return None

    def row_of(self, uuid: str) -> int:
        return next((n for n, row in enumerate(self.rows) if row.uuid == uuid), -1)


class ActionsModel(QAbstractTableModel):
    def __init__(self, on_tick: Callable[[str, bool], None], parent=None):
        super().__init__(parent)
        self.rows: list[mentoring.ActionRow] = []
        self.actor = ""
        self.today = date.today()
        self.on_tick = on_tick

    def refresh(self, actions, actor_uuid: str, today: date) -> None:
        self.beginResetModel()
        self.rows = list(actions)
        self.actor = actor_uuid
        self.today = today
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(ACTION_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(ACTION_HEADERS)
        ):
            return ACTION_HEADERS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == DONE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            if not self.rows[index.row()].may_tick(self.actor):
                flags &= ~Qt.ItemFlag.ItemIsEnabled
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        late = row.overdue(self.today)
        if role == Qt.ItemDataRole.CheckStateRole and column == DONE:
            return Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TEXT:
                return row.text
            if column == OWNER:
                return row.owner_name
            if column == DUE:
                if row.due_date is None:
                    return "—"
                return short_date(row.due_date) + (" (overdue)" if late else "")
        if role == Qt.ItemDataRole.FontRole and late:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == DONE:
            if row.may_tick(self.actor):
                return "Tick when it is done"
            return literal(f"Only {row.owner_name} or whoever wrote the action can tick it")
        if role == UUID_ROLE:
            return row.uuid
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != DONE or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.rows[index.row()]
        if not row.may_tick(self.actor):
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        self.on_tick(row.uuid, done)
        return True
