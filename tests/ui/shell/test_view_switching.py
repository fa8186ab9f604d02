"""Switching back to a view that is built only shows it: no query, no new rows.

Speed is never timed in a test. What is deterministic is what a switch does: a
view that was built already is shown and painted, and reads nothing again until
the session says something it shows has changed.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

from bench.make_large import build
from tests.ui.shell.test_view_queries import counted_statements
from ui.evidence.coverage_model import EVIDENCE_COLUMN_WIDTH, FIRST_ITEM
from ui.evidence.model import TITLE

TABLE_VIEWS = ("matrix", "evidence", "coverage")

# Roles painting asks of every cell that these models never answer.
UNASKED = (
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.SizeHintRole,
    Qt.ItemDataRole.WhatsThisRole,
)


@pytest.fixture
def opened(window, tmp_path, me):
    assert window.open_portfolio(build(tmp_path / "portfolio", 0.03))
    for key in TABLE_VIEWS:
        window.show_view(key)
    window.show_view("overview")
    return window


def models_of(view) -> list:
    if hasattr(view, "criteria_model"):
        return [view.criteria_model, view.skills_model]
    return [view.model]


@pytest.mark.parametrize("key", TABLE_VIEWS)
def test_showing_a_built_view_again_reads_nothing_and_keeps_its_rows(qapp, opened, key):
    view = opened.views[key]
    models = models_of(view)
    assert models, f"the {key} view has no table model"
    resets = []
    for model in models:
        model.modelReset.connect(lambda: resets.append("reset"))
        model.dataChanged.connect(lambda *_: resets.append("changed"))
    with counted_statements() as statements:
        assert opened.show_view(key) is view
        opened.repaint()
        qapp.processEvents()
        opened.show_view("overview")
        opened.show_view(key)
        qapp.processEvents()
    assert statements == []
    assert resets == []


def test_the_matrix_tree_has_uniform_row_heights(opened):
    # Lets the tree lay out hundreds of skills without asking each row its size.
    assert opened.views["matrix"].tree.uniformRowHeights()


def test_the_matrix_opens_with_only_the_chosen_skills(opened):
    view = opened.views["matrix"]
    chosen = sum(1 for group in view.model.groups for row in group.skills if row.relevant)
    everything = sum(len(group.skills) for group in view.model.groups)
    shown = sum(view.proxy.rowCount(view.proxy.index(r, 0)) for r in range(view.proxy.rowCount()))
    assert view.relevant_only.isChecked() == bool(chosen)
    assert shown == (chosen or everything)


def test_the_models_answer_no_role_they_do_not_serve(opened):
    for key in TABLE_VIEWS:
        for model in models_of(opened.views[key]):
            parent = model.index(0, 0)
            for index in (model.index(0, 1), model.index(0, 0, parent)):
                if index.isValid():
                    for role in UNASKED:
                        assert model.data(index, role) is None, (key, role)


def test_the_table_models_check_index_bounds_themselves(opened):
    for key in ("evidence", "coverage"):
        for model in models_of(opened.views[key]):
            rows, columns = model.rowCount(), model.columnCount()
            assert model.index(rows - 1, columns - 1).isValid()
            for row, column in ((rows, 0), (0, columns), (-1, 0), (0, -1)):
                assert not model.index(row, column).isValid()
            assert not model.index(0, 0, model.index(0, 0)).isValid()
            assert model.index(0, 0, QModelIndex()).isValid()


def test_the_evidence_list_makes_each_sort_key_once(opened, monkeypatch):
    view = opened.views["evidence"]
    model = view.model
    made = []
    original = model.sort_key

    def counted(row, column):
        made.append(column)
        return original(row, column)

    monkeypatch.setattr(model, "sort_key", counted)
    view.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    assert made == [TITLE] * model.rowCount()  # once per row (Qt asks to sort twice)
    titles = [model.sort_key(row, TITLE) for row in model.rows]
    assert titles == sorted(titles) and len(made) == 2 * model.rowCount()


def test_the_evidence_kind_icons_are_made_once(opened):
    model = opened.views["evidence"].model
    first = model.index(0, TITLE).data(Qt.ItemDataRole.DecorationRole)
    assert first is not None and not first.isNull()
    again = model.index(0, TITLE).data(Qt.ItemDataRole.DecorationRole)
    assert again.cacheKey() == first.cacheKey()  # the same icon, with its pixmaps


def test_the_coverage_evidence_columns_size_their_header_without_reading_it(opened):
    view = opened.views["coverage"]
    for table in (view.criteria_table, view.skills_table):
        model = table.model()
        hint = model.headerData(FIRST_ITEM, Qt.Orientation.Horizontal, Qt.ItemDataRole.SizeHintRole)
        assert hint == QSize(EVIDENCE_COLUMN_WIDTH, 0)
        header = table.horizontalHeader()
        assert header.sectionSize(FIRST_ITEM) == EVIDENCE_COLUMN_WIDTH
        # as tall as a header that reads every section's text in the same font
        plain = QStandardItemModel(0, 3)
        plain.setHorizontalHeaderLabels(
            [model.headerData(0, Qt.Orientation.Horizontal), "No.", "E1"]
        )
        other = QTableView()
        other.setFont(table.font())
        other.setModel(plain)
        assert header.sizeHint().height() == other.horizontalHeader().sizeHint().height()
