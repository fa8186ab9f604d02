"""The Coverage view and the integrity check from the Tools menu."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui.evidence.check import IntegrityCheck
from ui.evidence.coverage import CoverageView
from ui.evidence.coverage_model import COUNT_COLUMN, FIRST_ITEM, LABEL_COLUMN
from workbench.evidence.blobs import blob_path
from workbench.evidence.library import evidence_items
from workbench.store.portfolios import MENTOR, person_with_role


@pytest.fixture
def view(qtbot, session):
    widget = CoverageView(session)
    session.changed.connect(widget.refresh)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def column_of(model, label: str) -> int:
    return next(
        c
        for c in range(FIRST_ITEM, model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == label
    )


def row_of(model, starts: str) -> int:
    return next(
        r for r in range(model.rowCount()) if model.index(r, LABEL_COLUMN).data().startswith(starts)
    )


def test_the_grids_show_what_is_missing(qtmodeltester, view):
    criteria = view.criteria_model
    qtmodeltester.check(criteria)
    qtmodeltester.check(view.skills_model)
    c3 = row_of(criteria, "C3")
    assert criteria.index(c3, COUNT_COLUMN).data() == "2 — needs 1 more"
    assert criteria.index(c3, COUNT_COLUMN).data(Qt.ItemDataRole.DecorationRole) is not None
    assert criteria.index(c3, column_of(criteria, "E9")).data() == "✓"
    assert criteria.index(c3, column_of(criteria, "E1")).data() == ""
    skills = view.skills_model
    gap = row_of(skills, "4.0 ")
    assert skills.index(gap, COUNT_COLUMN).data() == "none — gap of 1"
    assert "C3 Wider professional context (2 of 3)" in view.summary.text()
    assert "E6 Email thread: setting up the staff wiki" in view.unlinked.text()


def test_double_click_links_evidence_to_a_criterion_and_undo_unlinks(qtbot, view, session):
    table = view.criteria_table
    model = view.criteria_model
    index = model.index(row_of(model, "C3"), column_of(model, "E6"))
    rect = table.visualRect(index)
    # A real double-click arrives after a first press and release.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    e6 = next(r for r in evidence_items(session.portfolio) if r.label == "E6")
    assert e6.criteria == ("C3",)
    assert model.index(row_of(model, "C3"), COUNT_COLUMN).data().startswith("3")
    assert "E6" not in view.unlinked.text()
    session.undo_stack.undo()
    e6 = next(r for r in evidence_items(session.portfolio) if r.label == "E6")
    assert e6.criteria == ()


def test_space_toggles_a_skill_link(qtbot, view, session):
    table = view.skills_table
    model = view.skills_model
    table.setFocus()
    table.setCurrentIndex(model.index(row_of(model, "1.0 "), column_of(model, "E10")))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    e10 = next(r for r in evidence_items(session.portfolio) if r.label == "E10")
    assert e10.skills == ("1.0",)
    assert session.undo_stack.undoText() == "link E10"


def test_the_mentor_sees_coverage_but_cannot_toggle(qtbot, session):
    session.switch_actor(person_with_role(session.portfolio, MENTOR))
    widget = CoverageView(session)
    qtbot.addWidget(widget)
    model = widget.criteria_model
    widget.toggle(widget.criteria_table, model.index(0, column_of(model, "E6")))
    assert next(r for r in evidence_items(session.portfolio) if r.label == "E6").criteria == ()
    assert session.undo_stack.count() == 0


def test_the_integrity_check_reports_and_removes_unused_files(qtbot, session, view, monkeypatch):
    root = session.opened.root
    rows = evidence_items(session.portfolio)
    first = next(r for r in rows if r.blob_sha)
    blob_path(root, first.blob_sha).write_bytes(b"changed behind the app's back")
    unused = hashlib.sha256(b"unused").hexdigest()
    blob_path(root, unused).parent.mkdir(exist_ok=True)
    blob_path(root, unused).write_bytes(b"unused")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    check = IntegrityCheck(session, view)
    with qtbot.waitSignal(check.done, timeout=10000) as blocker:
        check.start()
    report = blocker.args[0]
    assert [p.kind for p in report.problems] == ["changed"]  # the unused one was removed
    assert report.fixed == [f"removed blobs/{unused[:2]}/{unused}"]
    assert f"{first.label} '{first.title}'" in report.problems[0].message
    assert not blob_path(root, unused).exists()


def test_the_menu_check_keeps_files_of_deletions_that_can_be_undone(qtbot, session, view):
    from ui.evidence.commands import DeleteCommand

    row = next(r for r in evidence_items(session.portfolio) if r.blob_sha)
    session.undo_stack.push(DeleteCommand(session, [row.uuid], [row.label]))
    check = IntegrityCheck(session, view)
    check.ask = False  # no dialog: the outcome goes to the status bar
    with qtbot.waitSignal(check.done, timeout=10000) as blocker:
        check.start()
    assert blocker.args[0].ok
    assert blob_path(session.opened.root, row.blob_sha).exists()
    session.undo_stack.undo()
    assert row.label in [r.label for r in evidence_items(session.portfolio)]
