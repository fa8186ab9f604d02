"""The filter hands a painted cell's roles to the model in one go, with the same data."""

import sys

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt

from tests.conftest import show_view
from ui.matrix.model import MATRIX_ROLES, MatrixModel
from ui.matrix.view import MatrixView

# What a delegate asks for to paint a cell: the matrix's roles and a few it does not serve.
PAINT_ROLES = sorted(
    MATRIX_ROLES
    | {
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
    },
    key=int,
)


@pytest.fixture
def view(qtbot, session):
    return show_view(qtbot, MatrixView(session), session, (1100, 700))


def every_cell(proxy):
    for area_row in range(proxy.rowCount()):
        area = proxy.index(area_row, 0)
        yield from (proxy.index(area_row, c) for c in range(proxy.columnCount()))
        for row in range(proxy.rowCount(area)):
            yield from (proxy.index(row, c, area) for c in range(proxy.columnCount(area)))


def calls_while(work, *functions) -> list[int]:
    """How often each Python function ran during ``work`` (Qt calls them from C++)."""
    codes = [function.__code__ for function in functions]
    counts = [0] * len(codes)

    def count(frame, event, _arg):
        if event == "call" and frame.f_code in codes:
            counts[codes.index(frame.f_code)] += 1

    sys.setprofile(count)
    try:
        work()
    finally:
        sys.setprofile(None)
    return counts


def test_painting_maps_a_cell_once_for_all_its_roles(view):
    index_calls, data_calls = calls_while(
        view.tree.viewport().repaint, MatrixModel.index, MatrixModel.data
    )
    assert data_calls > 100  # the cells were painted
    # Qt's own multiData maps the cell (the model's index()) once per role asked, so
    # there were more calls of index() than of data(); now one a cell, and its flags'.
    assert index_calls < data_calls * 0.7


def test_the_roles_answered_together_are_those_answered_one_by_one(view):
    cells = list(every_cell(view.proxy))
    assert len(cells) > 20
    for cell in cells:
        for role in PAINT_ROLES:
            answer = QModelRoleData(int(role))
            view.proxy.multiData(cell, QModelRoleDataSpan(answer))
            assert answer.data() == cell.data(role), (cell.row(), cell.column(), role)
