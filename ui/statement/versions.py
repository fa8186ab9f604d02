"""The list beside the statement: the working draft (for the mentee) and every version."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ui.common.plain import literal
from workbench.dates import local_time, long_date, short_date
from workbench.statement.drafts import VersionInfo

DRAFT = "draft"


class VersionList(QListWidget):
    """Newest first; each row's key is DRAFT or a version's uuid."""

    chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Draft and versions")
        self.setToolTip("The working draft and every version sent for review")
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(2)
        self.currentItemChanged.connect(self._current_changed)

    def fill(self, infos: list[VersionInfo], with_draft: bool) -> None:
        self.blockSignals(True)
        self.clear()
        if with_draft:
            self._add(DRAFT, "Working draft\nautosaved as you type", "Your text as you write it")
        for info in reversed(infos):
            sent = local_time(info.created)
            when = f"{short_date(sent)} {sent:%H:%M}"
            tip = f"{info.title}\nSent {long_date(sent)} at {sent:%H:%M}"
            self._add(info.uuid, f"{info.title}\n{info.author_name} · {when}", tip)
        self.blockSignals(False)

    def _add(self, key: str, text: str, tip: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setToolTip(literal(tip))
        self.addItem(item)

    def row_of(self, key: str | None) -> int:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == key:
                return row
        return -1

    def first_key(self) -> str | None:
        return self.item(0).data(Qt.ItemDataRole.UserRole) if self.count() else None

    def mark_current(self, key: str | None) -> None:
        """Select the row of ``key`` without announcing it (the view already shows it)."""
        self.blockSignals(True)
        self.setCurrentRow(self.row_of(key))
        self.blockSignals(False)

    def _current_changed(self, item, _previous=None) -> None:
        if item is not None:
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
