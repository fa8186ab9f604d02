"""A filter model that hands a painted cell's roles to its source in one call.

To paint a cell, a delegate asks for about ten roles at once (``multiData``). A
``QSortFilterProxyModel`` answers them one by one, mapping the cell to its
source each time, and where the source is a Python model that mapping is a call
of its ``index()``: ten calls into Python a cell, thousands a paint.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel


class CellFilter(QSortFilterProxyModel):
    """A ``QSortFilterProxyModel`` that maps a cell once for all the roles asked."""

    def multiData(self, index, roles) -> None:  # noqa: N802 - Qt's name
        self.sourceModel().multiData(self.mapToSource(index), roles)
