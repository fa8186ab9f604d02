"""Derived state converges: the same records give the same places and states on
every machine, whatever arrived first, whatever was cached, whatever the clocks say."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from tests.workbench.journey.helpers import join_mentor
from workbench.errors import PermissionDenied, ValidationError
from workbench.exchange.records import row_of
from workbench.journey import mentoring
from workbench.statement import comment_reading, comments, drafts
from workbench.statement import placement as comment_placement
from workbench.statement.open_comments import open_comment_count
from workbench.store import db
from workbench.store.models import (
    ActionState,
    Comment,
    CommentPlacement,
    CommentState,
    StatementVersion,
)

SENTENCE = "I learnt a lot about teaching this year."
V1 = (
    "# Personal performance\n\n"
    f"I ran induction sessions for new students. {SENTENCE} "
    "The students seemed to enjoy them more.\n\n"
    "## Organisational context\n\nOur library serves about 20,000 students [E1].\n"
)
V2 = V1.replace(f"{SENTENCE} ", "")  # the words are cut...
V3 = "A new opening line.\n\n" + V1  # ...and come back in the next version
A_YEAR = timedelta(days=365)


def send(p, mentee, text):
    drafts.save_working_copy(p, mentee, text)
    return drafts.send_for_review(p, mentee)


def on(p, who, version, quote, text="A comment"):
    start = version.text.index(quote)
    return comments.create_comment(p, who, version, start, start + len(quote), text)


def shown(version) -> dict[str, tuple]:
    """What a reader sees on a version: comment uuid -> (start, end, detached)."""
    return {
        v.uuid: (v.start, v.end, v.detached) for v in comment_reading.comments_for_version(version)
    }


def everywhere(p) -> dict[int, dict]:
    versions = StatementVersion.select().where(
        StatementVersion.portfolio == p, ~StatementVersion.deleted
    )
    return {v.number: shown(v) for v in versions}


def from_scratch(p) -> dict[int, dict]:
    CommentPlacement.delete().execute()
    return everywhere(p)


@pytest.fixture
def people(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    return portfolio.portfolio, mentee, mentor


# Where a comment sits ----------------------------------------------------------------------


def test_words_removed_then_restored_show_the_comment_alike_on_both_machines(people):
    """The mentee's machine carried the comment through each new version; the
    mentor's got it after all three versions existed. Both must agree."""
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    carried = on(p, mentor, v1, SENTENCE, "What, exactly?")
    v2 = send(p, mentee, V2)
    v3 = send(p, mentee, V3)
    late = on(p, mentor, v1, SENTENCE, "Same words, made after v3 existed")
    assert shown(v2)[carried.uuid] == shown(v2)[late.uuid] == (None, None, True)
    at = v3.text.index(SENTENCE)
    assert shown(v3)[carried.uuid] == shown(v3)[late.uuid] == (at, at + len(SENTENCE), False)
    assert from_scratch(p)[3][carried.uuid] == (at, at + len(SENTENCE), False)


def _scenario(p, mentee, mentor):
    """Versions 1-3 (words cut, then back), a version 4 later deleted, and comments."""
    v1 = send(p, mentee, V1)
    on(p, mentor, v1, SENTENCE)
    on(p, mentor, v1, "20,000 students")
    v2 = send(p, mentee, V2)
    on(p, mentee, v2, "seemed to enjoy them")
    send(p, mentee, V3)
    v4 = send(p, mentee, V3.replace("20,000", "21,000"))
    versions = [row_of(v) for v in StatementVersion.select().order_by(StatementVersion.number)]
    notes = [row_of(c) for c in Comment.select()]
    gone = StatementVersion.get_by_id(v4.uuid)  # its tombstone, not saved: it arrives later
    gone.deleted = True
    gone.touch()
    return versions, notes, row_of(gone)


def _arrive(p, records) -> None:
    """Records arrive one by one as the exchange merges them, a reader looking each time."""
    for model, row in records:
        comment_placement.forget_stale([(model, row)])
        model.insert(row).on_conflict_replace().execute()
        everywhere(p)  # caches what it computes on the way


