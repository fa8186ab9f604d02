"""The CPD log view: adding through the dialog, undo, totals over 12 months, CSV in and out."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from tests.ui.dragging import drop_files
from tests.ui.journey import fixtures as journey_fixtures
from tests.ui.journey.fixtures import show
from ui.journey import cpd_csv, cpd_view
from ui.journey.cpd_dialog import ActivityDialog
from ui.journey.cpd_view import CpdView
from workbench.journey import cpd

TODAY = date.today()
people = journey_fixtures.people
fresh_session = journey_fixtures.fresh_session


@pytest.fixture
def errors(monkeypatch):
    return journey_fixtures.collect_errors(monkeypatch, cpd_view, cpd_csv)


@pytest.fixture
def view(qtbot, fresh_session):
    return show(qtbot, CpdView(fresh_session), fresh_session)


def values(**changes) -> dict:
    base = {
        "activity_date": TODAY - timedelta(days=3),
        "title": "Webinar on licensing",
        "activity_type": "webinar",
        "hours": 1.5,
        "participatory": True,
        "reflection": "Learnt the basics.",
        "skills": [],
        "evidence": [],
    }
    return {**base, **changes}


def test_models_pass_the_model_tester(qtmodeltester, view):
    view.create(values())
    view.create(values(title="Book", hours=2, activity_date=TODAY - timedelta(days=400)))
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)


def test_empty_log_says_what_to_do(view):
    assert view.chart.isHidden()  # no months drawn without a bar
    assert view.stack.currentWidget() is view.empty
    assert "No CPD logged yet" in view.empty.text()
    assert view.total.text() == "0 hours of CPD"


def test_adding_through_the_dialog_then_undo_and_redo(qtbot, view, fresh_session):
    def fill_in():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ActivityDialog)
        dialog.title_edit.clear()
        qtbot.keyClicks(dialog.title_edit, "Regional group meeting")
        dialog.kind.setCurrentText("Event")
        dialog.hours.setValue(2.5)
        dialog.participatory.setChecked(True)
        qtbot.keyClicks(dialog.reflection, "Met the other subject librarians.")
        first_skill = dialog.skill_list.item(0)
        first_skill.setCheckState(Qt.CheckState.Checked)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    rows = cpd.activities(fresh_session.portfolio)
    assert [(r.title, r.hours, r.participatory, r.skills) for r in rows] == [
        ("Regional group meeting", 2.5, True, ("1.0",))
    ]
    assert view.model.rowCount() == 1 and view.stack.currentWidget() is view.table
    assert view.selected_uuid() == rows[0].uuid

    fresh_session.undo_stack.undo()
    assert cpd.activities(fresh_session.portfolio) == [] and view.model.rowCount() == 0
    fresh_session.undo_stack.redo()
    assert view.model.rowCount() == 1


def test_edit_and_delete_are_undoable(qtbot, view, fresh_session):
    uuid = view.create(values())
    view.change(uuid, values(hours=3, title="Longer webinar"))
    assert cpd.activities(fresh_session.portfolio)[0].hours == 3
    view.select(uuid)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert cpd.activities(fresh_session.portfolio) == []
    fresh_session.undo_stack.undo()
    fresh_session.undo_stack.undo()
    row = cpd.activities(fresh_session.portfolio)[0]
    assert (row.title, row.hours) == ("Webinar on licensing", 1.5)


def test_bad_hours_or_dates_are_refused_with_a_message(view, fresh_session, errors):
    assert view.create(values(hours=-1)) is None
    assert view.create(values(activity_date=TODAY + timedelta(days=2))) is None
    assert "more than zero" in errors[0] and "in the future" in errors[1]
    assert cpd.activities(fresh_session.portfolio) == []


def test_total_counts_only_the_last_12_months(view, fresh_session):
    a_year_ago = cpd.year_before(TODAY)
    view.create(values(activity_date=a_year_ago, hours=5, title="Just outside"))
    view.create(values(activity_date=a_year_ago + timedelta(days=1), hours=4, title="Inside"))
    assert view.total.text() == "4 hours of CPD"
    outside = view.model.rows[view.model.row_of(view.model.rows[-1].uuid)]
    assert outside.title == "Just outside"
    index = view.model.index(len(view.model.rows) - 1, 0)
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert "not counted" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_the_chart_and_the_types_show_every_hour_counted(view, fresh_session):
    first_day = cpd.window_start(TODAY)
    kinds = ("course", "reading", "event", "webinar", "work project", "")
    for number, kind in enumerate(kinds):
        view.create(values(activity_date=first_day, hours=number + 1, activity_type=kind))
    assert view.total.text() == "21 hours of CPD" and view.chart.isVisible()
    assert sum(hours for _, hours in view.chart.months) == 21
    assert view.chart.months[0] == (first_day.replace(day=1), 21)
    assert view.window_text.text().endswith(
        "other 6 h, work project 5 h, webinar 4 h, event 3 h, reading 2 h, course 1 h."
    )
    assert f"{first_day:%b %Y}: 21 h" in view.chart.toolTip()


def test_csv_export_and_import_round_trip(view, fresh_session, tmp_path):
    view.create(values(title="Café visit, archives", reflection='He said "yes".'))
    target = tmp_path / "log.csv"
    view.export_file(target)
    text = target.read_bytes().decode("utf-8-sig")
    assert next(csv.DictReader(text.splitlines()))["title"] == "Café visit, archives"
    for row in cpd.activities(fresh_session.portfolio):
        cpd.set_deleted(row.uuid, fresh_session.actor)
    fresh_session.notify("cpd")
    assert view.model.rowCount() == 0
    assert view.import_file(target)
    assert [r.title for r in view.model.rows] == ["Café visit, archives"]


def test_a_bad_csv_imports_nothing_and_names_the_row(view, fresh_session, tmp_path, errors):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("\ufeffdate,title,hours\n2026-01-05,Good,1\n2026-01-06,Bad,-2\n".encode())
    assert not view.import_file(bad)
    assert "row 3" in errors[0]
    assert view.model.rowCount() == 0


def test_dropping_a_csv_file_imports_it(qtbot, view, fresh_session, tmp_path, monkeypatch):
    path = tmp_path / "dropped.csv"
    path.write_text("date,title,hours\n2026-01-05,Dropped course,3\n", encoding="cp1252")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert not drop_files(view, [tmp_path / "notes.txt"])
    assert drop_files(view, [path])
    assert [r.title for r in view.model.rows] == ["Dropped course"]


def test_the_mentor_reads_but_does_not_write(qtbot, fresh_session, people):
    fresh_session.switch_actor(people[1])
    view = show(qtbot, CpdView(fresh_session), fresh_session)
    assert not view.add_button.isEnabled() and not view.import_button.isEnabled()
    assert view.export_button.isEnabled()


def test_revalidation_drafts_the_statement_from_the_log(qtbot, tmp_path, me, other, qapp):
    from tests.workbench.journey.helpers import join_mentor
    from ui.common.session import Session
    from workbench.statement.drafts import working_text
    from workbench.store.portfolios import create_portfolio

    with create_portfolio(tmp_path / "reval", me, route="revalidation") as opened:
        mentee, _ = join_mentor(opened, me, other)
        session = Session(opened, mentee)
        view = show(qtbot, CpdView(session), session)
        view.create(values(hours=12, reflection="I can now license e-books. Then more."))
        assert view.total.text() == "12 of 20 hours — 8 to go"
        assert view.draft_button.isVisible()
        qtbot.mouseClick(view.draft_button, Qt.MouseButton.LeftButton)
        text = working_text(opened.portfolio)
        assert "Webinar on licensing (12 h): I can now license e-books." in text
        session.undo_stack.undo()
        assert working_text(opened.portfolio) == ""
        session.undo_stack.clear()
