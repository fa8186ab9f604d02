"""Table models that sort their own rows, and a filter model that leaves sorting to them.

A ``QSortFilterProxyModel`` sorts by asking ``data()`` for two keys per comparison:
thousands of calls into Python for a few hundred rows. A model with ``SortedRows``
sorts its cached rows with ``sorted``, each row's key made once, and a
``SourceSorted`` filter passes a header click on to it and keeps its order. Ties
keep the order the rows were read in, as Qt's stable sort does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.common.filter_model import CellFilter


class SortedRows:
    """A mixin of a ``QAbstractItemModel`` whose ``rows`` are plain values: it needs
    ``sort_key(row, column)``. ``loaded`` holds the rows in the order they were read."""

    rows: list
    loaded: list
    order = (0, Qt.SortOrder.AscendingOrder)  # the column and order last asked for

    def load_rows(self, rows) -> None:
        """Take new rows, sorted as last asked (between begin- and endResetModel)."""
        self.loaded = list(rows)
        self.rows = self._sorted()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: B008
        if not 0 <= column < self.columnCount() or (column, order) == self.order:
            return  # (the rows are kept in the order last asked; Qt may ask twice)
        self.order = (column, order)
        self.layoutAboutToBeChanged.emit()
        held = self.persistentIndexList()
        places = [(self.rows[index.row()], index.column()) for index in held]
        self.rows = self._sorted()
        row_of = {id(row): number for number, row in enumerate(self.rows)}
        self.changePersistentIndexList(
            held, [self.createIndex(row_of[id(row)], column) for row, column in places]
        )
        self.layoutChanged.emit()

    def _sorted(self) -> list:
        column, order = self.order
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(self.loaded, key=lambda row: self.sort_key(row, column), reverse=descending)


class SourceSorted(CellFilter):
    """Filters (``filterAcceptsRow``) and leaves the order to its ``SortedRows`` source."""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: B008
        self.sourceModel().sort(column, order)
