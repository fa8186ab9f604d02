"""The mentoring agreement, meetings and actions, under the single-writer rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.workbench.journey.helpers import join_mentor
from workbench.errors import PermissionDenied, ValidationError
from workbench.journey import agreement, mentoring
from workbench.store.models import ActionState, Meeting

TODAY = date(2026, 11, 29)


def test_agreement_is_written_by_one_and_confirmed_by_the_other(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    assert not agreement.agreement_status(p).exists

    agreement.save_agreement(p, mentee, "We meet every six weeks.")
    status = agreement.agreement_status(p)
    assert status.author_name == "Casey Mentee"
    assert status.waiting_for == ("Morgan Mentor",) and not status.agreed

    with pytest.raises(PermissionDenied, match="written by Casey Mentee"):
        agreement.save_agreement(p, mentor, "We meet monthly.")
    with pytest.raises(ValidationError, match="the other person confirms"):
        agreement.confirm_agreement(p, mentee)

    agreement.confirm_agreement(p, mentor)
    assert agreement.agreement_status(p).agreed

    # A change by the author needs confirming again.
    agreement.save_agreement(p, mentee, "We meet every eight weeks.")
    status = agreement.agreement_status(p)
    assert not status.agreed and status.revision > 1
    agreement.confirm_agreement(p, mentor)
    assert agreement.agreement_status(p).confirmed_by == ("Morgan Mentor",)


def test_an_empty_agreement_is_refused(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    with pytest.raises(ValidationError, match="Write down"):
        agreement.save_agreement(portfolio.portfolio, mentee, "   ")


def test_meetings_refuse_future_dates_and_only_the_author_edits(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    with pytest.raises(ValidationError, match="in the future"):
        mentoring.add_meeting(p, mentee, TODAY + timedelta(days=1), today=TODAY)
    assert Meeting.select().count() == 0

    meeting = mentoring.add_meeting(p, mentor, TODAY, "Video call", "Talked about evidence.")
    with pytest.raises(PermissionDenied, match="written by Morgan Mentor"):
        mentoring.update_meeting(meeting, mentee, notes="Mine now")
    mentoring.add_meeting_comment(meeting, mentee, "Thanks, that helped.")
    row = mentoring.meetings(p)[0]
    assert row.comments == 1 and row.author_name == "Morgan Mentor"
    assert [c.text for c in mentoring.meeting_comments(meeting)] == ["Thanks, that helped."]

    mentoring.update_meeting(meeting, mentor, notes="Talked about evidence and CPD.")
    assert mentoring.meetings(p)[0].notes == "Talked about evidence and CPD."
    mentoring.set_meeting_deleted(meeting, mentor)
    assert mentoring.meetings(p) == []


def test_the_owner_ticks_an_action_with_a_record_of_their_own(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    meeting = mentoring.add_meeting(p, mentor, TODAY - timedelta(days=20))
    mine = mentoring.add_action(meeting, mentor, "Draft C1 section", mentee.uuid, TODAY)
    theirs = mentoring.add_action(meeting, mentor, "Read the draft", mentor.uuid, TODAY)

    state = mentoring.set_action_done(mine, mentee, True)
    assert ActionState.get_by_id(state).author == mentee.uuid  # the owner's own record
    assert mentoring.get_action(mine).revision == 1  # the author's record is untouched
    with pytest.raises(PermissionDenied, match="owns this action"):
        mentoring.set_action_done(theirs, mentee, True)
    with pytest.raises(PermissionDenied):
        mentoring.update_action(mine, mentee, "Changed", mentee.uuid, None)

    done = {a.text: a.done for a in mentoring.actions(p)}
    assert done == {"Draft C1 section": True, "Read the draft": False}
    # The author may also tick it; the tick made after seeing the first is in force.
    mentoring.set_action_done(mine, mentor, False)
    assert not next(a for a in mentoring.actions(p) if a.uuid == mine).done
    assert ActionState.select().count() == 2


def test_actions_due_soon_and_overdue(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    meeting = mentoring.add_meeting(p, mentee, TODAY - timedelta(days=40), today=TODAY)
    add = mentoring.add_action
    add(meeting, mentee, "Overdue", mentee.uuid, TODAY - timedelta(days=3))
    add(meeting, mentee, "Soon", mentor.uuid, TODAY + timedelta(days=5))
    add(meeting, mentee, "Later", mentee.uuid, TODAY + timedelta(days=60))
    add(meeting, mentee, "Whenever", mentee.uuid, None)
    done = add(meeting, mentee, "Done already", mentee.uuid, TODAY)
    mentoring.set_action_done(done, mentee)

    due = mentoring.due_actions(p, TODAY)
    assert [a.text for a in due] == ["Overdue", "Soon"]
    assert due[0].overdue(TODAY) and not due[1].overdue(TODAY)
    assert due[1].owner_name == "Morgan Mentor"
    assert mentoring.meetings(p)[0].open_actions == 4


@pytest.mark.parametrize(
    ("text", "owner", "due", "message"),
    [
        ("  ", "mentee", None, "Say what"),
        ("Do it", "stranger", None, "Choose who"),
        ("Do it", "mentee", date(2026, 1, 1), "due before the meeting"),
    ],
)
def test_bad_actions_are_refused(portfolio, me, other, text, owner, due, message):
    mentee, _ = join_mentor(portfolio, me, other)
    meeting = mentoring.add_meeting(portfolio.portfolio, mentee, TODAY, today=TODAY)
    owner_uuid = mentee.uuid if owner == "mentee" else "not-a-member"
    with pytest.raises(ValidationError, match=message):
        mentoring.add_action(meeting, mentee, text, owner_uuid, due)
