"""The one drop filter: which files it takes, and two kinds on one widget."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QWidget

from tests.ui.dragging import drop_files
from ui.common.drops import FileDropFilter


def test_it_takes_only_its_own_kind_one_at_a_time(qtbot, tmp_path):
    widget = QWidget()
    qtbot.addWidget(widget)
    taken = []
    FileDropFilter(widget, taken.append, suffixes=[".CSV"])
    gc.collect()  # held by its widget alone, the filter still works
    assert widget.acceptDrops()
    assert not drop_files(widget, [tmp_path / "notes.txt"])
    assert not drop_files(widget, [tmp_path / "a.csv", tmp_path / "b.csv"])
    assert drop_files(widget, [tmp_path / "Log.Csv"])
    assert taken == [[tmp_path / "Log.Csv"]]


def test_many_files_of_any_kind_while_enabled(qtbot, tmp_path):
    widget = QWidget()
    qtbot.addWidget(widget)
    taken, allowed = [], [False]
    FileDropFilter(widget, taken.append, many=True, enabled=lambda: allowed[0])
    paths = [tmp_path / "a.pdf", tmp_path / "b.docx"]
    assert not drop_files(widget, paths)
    allowed[0] = True
    assert drop_files(widget, paths)
    assert taken == [paths]


def test_two_filters_on_one_widget_each_take_their_kind(qtbot, tmp_path):
    widget = QWidget()
    qtbot.addWidget(widget)
    packages, documents = [], []
    FileDropFilter(widget, packages.append, suffixes=[".wbpack"])
    FileDropFilter(widget, documents.append, suffixes=[".docx"])
    assert drop_files(widget, [tmp_path / "review.docx"])
    assert drop_files(widget, [tmp_path / "from-sam.wbpack"])
    assert not drop_files(widget, [tmp_path / "photo.jpg"])
    assert documents == [[tmp_path / "review.docx"]]
    assert packages == [[tmp_path / "from-sam.wbpack"]]
