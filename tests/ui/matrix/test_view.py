"""The gap matrix view, driven with the keyboard and mouse as a user would."""

import pytest
from PySide6.QtCore import Qt

from tests.conftest import show_view
from ui.matrix.dialogs import NewSnapshotDialog
from ui.matrix.model import CURRENT, MENTOR, RELEVANT, TARGET
from ui.matrix.view import MatrixView
from workbench.matrix import ratings as matrix
from workbench.store.portfolios import MENTOR as MENTOR_ROLE
from workbench.store.portfolios import person_with_role


@pytest.fixture
def view(qtbot, session):
    return show_view(qtbot, MatrixView(session), session, (1100, 700))


def cell(view, code, column):
    source = view.model.skill_index(view.model_row(code).skill, column)
    return view.proxy.mapFromSource(source)


def stored(session, code):
    snapshot = matrix.latest_snapshot(session.portfolio)
    return next(r for r in matrix.matrix_rows(snapshot) if r.code == code)


def type_in(qtbot, view, code, column, keys):
    index = cell(view, code, column)
    assert index.isValid(), f"{code} is hidden"
    view.tree.setCurrentIndex(index)
    view.tree.setFocus()
    qtbot.keyClicks(view.tree, keys)


def test_every_model_passes_the_model_tester(qtmodeltester, view):
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    view.tabs.setCurrentIndex(1)
    assert view.comparison.rowCount() == 12
    qtmodeltester.check(view.comparison)


def test_typing_a_digit_rates_the_skill_and_undo_restores_it(qtbot, view, session):
    assert stored(session, "10.4").current == 3
    type_in(qtbot, view, "10.4", CURRENT, "4")
    assert stored(session, "10.4").current == 4
    assert view.model_row("10.4").gap == -1
    assert cell(view, "10.4", CURRENT).data() == "4 · Expert"
    session.undo_stack.undo()
    assert stored(session, "10.4").current == 3
    assert cell(view, "10.4", CURRENT).data() == "3 · Proficient"
    session.undo_stack.redo()
    assert stored(session, "10.4").current == 4


def test_delete_clears_a_rating_and_space_toggles_relevance(qtbot, view, session):
    view.relevant_only.setChecked(False)
    type_in(qtbot, view, "5.0", TARGET, "")
    qtbot.keyClick(view.tree, Qt.Key.Key_Delete)
    assert stored(session, "5.0").target is None
    type_in(qtbot, view, "3.0", RELEVANT, " ")
    assert stored(session, "3.0").relevant is True
    session.undo_stack.undo()
    assert stored(session, "3.0").relevant is False


def test_a_new_snapshot_keeps_the_old_one_unchanged(qtbot, view, session, monkeypatch):
    old = matrix.latest_snapshot(session.portfolio)
    before = {r.code: r.current for r in matrix.matrix_rows(old)}

    def fill_and_accept(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("review"))
        dialog.label.setText("Six-month review")
        return True

    monkeypatch.setattr(NewSnapshotDialog, "exec", fill_and_accept)
    qtbot.mouseClick(view.new_snapshot_button, Qt.MouseButton.LeftButton)
    assert view.snapshot.label == "Six-month review"
    type_in(qtbot, view, "7.0", CURRENT, "3")
    assert stored(session, "7.0").current == 3
    assert {r.code: r.current for r in matrix.matrix_rows(old)} == before
    # Looking back at the old snapshot: read-only, and typing changes nothing.
    view.snapshot_box.setCurrentIndex(view.snapshot_box.findData(old.uuid))
    assert view.frozen_banner.isVisible()
    assert "kept as it was" in view.frozen_banner.text()
    type_in(qtbot, view, "7.0", CURRENT, "4")
    assert {r.code: r.current for r in matrix.matrix_rows(old)} == before


