"""The readiness checklist: each item flips when its condition is met."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.workbench.journey.helpers import join_mentor, sign_off_as
from workbench.evidence.library import add_note, set_links
from workbench.journey import agreement, cpd, mentoring, readiness, reminders
from workbench.matrix.ratings import begin_snapshot, framework_skills, set_rating
from workbench.statement import comments, drafts
from workbench.store.models import SignOff
from workbench.store.roles import MENTEE, MENTOR
from workbench.submission.plan import verified_signoff

TODAY = date.today()


def state(opened):
    return readiness.readiness(opened.portfolio, TODAY)


def done(opened, key) -> bool:
    return state(opened).item(key).done


def test_chartership_items_follow_the_route(portfolio, me, other):
    keys = [i.key for i in state(portfolio).items]
    assert keys == [
        "statement",
        "evidence-C1",
        "evidence-C2",
        "evidence-C3",
        "pksb_start",
        "pksb_end",
        "cv",
        "job_description",
        "mentor_form",
        "comments",
    ]
    assert {i.place for i in state(portfolio).items} <= {"matrix", "evidence", "statement"}


def test_pksb_items_flip_with_the_snapshots(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    assert not done(portfolio, "pksb_start")
    start = begin_snapshot(p, mentee, "start", taken_on=TODAY - timedelta(days=10))
    assert "no skills rated" in state(portfolio).item("pksb_start").reason
    set_rating(start, framework_skills(p)[0], mentee, current=1, target=3)
    assert done(portfolio, "pksb_start")
    assert not done(portfolio, "pksb_end")
    begin_snapshot(p, mentee, "end", taken_on=TODAY)
    assert done(portfolio, "pksb_end")


def test_statement_item_flips_with_the_word_count(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    assert state(portfolio).item("statement").reason == "No statement written yet."
    drafts.save_working_copy(p, mentee, "word " * 1005)
    item = state(portfolio).item("statement")
    assert not item.done and "5 over the 1000-word limit" in item.reason
    drafts.save_working_copy(p, mentee, "# Heading\n\n" + "word " * 999)
    assert done(portfolio, "statement")


def test_each_criterion_needs_enough_evidence(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    for n in range(3):
        item = add_note(p, mentee, f"Note {n}")
        set_links(item.uuid, mentee, criteria={"C1"} if n < 2 else {"C1", "C2"}, skills=())
        assert done(portfolio, "evidence-C1") == (n == 2)
    reason = state(portfolio).item("evidence-C2").reason
    assert reason == "1 of 3 items show this criterion; link more."
    assert not done(portfolio, "evidence-C3")


def test_cv_and_job_description_are_evidence_of_their_type(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    assert "'Annotated CV'" in state(portfolio).item("cv").reason
    add_note(p, mentee, "My CV", evidence_type=readiness.CV_TYPE)
    assert done(portfolio, "cv") and not done(portfolio, "job_description")
    add_note(p, mentee, "My job", evidence_type=readiness.JOB_TYPE)
    assert done(portfolio, "job_description")


def test_signoff_must_be_for_the_latest_version(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio

    def signed_off() -> bool:
        """The checklist's answer, which the submission's sign-off page must share."""
        ticked = done(portfolio, "mentor_form")
        assert ticked == (verified_signoff(p) is not None)
        return ticked

    def told_mentor() -> str:
        return state(portfolio).item("mentor_form").reason_for(MENTOR)

    assert "Send a version" in state(portfolio).item("mentor_form").reason
    assert told_mentor() == "No version sent for review yet; you sign off the final one."
    assert not signed_off()
    drafts.save_working_copy(p, mentee, "First draft.")
    first = drafts.send_for_review(p, mentee)
    assert (
        told_mentor()
        == "Not signed off yet. When the final version is in (the latest is version 1), read it, "
        "then sign it off (Tools ▸ Sign off…)."
    )
    assert not signed_off()
    forged = SignOff.create(
        author=mentor.uuid, portfolio=p, version=first, version_sha256=first.sha256, statement="OK"
    )
    item = state(portfolio).item("mentor_form")
    assert not item.done and "cannot be trusted" in item.reason
    assert told_mentor() == (
        f"{item.reason} Read version 1, then sign it off (Tools ▸ Sign off…) again."
    )
    assert not signed_off()
    forged.deleted = True
    forged.save()
    sign_off_as(p, mentor, first)
    assert state(portfolio).item("mentor_form").reason == "Morgan Mentor signed off version 1."
    assert told_mentor() == "Morgan Mentor signed off version 1."  # named: there may be two
    assert signed_off()
    drafts.save_working_copy(p, mentee, "Second draft.")
    drafts.send_for_review(p, mentee)
    item = state(portfolio).item("mentor_form")
    assert not item.done and "newer than the version the mentor signed off" in item.reason
    assert told_mentor() == (
        "Version 2 is newer than the version signed off: read it, then sign it off "
        "(Tools ▸ Sign off…)."
    )
    assert not signed_off()


def test_open_comments_item(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    assert done(portfolio, "comments")
    item = add_note(p, mentee, "Report")
    view = comments.comment_on(p, mentor, "evidence", item.uuid, "Say what you learned.")
    open_item = state(portfolio).item("comments")
    assert open_item.reason.startswith("1 comment still open on an evidence item")
    assert open_item.place == readiness.EVIDENCE  # where it is answered
    # Meeting comments are conversation, not feedback to resolve.
    meeting = mentoring.add_meeting(p, mentee, TODAY)
    mentoring.add_meeting_comment(meeting, mentor, "Good meeting.")
    comments.resolve(p, mentee, view.uuid, "Added a reflection.")
    assert done(portfolio, "comments")


def test_revalidation_needs_the_hours(tmp_path, me, other):
    from workbench.store.portfolios import create_portfolio

    with create_portfolio(tmp_path / "reval", me, route="revalidation") as opened:
        mentee, _ = join_mentor(opened, me, other)
        keys = [i.key for i in state(opened).items]
        assert keys == ["statement", "cpd_log", "comments"]
        cpd.add_activity(opened.portfolio, mentee, activity_date=TODAY, title="Course", hours=19.5)
        item = state(opened).item("cpd_log")
        assert not item.done and item.place == "cpd" and "0.5 to go" in item.reason
        cpd.add_activity(opened.portfolio, mentee, activity_date=TODAY, title="Book", hours=0.5)
        assert done(opened, "cpd_log")


def test_readiness_counts_and_json(portfolio):
    portfolio.portfolio.target_date = TODAY + timedelta(days=30)
    result = state(portfolio)
    data = result.as_json()
    assert data["days_to_target"] == 30 and data["total"] == 10
    assert data["done"] == result.done_count == 1  # only "no open comments"
    assert not data["ready"]


def test_reminders_name_what_is_due(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    p.target_date = TODAY + timedelta(days=20)
    begin_snapshot(p, mentee, "start", taken_on=TODAY - timedelta(days=120))
    meeting = mentoring.add_meeting(p, mentor, TODAY - timedelta(days=30))
    mentoring.add_action(meeting, mentor, "Send draft", mentee.uuid, TODAY - timedelta(days=2))
    agreement.save_agreement(p, mentor, "Monthly calls.")

    found = {r.key.split("-")[0]: r for r in reminders.reminders(p, TODAY)}
    # The overdue action is not among them: the Overview lists it with the actions due.
    assert set(found) == {"target", "review", "agreement"}
    assert found["target"].text.startswith("20 days to the target date")
    assert "4 months ago" in found["review"].text and found["review"].place == "matrix"
    assert "waits for Casey Mentee" in found["agreement"].text
    assert found["review"].text_for(MENTOR) == (
        "The last PKSB snapshot was 4 months ago: a review with the candidate is due."
    )
    assert found["target"].text_for(MENTOR) == found["target"].text  # the same for both
    p.target_date = TODAY - timedelta(days=3)
    [passed] = [r for r in reminders.reminders(p, TODAY) if r.key == "target"]
    assert passed.text_for(MENTEE) == "The target date passed 3 days ago; set a new one in mind."
    assert passed.text_for(MENTOR) == "The target date passed 3 days ago; agree a new one together."


def test_recent_activity_lists_the_latest_changes(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    add_note(p, mentee, "Survey report")
    mentoring.add_meeting(p, mentor, TODAY)
    entries = reminders.recent_activity(p)
    assert [e.who for e in entries[:2]] == ["Morgan Mentor", "Casey Mentee"]
    assert entries[1].what == "added evidence E1 Survey report"
    assert entries[0].place == "mentoring"


def test_fellowship_needs_two_letters_instead_of_the_form(tmp_path, me, other):
    from workbench.store.portfolios import create_portfolio

    with create_portfolio(tmp_path / "fellow", me, route="fellowship") as opened:
        mentee, _ = join_mentor(opened, me, other)
        keys = [i.key for i in state(opened).items]
        assert "letters_of_support" in keys and "mentor_form" not in keys
        add_note(opened.portfolio, mentee, "Letter from Ruth", evidence_type=readiness.LETTER_TYPE)
        item = state(opened).item("letters_of_support")
        assert not item.done and item.reason.startswith("1 of 2 letters attached")
        add_note(opened.portfolio, mentee, "Letter from Sam", evidence_type="letter of support")
        assert done(opened, "letters_of_support")


# What the mentee has still to do, told to the mentor: never as the mentee's own step.
MENTEE_STEP = re.compile(r"\byour\b|link more|^(Add|Rate|Take|Send) ", re.IGNORECASE)


@pytest.mark.parametrize("route", ["certification", "chartership", "fellowship", "revalidation"])
def test_a_mentor_is_told_what_the_candidate_has_left(tmp_path, me, other, route):
    from workbench.store.portfolios import create_portfolio

    with create_portfolio(tmp_path / route, me, route=route) as opened:
        mentee, _ = join_mentor(opened, me, other)
        p = opened.portfolio
        begin_snapshot(p, mentee, "start", taken_on=TODAY)  # taken, none rated yet
        drafts.save_working_copy(p, mentee, "A draft.")
        open_items = [i for i in state(opened).items if not i.done]
        assert open_items
        for item in open_items:
            told = item.reason_for(MENTOR)
            assert told and not MENTEE_STEP.search(told), (item.key, told)
            assert item.reason_for(MENTEE) == item.reason
        if route != "revalidation":  # the mentee's own wording differs where they act
            assert any(MENTEE_STEP.search(i.reason) for i in open_items)


def test_what_a_mentor_is_told_of_the_parts_beside_the_evidence(tmp_path, me, other):
    from workbench.store.portfolios import create_portfolio

    with create_portfolio(tmp_path / "fellow", me, route="fellowship") as opened:
        mentee, _ = join_mentor(opened, me, other)
        add_note(opened.portfolio, mentee, "Letter from Ruth", evidence_type=readiness.LETTER_TYPE)
        told = {i.key: i.reason_for(MENTOR) for i in state(opened).items}
    assert told["cv"] == (
        "The candidate has not added it yet (as evidence of the type 'Annotated CV')."
    )
    assert told["letters_of_support"] == (
        "1 of 2 letters attached. One of the two comes from you; the candidate adds each "
        "as evidence."
    )
    assert told["pksb_start"] == (
        "No start snapshot yet: the candidate rates the skills that matter to their role."
    )
