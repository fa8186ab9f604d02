"""The filter models hand a painted cell's roles to their model in one go, with the same
data as role by role."""

import sys

import pytest
from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, Qt

from tests.conftest import show_view
from ui.evidence.model import EvidenceModel
from ui.evidence.view import EvidenceView
from ui.matrix.model import MatrixModel
from ui.matrix.view import MatrixView

# Qt's standard roles (what a delegate paints with among them) and the first user roles.
PAINT_ROLES = [*range(Qt.ItemDataRole.SizeHintRole + 1), 256, 257, 258]


def same(answer, expected) -> bool:
    if hasattr(expected, "cacheKey"):  # an icon or a pixmap: the same image
        return answer.cacheKey() == expected.cacheKey()
    return answer == expected


@pytest.fixture(params=[(MatrixView, MatrixModel), (EvidenceView, EvidenceModel)])
def view_and_model(request, qtbot, session):
    """A view with a filter over a Python model, and that model's class."""
    kind, model = request.param
    return show_view(qtbot, kind(session), session, (1100, 700)), model


def every_cell(proxy, parent=QModelIndex()):  # noqa: B008 - Qt's own default
    """Every cell, the children of the matrix's areas too."""
    for row in range(proxy.rowCount(parent)):
        for column in range(proxy.columnCount(parent)):
            cell = proxy.index(row, column, parent)
            yield cell
            if column == 0 and proxy.hasChildren(cell):
                yield from every_cell(proxy, cell)


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


def test_painting_maps_a_cell_once_for_all_its_roles(view_and_model):
    view, model = view_and_model
    painted = view.main_widget.viewport().repaint  # the tree or the table
    index_calls, data_calls = calls_while(painted, model.index, model.data)
    assert data_calls > 100  # the cells were painted
    # Qt's own multiData maps the cell (the model's index()) once per role asked, so
    # there were more calls of index() than of data(); now one a cell, and its flags'.
    assert index_calls < data_calls * 0.7


def test_the_roles_answered_together_are_those_answered_one_by_one(view_and_model):
    view, _model = view_and_model
    cells = list(every_cell(view.proxy))
    assert len(cells) > 20
    for cell in cells:
        for role in PAINT_ROLES:
            answer = QModelRoleData(role)
            view.proxy.multiData(cell, QModelRoleDataSpan(answer))
            assert same(answer.data(), cell.data(role)), (cell.row(), cell.column(), role)
