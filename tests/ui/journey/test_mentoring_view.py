"""The Mentoring view: the agreement, meetings, actions ticked by their owner, comments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from tests.ui.journey import fixtures as journey_fixtures
from tests.ui.journey.fixtures import show
from ui.journey import mentoring_actions, mentoring_meetings, mentoring_view
from ui.journey.mentoring_model import DONE
from ui.journey.mentoring_view import MentoringView
from workbench.journey import mentoring

TODAY = date.today()
people = journey_fixtures.people
fresh_session = journey_fixtures.fresh_session


@pytest.fixture
def errors(monkeypatch):
    return journey_fixtures.collect_errors(
        monkeypatch, mentoring_view, mentoring_meetings, mentoring_actions
    )


@pytest.fixture
def view(qtbot, fresh_session):
    return show(qtbot, MentoringView(fresh_session), fresh_session)


def test_models_pass_the_model_tester(qtmodeltester, view, people):
    meeting = view.record_meeting(TODAY - timedelta(days=2), "Phone", "Quick call.")
    view.create_action(meeting, "Send the draft", people[0].uuid, TODAY)
    view.create_action(meeting, "Read it", people[1].uuid, None)
    qtmodeltester.check(view.meetings_model)
    qtmodeltester.check(view.actions_model)


def test_empty_state_and_agreement_written_then_confirmed(qtbot, view, fresh_session, people):
    assert view.detail_stack.currentWidget() is view.empty
    assert view.write_agreement.text() == "Write the agreement…"
    view.save_agreement("Monthly calls; drafts a week ahead.")
    assert view.agreement_text.text() == "Monthly calls; drafts a week ahead."
    assert "waiting for Morgan Mentor" in view.agreement_state.text()
    assert not view.confirm_button.isVisible()
    view.save_agreement("Monthly calls.")
    fresh_session.undo_stack.undo()
    assert view.agreement_text.text() == "Monthly calls; drafts a week ahead."
    fresh_session.undo_stack.undo()
    assert view.write_agreement.text() == "Write the agreement…"
    fresh_session.undo_stack.redo()
    assert view.agreement_text.text() == "Monthly calls; drafts a week ahead."

    fresh_session.switch_actor(people[1])
    assert view.confirm_button.isVisible() and not view.write_agreement.isVisible()
    qtbot.mouseClick(view.confirm_button, Qt.MouseButton.LeftButton)
    assert view.agreement_state.text().startswith("Agreed by both")
    assert not view.confirm_button.isVisible()


def test_meeting_with_actions_ticked_by_the_owner_and_undone(qtbot, view, fresh_session, people):
    mentee, mentor = people
    uuid = view.record_meeting(TODAY - timedelta(days=7), "Video call", "Talked about C2.")
    assert view.meetings_model.rowCount() == 1
    assert view.meeting_title.text().endswith("— Video call")
    view.create_action(uuid, "Send the draft", mentee.uuid, TODAY + timedelta(days=3))
    view.create_action(uuid, "Read the draft", mentor.uuid, TODAY + timedelta(days=10))
    assert view.actions_model.rowCount() == 2

    done_cell = view.actions_model.index(0, DONE)
    assert view.actions_model.flags(done_cell) & Qt.ItemFlag.ItemIsEnabled
    view.actions_model.setData(
        done_cell, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.waitUntil(lambda: view.actions_model.rows[0].done)
    assert "1 open action" in view.meetings_model.index(0).data()

    fresh_session.undo_stack.undo()
    assert not view.actions_model.rows[0].done

    # The mentor may tick their own action, not the mentee's; neither edits the notes.
    fresh_session.switch_actor(mentor)
    cells = [view.actions_model.index(n, DONE) for n in range(2)]
    enabled = [bool(view.actions_model.flags(c) & Qt.ItemFlag.ItemIsEnabled) for c in cells]
    assert enabled == [False, True]  # the mentor wrote neither, but owns the second
    assert not view.edit_meeting_button.isEnabled()
    assert not view.add_action_button.isEnabled()


def test_only_the_owner_or_author_may_tick(qtbot, view, fresh_session, people):
    mentee, mentor = people
    meeting = mentoring.add_meeting(fresh_session.portfolio, mentor, TODAY)
    mentoring.add_action(meeting, mentor, "Mentor's own task", mentor.uuid, TODAY)
    mentoring.add_action(meeting, mentor, "Mentee's task", mentee.uuid, TODAY)
    fresh_session.notify("meetings")
    by_text = {r.text: n for n, r in enumerate(view.actions_model.rows)}
    theirs = view.actions_model.index(by_text["Mentor's own task"], DONE)
    mine = view.actions_model.index(by_text["Mentee's task"], DONE)
    assert not view.actions_model.flags(theirs) & Qt.ItemFlag.ItemIsEnabled
    assert view.actions_model.flags(mine) & Qt.ItemFlag.ItemIsEnabled
    assert not view.actions_model.setData(
        theirs, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )


def test_the_other_person_comments_on_a_meeting(qtbot, view, fresh_session, people):
    mentoring.add_meeting(fresh_session.portfolio, people[1], TODAY, "In person", "Notes.")
    fresh_session.notify("meetings")
    assert view.meeting_notes.text() == "Notes.\n(Notes by Morgan Mentor.)"
    assert not view.edit_meeting_button.isEnabled()
    assert "comment on it instead" in view.edit_meeting_button.toolTip()
    qtbot.keyClicks(view.comment_edit, "Thanks for your time.")
    qtbot.keyClick(view.comment_edit, Qt.Key.Key_Return)
    assert view.comment_list.text() == "Casey Mentee: Thanks for your time."
    assert view.comment_edit.text() == ""


def test_a_future_meeting_is_refused(view, fresh_session, errors):
    assert view.record_meeting(TODAY + timedelta(days=5)) is None
    assert "in the future" in errors[0]
    assert view.meetings_model.rowCount() == 0


def test_deleting_a_meeting_is_undoable(view, fresh_session):
    uuid = view.record_meeting(TODAY, "Email", "By email.")
    view.remove_meeting(uuid)
    assert view.meetings_model.rowCount() == 0
    assert view.detail_stack.currentWidget() is view.empty
    fresh_session.undo_stack.undo()
    assert view.meetings_model.rowCount() == 1


def test_the_sample_has_three_meetings(qtbot, session):
    view = show(qtbot, MentoringView(session), session)
    assert view.meetings_model.rowCount() == 3
    assert view.agreement_state.text().startswith("Agreed by both")


def test_recording_a_meeting_and_an_action_through_the_dialogs(qtbot, view, fresh_session):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from ui.journey.mentoring_dialogs import ActionDialog, MeetingDialog

    def accept(dialog):
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    def fill_meeting():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MeetingDialog)
        dialog.mode.setCurrentText("Phone")
        qtbot.keyClicks(dialog.notes, "Planned the next draft.")
        accept(dialog)

    QTimer.singleShot(0, fill_meeting)
    qtbot.mouseClick(view.new_meeting_button, Qt.MouseButton.LeftButton)
    assert view.meeting_title.text() == f"Meeting of {TODAY.day} {TODAY:%b %Y} — Phone"

    def fill_action():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ActionDialog)
        qtbot.keyClicks(dialog.text, "Send the second draft")
        dialog.owner.setCurrentIndex(dialog.owner.findText("Morgan Mentor"))
        accept(dialog)

    QTimer.singleShot(0, fill_action)
    qtbot.mouseClick(view.add_action_button, Qt.MouseButton.LeftButton)
    row = view.actions_model.rows[0]
    assert (row.text, row.owner_name, row.due_date) == (
        "Send the second draft",
        "Morgan Mentor",
        TODAY + timedelta(days=14),
    )
