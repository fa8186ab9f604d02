"""A mentee and a mentor on two "computers" (two data folders, two portfolio folders).

The mentee rates, attaches evidence and sends a draft; the mentor opens it,
comments on words and rates; the mentee sees the comments on the same words;
both end with the same records, by hand and through a shared sync folder.
"""

from __future__ import annotations

import pytest

from tests.workbench.exchange.support import Two, dump_shared
from workbench.evidence.blobs import blob_path
from workbench.evidence.files import add_file
from workbench.exchange import signoff, sync
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.matrix.ratings import (
    framework_skills,
    latest_snapshot,
    matrix_rows,
    set_mentor_rating,
)
from workbench.statement import comment_reading, comments, drafts
from workbench.store.models import SignOff

DRAFT = (
    "# Personal performance\n\n"
    "I moved from delivering induction sessions to designing the whole programme [E1].\n\n"
    "Feedback from students showed the new sessions worked better.\n"
)
REDRAFT = DRAFT.replace("worked better", "worked better, and I reflected on why")


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio(ratings=4)
    evidence = tmp_path / "feedback-forms.pdf"
    evidence.write_bytes(b"%PDF-1.4 feedback forms " * 2000)
    with people.open(people.mentee_root, people.as_mentee()) as (opened, me):
        add_file(opened, me, evidence)
        drafts.save_working_copy(opened.portfolio, me, DRAFT)
        drafts.send_for_review(opened.portfolio, me, "First draft")
    return people


def mentee_sends(two: Two, name: str):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        return pack(opened, me, two.tmp / name).path


def mentor_sends(two: Two, name: str):
    with two.open(two.mentor_root, two.as_mentor()) as (opened, me):
        return pack(opened, me, two.tmp / name).path


def mentor_reviews(two: Two) -> str:
    """The mentor comments on 'designing the whole programme' and rates a skill."""
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        version = drafts.latest_version(opened.portfolio)
        words = "designing the whole programme"
        start = version.text.index(words)
        view = comments.create_comment(
            opened.portfolio, mentor, version, start, start + len(words), "Say what you changed."
        )
        snapshot = latest_snapshot(opened.portfolio)
        set_mentor_rating(snapshot, framework_skills(opened.portfolio)[0], mentor, 3, "Agreed.")
        return view.uuid


def test_a_draft_and_its_review_travel_both_ways_by_hand(two):
    summary = unpack(mentee_sends(two, "draft.wbpack"), two.as_mentor(), two.mentor_root)
    assert summary.created_copy and summary.new["statement_version"] == 1
    assert summary.blobs_added == 1
    comment_id = mentor_reviews(two)

    back = unpack(mentor_sends(two, "review.wbpack"), two.as_mentee(), two.mentee_root)
    assert back.new["comment"] == 1 and back.new["mentor_rating"] == 1

    with two.open(two.mentee_root, two.mentee) as (opened, me):
        version = drafts.latest_version(opened.portfolio)
        [seen] = comment_reading.comments_for_version(version)
        assert seen.uuid == comment_id and seen.author_name == "Morgan Mentor"
        assert version.text[seen.start : seen.end] == "designing the whole programme"
        row = matrix_rows(latest_snapshot(opened.portfolio))[0]
        assert (row.mentor_rating, row.mentor_note) == (3, "Agreed.")
        drafts.save_working_copy(opened.portfolio, me, REDRAFT)
        drafts.send_for_review(opened.portfolio, me, "Second draft")

    unpack(mentee_sends(two, "redraft.wbpack"), two.as_mentor(), two.mentor_root)
    with two.open(two.mentor_root, two.mentor) as (opened, mentor):
        version = drafts.latest_version(opened.portfolio)
        assert version.number == 2
        [placed] = comment_reading.comments_for_version(version)
        assert version.text[placed.start : placed.end] == "designing the whole programme"
        evidence_sha = next(iter(opened.portfolio.evidence)).blob_sha
    assert blob_path(two.mentor_root, evidence_sha).is_file()
    assert dump_shared(two.mentee_root) == dump_shared(two.mentor_root)


def test_the_same_exchange_through_a_shared_sync_folder(two):
    folder = two.tmp / "Dropbox" / "Casey and Morgan"
    folder.mkdir(parents=True)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        first = sync.sync_now(opened, me)
        assert first.written == sync.own_file(folder, opened.portfolio, me)
    # The mentor opens the mentee's file once by hand; the copy then syncs by itself.
    unpack(first.written, two.as_mentor(), two.mentor_root)
    comment_id = mentor_reviews(two)
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        sync.set_sync_folder(folder)
        mentor_pass = sync.sync_now(opened, mentor)
        assert mentor_pass.written == sync.own_file(folder, opened.portfolio, mentor)
    assert mentor_pass.imported and mentor_pass.imported[0].nothing_new

    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        mentee_pass = sync.sync_now(opened, me)
        assert [s.new.get("comment") for s in mentee_pass.imported] == [1]
        assert mentee_pass.written is not None  # the mentor's place is now bound
        again = sync.sync_now(opened, me)
        assert again.imported == [] and again.written is None
        version = drafts.latest_version(opened.portfolio)
        [seen] = comment_reading.comments_for_version(version)
        assert seen.uuid == comment_id
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        sync.sync_now(opened, mentor)
    assert dump_shared(two.mentee_root) == dump_shared(two.mentor_root)


def test_the_mentors_sign_off_shows_verified_on_the_mentees_copy(two):
    unpack(mentee_sends(two, "final.wbpack"), two.as_mentor(), two.mentor_root)
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        version = drafts.latest_version(opened.portfolio)
        signoff.sign_off(opened.portfolio, mentor, version, "Casey has met the criteria.")
        [own] = signoff.signoffs(opened.portfolio)
        assert own.verified
    unpack(mentor_sends(two, "signed.wbpack"), two.as_mentee(), two.mentee_root)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        [check] = signoff.signoffs(opened.portfolio)
        assert check.verified and check.mentor == "Morgan Mentor" and check.version_number == 1
        # A sign-off altered on this computer no longer verifies.
        SignOff.update(statement="Casey has met the criteria with distinction.").execute()
        [altered] = signoff.signoffs(opened.portfolio)
        assert not altered.verified and altered.reason == "the signature does not match"