def test_placements_are_the_same_whatever_order_versions_and_comments_arrive(people):
    """Bug: places depended on what each machine happened to compute before."""
    p, mentee, mentor = people
    versions, notes, tombstone = _scenario(p, mentee, mentor)
    truth_with_v4 = from_scratch(p)
    records = [(StatementVersion, v) for v in versions] + [(Comment, c) for c in notes]
    orders = [*itertools.islice(itertools.permutations(records), 0, None, 251), records[::-1]]
    for order in orders:
        with db.database.atomic() as transaction:  # references are checked at commit
            Comment.delete().execute()
            StatementVersion.delete().execute()
            _arrive(p, order)
            assert everywhere(p) == truth_with_v4, [row["uuid"] for _, row in order]
            _arrive(p, [(StatementVersion, tombstone)])  # v4 deleted by its author
            after = everywhere(p)
            assert 4 not in after and after == {n: truth_with_v4[n] for n in (1, 2, 3)}
            transaction.rollback()
    assert from_scratch(p) == truth_with_v4


def test_a_version_arriving_out_of_number_order_replaces_stale_places(people):
    """Version 3 arrives before version 2: places on 3 made without 2 must not stay."""
    p, mentee, mentor = people
    versions, notes, _ = _scenario(p, mentee, mentor)
    truth = from_scratch(p)
    by_number = {row["number"]: row for row in versions}
    with db.database.atomic():
        Comment.delete().execute()
        StatementVersion.delete().execute()
        arrival = [by_number[1], by_number[3], by_number[4]]
        _arrive(p, [(StatementVersion, v) for v in arrival] + [(Comment, c) for c in notes])
        _arrive(p, [(StatementVersion, by_number[2])])
        assert everywhere(p) == truth


def test_a_package_of_records_already_here_keeps_the_cached_places(people):
    """Importing the same package twice changes nothing, the cache included."""
    p, mentee, mentor = people
    versions, notes, tombstone = _scenario(p, mentee, mentor)
    cached = CommentPlacement.select().count()
    records = [(StatementVersion, v) for v in versions] + [(Comment, c) for c in notes]
    comment_placement.forget_stale(records)
    assert cached > 0 and CommentPlacement.select().count() == cached
    comment_placement.forget_stale([(StatementVersion, tombstone)])  # version 4 deleted
    assert (
        CommentPlacement.select().where(CommentPlacement.version == tombstone["uuid"]).count() == 0
    )
    assert CommentPlacement.select().count() > 0


def test_reading_places_needs_no_write(people):
    """A reader that may not write (read-only, busy) sees the same places."""
    p, mentee, mentor = people
    _scenario(p, mentee, mentor)
    truth = from_scratch(p)
    CommentPlacement.delete().execute()
    db.database.execute_sql("PRAGMA query_only = ON")
    try:
        assert everywhere(p) == truth
        assert CommentPlacement.select().count() == 0
    finally:
        db.database.execute_sql("PRAGMA query_only = OFF")


def test_forget_drops_only_what_depends_on_a_version(people):
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "20,000 students")
    v2 = send(p, mentee, V2)
    v3 = send(p, mentee, V3)
    comment_placement.forget(version_uuids=[v3.uuid])
    assert [row.version_id for row in CommentPlacement.select()] == [v2.uuid]
    assert shown(v3)[made.uuid] == from_scratch(p)[3][made.uuid]
    comment_placement.forget(comment_uuids=[made.uuid])
    assert CommentPlacement.select().count() == 0


# Which state is in force --------------------------------------------------------------------


def _skew(model, uuid: str) -> None:
    """The record was written on a machine whose clock runs a year ahead."""
    model.update(updated_at=db.utcnow() + A_YEAR).where(model.uuid == uuid).execute()


def test_a_resolve_dated_in_the_future_does_not_beat_a_later_reopen(people):
    """Bug: "the latest by time is in force" let a wrong clock win."""
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "20,000 students", "Source?")
    _skew(CommentState, comments.resolve(p, mentor, made))
    assert shown(v1) and open_comment_count(p) == 0
    reopened = comments.reopen(p, mentee, made, "Not answered yet")
    assert CommentState.get_by_id(reopened).revision == 2  # one past the state it saw
    [view] = comment_reading.comments_for_version(v1)
    assert not view.resolved and view.state_by == "Casey Mentee"
    assert open_comment_count(p) == 1


