"""The Overview: each checklist item flips when its condition is met, links open
the place to fix it, and meeting actions due soon appear and can be ticked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

from tests.ui.journey import fixtures as journey_fixtures
from tests.ui.journey.fixtures import show
from tests.workbench.journey.helpers import sign_off_as
from ui.journey.overview import CheckRow, OverviewView
from workbench.evidence.library import add_note, set_links
from workbench.journey import cpd, mentoring, readiness
from workbench.matrix.ratings import begin_snapshot, framework_skills, set_rating
from workbench.statement import comments, drafts

TODAY = date.today()
people = journey_fixtures.people
fresh_session = journey_fixtures.fresh_session


@pytest.fixture
def view(qtbot, fresh_session):
    return show(qtbot, OverviewView(fresh_session), fresh_session)


def row(view, key) -> CheckRow:
    found = view.findChild(CheckRow, f"check-{key}")
    assert found is not None, key
    return found


def is_ticked(view, key) -> bool:
    found = row(view, key)
    assert found.accessibleName().startswith(found.item.title)
    return found.item.done and found.button is None


def test_checklist_items_flip_one_by_one(qtbot, view, fresh_session, people):
    mentee, mentor = people
    session, p = fresh_session, fresh_session.portfolio
    keys = [r.item.key for r in view.findChildren(CheckRow)]
    assert len(keys) == 10
    assert [k for k in keys if is_ticked(view, k)] == ["comments"]

    def flips(key, change, what):
        assert not is_ticked(view, key)
        change()
        session.notify(what)
        assert is_ticked(view, key), key

    start = begin_snapshot(p, mentee, "start", taken_on=TODAY - timedelta(days=30))
    skill = framework_skills(p)[0]
    flips("pksb_start", lambda: set_rating(start, skill, mentee, current=1, target=3), "matrix")
    flips("pksb_end", lambda: begin_snapshot(p, mentee, "end", taken_on=TODAY), "matrix")
    flips("statement", lambda: drafts.save_working_copy(p, mentee, "My statement."), "statement")
    for code in ("C1", "C2", "C3"):

        def three_items(code=code):
            for n in range(3):
                item = add_note(p, mentee, f"{code} note {n}")
                set_links(item.uuid, mentee, criteria={code}, skills=())

        flips(f"evidence-{code}", three_items, "evidence")
    flips("cv", lambda: add_note(p, mentee, "CV", evidence_type=readiness.CV_TYPE), "evidence")
    flips(
        "job_description",
        lambda: add_note(p, mentee, "Job", evidence_type=readiness.JOB_TYPE),
        "evidence",
    )

    def sign_off():
        sign_off_as(p, mentor, drafts.send_for_review(p, mentee))

    flips("mentor_form", sign_off, "statement")

    # Comments: an open one un-ticks the item, resolving it ticks it again.
    note = add_note(p, mentee, "Extra")
    view_of = comments.comment_on(p, mentor, "evidence", note.uuid, "Why this one?")
    session.notify("comments")
    assert not is_ticked(view, "comments")
    flips("comments", lambda: comments.resolve(p, mentee, view_of.uuid, "Explained."), "comments")

    assert view.progress.value() == 10
    assert view.checklist_box.title() == "Ready to submit!"


def test_revalidation_hours_item(qtbot, tmp_path, me, other, qapp):
    from tests.workbench.journey.helpers import join_mentor
    from ui.common.session import Session
    from workbench.store.portfolios import create_portfolio

    with create_portfolio(tmp_path / "reval", me, route="revalidation") as opened:
        mentee, _ = join_mentor(opened, me, other)
        session = Session(opened, mentee)
        view = show(qtbot, OverviewView(session), session)
        assert [r.item.key for r in view.findChildren(CheckRow)] == [
            "statement",
            "cpd_log",
            "comments",
        ]
        assert view.cpd_text.text() == "0 of 20 hours; 20 to go."
        cpd.add_activity(opened.portfolio, mentee, activity_date=TODAY, title="Course", hours=20)
        session.notify("cpd")
        assert is_ticked(view, "cpd_log")
        assert view.cpd_text.text() == "20 of 20 hours — target met."


def test_a_link_opens_the_place_to_fix_it(qtbot, fresh_session):
    view = show(qtbot, OverviewView(fresh_session), fresh_session)
    asked = []
    fresh_session.navigate.connect(lambda key, target: asked.append((key, target)))
    button = view.findChild(QPushButton, "go-evidence-C2")
    assert button.text() == "Open Evidence"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.findChild(QPushButton, "go-pksb_start"), Qt.MouseButton.LeftButton)
    assert asked == [("evidence", None), ("matrix", None)]


def test_a_mentor_reads_what_the_candidate_has_left(qtbot, portfolio, people):
    from ui.common.session import Session

    mentee, mentor = people
    drafts.save_working_copy(portfolio.portfolio, mentee, "First draft.")
    drafts.send_for_review(portfolio.portfolio, mentee)
    session = Session(portfolio, mentor)
    view = show(qtbot, OverviewView(session), session)
    start = row(view, "pksb_start")
    told = "No start snapshot yet: the candidate rates the skills that matter to their role."
    assert start.reason.text() == told
    assert start.accessibleName() == f"PKSB at the start: to do. {told}"
    assert row(view, "mentor_form").reason.text() == (
        "Not signed off yet. When the final version is in (the latest is version 1), read it, "
        "then sign it off (Tools ▸ Sign off…)."
    )
    assert row(view, "evidence-C1").reason.text() == "0 of 3 items show this criterion yet."
    assert start.button.accessibleName() == "Open: PKSB at the start"  # to read, not to fix
    session.undo_stack.clear()


def test_actions_due_soon_appear_and_the_owner_ticks_them(qtbot, view, fresh_session, people):
    mentee, mentor = people
    p = fresh_session.portfolio
    meeting = mentoring.add_meeting(p, mentor, TODAY - timedelta(days=20))
    late = mentoring.add_action(meeting, mentor, "Send draft", mentee.uuid, TODAY - timedelta(1))
    soon = mentoring.add_action(meeting, mentor, "Read draft", mentor.uuid, TODAY + timedelta(3))
    mentoring.add_action(meeting, mentor, "Far off", mentee.uuid, TODAY + timedelta(days=90))
    fresh_session.notify("meetings")

    boxes = {b.objectName(): b for b in view.findChildren(QCheckBox)}
    assert set(boxes) == {f"action-{late}", f"action-{soon}"}
    mine, theirs = boxes[f"action-{late}"], boxes[f"action-{soon}"]
    assert mine.text().startswith("Overdue: Send draft — Casey Mentee, due yesterday")
    assert theirs.text() == "Read draft — Morgan Mentor, due in 3 days"
    assert mine.isEnabled() and not theirs.isEnabled()
    assert view.findChild(QLabel, f"reminder-action-{late}") is None  # not twice on one page

    qtbot.mouseClick(mine, Qt.MouseButton.LeftButton)
    assert mentoring.due_actions(p, TODAY)[0].uuid == soon
    names = [b.objectName() for b in view.findChildren(QCheckBox) if not b.isHidden()]
    assert f"action-{late}" not in names

    fresh_session.undo_stack.undo()
    assert [a.uuid for a in mentoring.due_actions(p, TODAY)] == [late, soon]
    assert view.findChild(QCheckBox, f"action-{late}") is not None


def test_days_to_target_and_reminders(qtbot, view, fresh_session):
    p = fresh_session.portfolio
    p.target_date = TODAY + timedelta(days=12)
    p.save()
    fresh_session.notify("portfolio")
    assert view.countdown.text().startswith("12 days to go")
    label = view.findChild(QLabel, "reminder-target")
    assert label.text() == "12 days to the target date and 9 items still open."
    # It is about this page: no button leads from here to here.
    opens = [b.accessibleName() for b in view.reminder_box.findChildren(QPushButton)]
    assert "Open Overview" not in opens
    p.target_date = TODAY - timedelta(days=3)
    p.save()
    fresh_session.notify("portfolio")
    assert view.countdown.text() == "3 days past\nthe target date"


def test_the_sample_overview_shows_recent_activity(qtbot, session):
    view = show(qtbot, OverviewView(session), session)
    texts = [w.text() for w in view.recent_box.findChildren(QLabel)]
    assert len(texts) == 8 and all(" · " in t for t in texts)
    assert view.actions_box.findChildren(QCheckBox)
