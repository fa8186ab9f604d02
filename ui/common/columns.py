"""Sizing table columns to their contents without reading every row.

Qt sizes a column to its contents by asking the model for the text of up to a
thousand rows, each time the table is laid out when the mode is
ResizeToContents. A sample of rows (the visible ones first) gives the same
width for columns whose values share a form (dates, hours, a type), at a cost
that does not grow with the table.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

SAMPLE_ROWS = 50


def size_from_sample(table: QTableView, columns) -> None:
    """Size ``columns`` now to the widest of a sample of rows (their resize mode stays
    as set: Interactive lets the user widen them)."""
    table.horizontalHeader().setResizeContentsPrecision(SAMPLE_ROWS)
    for column in columns:
        table.resizeColumnToContents(column)
