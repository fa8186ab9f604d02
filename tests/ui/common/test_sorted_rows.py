"""A model that sorts its own rows, behind a filter that leaves the order to it: the
same order as Qt's stable sort, the current row kept, new rows in the chosen order."""

from __future__ import annotations

import random

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.common.sorted_rows import SortedRows, SourceSorted

ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


class Pairs(SortedRows, QAbstractTableModel):
    """Rows of (letter, number): column 0 sorts by letter, column 1 by number."""

    def __init__(self, rows):
        super().__init__()
        self.beginResetModel()
        self.load_rows(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 0 if parent.isValid() else 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        return str(self.rows[index.row()][index.column()])

    @staticmethod
    def sort_key(row, column):
        return row[column]


def shown(proxy) -> list[tuple[str, str]]:
    return [(proxy.index(r, 0).data(), proxy.index(r, 1).data()) for r in range(proxy.rowCount())]


def test_the_order_is_a_stable_sort_of_the_rows_as_read(qtmodeltester):
    rng = random.Random(5)
    rows = [(rng.choice("abc"), n) for n in range(40)]  # many ties in column 0
    model = Pairs(rows)
    proxy = SourceSorted()
    proxy.setSourceModel(model)
    for column, order in ((0, ASCENDING), (0, DESCENDING), (1, DESCENDING), (0, ASCENDING)):
        proxy.sort(column, order)
        expected = sorted(rows, key=lambda r: r[column], reverse=order == DESCENDING)
        assert shown(proxy) == [(a, str(n)) for a, n in expected]
    qtmodeltester.check(proxy)


def test_a_sort_keeps_what_points_at_a_row_and_new_rows_come_sorted():
    model = Pairs([("b", 1), ("a", 2), ("c", 3)])
    proxy = SourceSorted()
    proxy.setSourceModel(model)
    assert shown(proxy) == [("a", "2"), ("b", "1"), ("c", "3")]  # column 0 at first
    held = QPersistentModelIndex(proxy.index(0, 1))  # ("a", 2)
    proxy.sort(0, DESCENDING)
    assert shown(proxy) == [("c", "3"), ("b", "1"), ("a", "2")]
    assert held.row() == 2 and held.column() == 1 and held.data() == "2"
    model.beginResetModel()
    model.load_rows([("z", 9), ("y", 8), ("x", 7)])
    model.endResetModel()
    assert shown(proxy) == [("z", "9"), ("y", "8"), ("x", "7")]  # still by letter, descending