def test_states_made_without_seeing_each_other_pick_one_winner_everywhere(people):
    """Two states with the same sequence: the author's uuid decides, never the clock."""
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "20,000 students")
    same = {"comment": made.uuid, "revision": 1}  # neither saw the other's state
    resolved = CommentState.create(author=mentee.uuid, state="resolved", **same)
    CommentState.create(author=mentor.uuid, state="open", **same)
    _skew(CommentState, resolved.uuid)  # the clock must not matter either way
    resolved_wins = mentee.uuid > mentor.uuid
    [view] = comment_reading.comments_for_version(v1)
    assert view.resolved == resolved_wins
    assert open_comment_count(p) == (0 if resolved_wins else 1)


def test_states_of_one_person_from_before_sequences_keep_their_order(people):
    """Old records all have revision 1: one person's resolve then reopen stays reopened."""
    p, mentee, mentor = people
    v1 = send(p, mentee, V1)
    made = on(p, mentor, v1, "20,000 students")
    for state, days in (("resolved", 2), ("open", 1)):
        record = CommentState.create(author=mentor.uuid, comment=made.uuid, state=state, revision=1)
        when = db.utcnow() - timedelta(days=days)
        CommentState.update(updated_at=when).where(CommentState.uuid == record.uuid).execute()
    [view] = comment_reading.comments_for_version(v1)
    assert not view.resolved and open_comment_count(p) == 1


def test_an_action_ticked_with_a_clock_a_year_ahead_does_not_beat_a_later_untick(people):
    p, mentee, mentor = people
    meeting = mentoring.add_meeting(p, mentor, date.today() - timedelta(days=3))
    action = mentoring.add_action(meeting, mentor, "Draft C1", mentee.uuid, date.today())
    _skew(ActionState, mentoring.set_action_done(action, mentee, True))
    assert [a.done for a in mentoring.actions(p)] == [True]
    untick = mentoring.set_action_done(action, mentor, False)
    assert ActionState.get_by_id(untick).revision == 2
    assert [a.done for a in mentoring.actions(p)] == [False]


# Meeting comments follow the comment rules -------------------------------------------------


def test_a_meeting_comment_obeys_the_comment_length_limit(people):
    """Bug: the meeting's own comment API took text of any length."""
    p, mentee, mentor = people
    meeting = mentoring.add_meeting(p, mentor, date.today())
    with pytest.raises(ValidationError, match="too long"):
        mentoring.add_meeting_comment(meeting, mentee, "x" * (comments.TEXT_MAX + 1))
    made = mentoring.add_meeting_comment(meeting, mentee, "  Thanks.  ")
    with pytest.raises(PermissionDenied):
        comments.delete_comment(p, mentor, made)  # only one's own
    comments.delete_comment(p, mentee, made)
    assert mentoring.meeting_comments(meeting) == [] and mentoring.meetings(p)[0].comments == 0


def test_restored_words_place_the_comment_alike_on_both_machines_through_packages(
    tmp_path, monkeypatch
):
    """The mentee's machine carried the comment onto each version it made; the
    mentor's got those versions later in packages. Real packages both ways."""
    from tests.workbench.exchange.support import Two
    from workbench.exchange.apply import pack
    from workbench.exchange.copies import unpack

    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio(ratings=1)

    def mentee_sends(text, name):
        with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
            send(opened.portfolio, me, text)
            return pack(opened, me, tmp_path / name).path

    def places(root, identity) -> dict[int, dict]:
        with two.open(root, identity) as (opened, _):
            return everywhere(opened.portfolio)

    unpack(mentee_sends(V1, "v1.wbpack"), two.as_mentor(), two.mentor_root)
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        version = drafts.latest_version(opened.portfolio)
        on(opened.portfolio, mentor, version, SENTENCE, "What, exactly?")
        from_mentor = pack(opened, mentor, tmp_path / "m1.wbpack").path
    unpack(from_mentor, two.as_mentee(), two.mentee_root)
    mentee_sends(V2, "v2.wbpack")
    unpack(mentee_sends(V3, "v3.wbpack"), two.as_mentor(), two.mentor_root)
    on_mentee = places(two.mentee_root, two.as_mentee())
    on_mentor = places(two.mentor_root, two.as_mentor())
    assert on_mentee == on_mentor
    [(start, end, detached)] = on_mentee[3].values()
    assert not detached and V3[start:end] == SENTENCE
    assert list(on_mentee[2].values()) == [(None, None, True)]