def visible_skills(view):
    codes = []
    for area_row in range(view.proxy.rowCount()):
        area = view.proxy.index(area_row, 0)
        codes += [
            view.proxy.index(r, 0, area).data().split()[0] for r in range(view.proxy.rowCount(area))
        ]
    return codes


def test_filters_hide_and_show_skills(qtbot, view):
    assert view.relevant_only.isChecked()  # chosen skills first: the PKSB is big
    assert len(visible_skills(view)) == 12
    view.relevant_only.setChecked(False)
    assert len(visible_skills(view)) == 20
    view.gaps_only.setChecked(True)
    gaps = visible_skills(view)
    assert "2.0" not in gaps and "10.1" in gaps
    view.gaps_only.setChecked(False)
    qtbot.keyClicks(view.search, "literacy")
    assert visible_skills(view) == ["10.1", "10.2"]
    view.search.clear()
    view.area_box.setCurrentIndex(view.area_box.findText("10  Literacies and learning"))
    assert len(visible_skills(view)) == 5
    assert view.proxy.rowCount() == 1


def test_compare_shows_the_change_between_two_snapshots(view):
    view.tabs.setCurrentIndex(1)
    row = next(
        r for r in range(view.comparison.rowCount()) if view.comparison.rows[r].code == "10.2"
    )
    values = [view.comparison.index(row, c).data() for c in range(7)]
    assert values[2:5] == ["2", "3", "▲ +1"]
    assert "7 improved" in view.compare_summary.text()


def test_the_chart_shows_one_category_per_chosen_area(view):
    view.tabs.setCurrentIndex(2)
    series = view.chart.chart.series()[0]
    assert [s.label().split(":")[0] for s in series.barSets()] == ["Start", "Now", "Target"]
    assert series.barSets()[0].count() == 9


def test_the_area_comment_is_saved(qtbot, view, session):
    view.relevant_only.setChecked(False)  # an area the sample has no comment on
    view.tree.setCurrentIndex(cell(view, "3.0", CURRENT))
    view.comment_edit.setFocus()
    qtbot.keyClicks(view.comment_edit, "Survey write-up")
    snapshot = matrix.latest_snapshot(session.portfolio)
    assert matrix.area_comments(snapshot).get(view.model_row("3.0").area) is None
    qtbot.waitUntil(lambda: not view.comment_timer.isActive(), timeout=3000)
    snapshot = matrix.latest_snapshot(session.portfolio)
    area = view.model_row("3.0").area
    assert matrix.area_comments(snapshot)[area] == "Survey write-up"


def test_the_mentor_rates_in_their_own_column_only(qtbot, view, session):
    session.switch_actor(person_with_role(session.portfolio, MENTOR_ROLE))
    view.refresh({"all"})
    assert not cell(view, "10.4", CURRENT).flags() & Qt.ItemFlag.ItemIsEditable
    type_in(qtbot, view, "10.4", CURRENT, "1")
    assert stored(session, "10.4").current == 3
    type_in(qtbot, view, "10.4", MENTOR, "2")
    assert stored(session, "10.4").mentor_rating == 2
    assert stored(session, "10.4").current == 3
    assert not view.new_snapshot_button.isVisible()


def test_the_mentor_reads_the_mentees_choice_and_comments(qtbot, view, session):
    header = view.model.headerData(RELEVANT, Qt.Orientation.Horizontal)
    assert header == "Relevant to me" and "relevant to me" in view.relevant_only.text()
    session.switch_actor(person_with_role(session.portfolio, MENTOR_ROLE))
    view.refresh({"all"})
    assert view.model.headerData(RELEVANT, Qt.Orientation.Horizontal) == "Mentee's choice"
    assert view.relevant_only.text() == "Only the mentee's &chosen skills"
    assert view.comment_edit.placeholderText().startswith("The mentee has not written")
    view.tree.setCurrentIndex(cell(view, "10.4", CURRENT))
    assert view.comment_label.text().startswith("How the mentee will show learning in <b>")
