"""The sync folder on a real sync engine: two Syncthing daemons on this computer.

The mentee's sync folder and the mentor's are two folders that only Syncthing
joins (over 127.0.0.1, nothing announced or relayed; see ``syncthing.py``).
The mentee rates, drafts and sends for review; Syncthing carries the package;
the mentor's workbench makes its copy, comments and rates; Syncthing carries
that back; both copies end with the same records. Then the engine misbehaves:
while the two computers are apart, the mentor's file changes on both sides,
and Syncthing's conflict copy holds the newer records.

Each test starts and stops both daemons itself and waits with deadlines;
without ``syncthing`` (Debian: ``apt-get install syncthing``) it is skipped.
"""

from __future__ import annotations

import os
import time

import pytest

from tests.e2e import syncthing
from tests.workbench.exchange.support import Two, dump_shared
from workbench.exchange import sync
from workbench.exchange.copies import unpack
from workbench.matrix.ratings import framework_skills, latest_snapshot, set_mentor_rating
from workbench.statement import comment_reading, comments, drafts
from workbench.store.models import MentorRating

pytestmark = [
    pytest.mark.skipif(
        not syncthing.available(),
        reason="syncthing is not installed (Debian: apt-get install syncthing)",
    ),
    pytest.mark.timeout(115),  # the whole test, daemons included, under two minutes
]

DRAFT = (
    "# Personal performance\n\n"
    "I moved from delivering induction sessions to designing the whole programme.\n"
)
WORDS = "designing the whole programme"


@pytest.fixture
def setup(tmp_path, monkeypatch):
    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio(ratings=4)
    mentee_folder = tmp_path / "mentee-laptop" / "Sync"
    mentor_folder = tmp_path / "mentor-desktop" / "Sync"
    with syncthing.pair(tmp_path / "engines", mentee_folder, mentor_folder) as engines:
        yield two, engines


def mentee_sends_draft(two: Two, folder) -> sync.SyncResult:
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        drafts.save_working_copy(opened.portfolio, me, DRAFT)
        drafts.send_for_review(opened.portfolio, me, "First draft")
        sync.set_sync_folder(folder)
        return sync.sync_now(opened, me)


def mentor_reviews(two: Two, rating: int) -> str:
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        version = drafts.latest_version(opened.portfolio)
        start = version.text.index(WORDS)
        comment = comments.create_comment(
            opened.portfolio, mentor, version, start, start + len(WORDS), "Say what changed."
        )
        snapshot = latest_snapshot(opened.portfolio)
        skill = framework_skills(opened.portfolio)[0]
        set_mentor_rating(snapshot, skill, mentor, rating, "Seen at our meeting.")
        return comment.uuid


def sync_as(two: Two, root, become, folder=None) -> sync.SyncResult:
    with two.open(root, become()) as (opened, person):
        if folder is not None:
            sync.set_sync_folder(folder)
        return sync.sync_now(opened, person)


def start_review(two: Two, engines) -> str:
    """The mentee's draft reaches the mentor through Syncthing; the mentor's review goes out."""
    sent = mentee_sends_draft(two, engines.a.folder)
    assert sent.errors == [] and sent.written is not None
    arrived = engines.carry(sent.written)
    # The first package is opened by hand (its fingerprint compared by phone), then the
    # mentor's copy syncs by itself.
    made = unpack(arrived, two.as_mentor(), two.mentor_root)
    assert made.created_copy and made.new["statement_version"] == 1
    comment = mentor_reviews(two, rating=2)
    reviewed = sync_as(two, two.mentor_root, two.as_mentor, engines.b.folder)
    assert reviewed.errors == [] and reviewed.written is not None
    engines.carry(reviewed.written)
    return comment


def test_a_review_goes_round_through_syncthing_and_both_copies_end_the_same(setup):
    two, engines = setup
    comment = start_review(two, engines)
    back = sync_as(two, two.mentee_root, two.as_mentee)
    assert back.errors == [] and [s.new.get("comment") for s in back.imported] == [1]
    with two.open(two.mentee_root, two.as_mentee()) as (opened, _me):
        version = drafts.latest_version(opened.portfolio)
        [seen] = comment_reading.comments_for_version(version)
        assert seen.uuid == comment and version.text[seen.start : seen.end] == WORDS
        assert MentorRating.get().rating == 2
    engines.carry(back.written)  # the mentee's file again: the mentor's place is bound
    last = sync_as(two, two.mentor_root, two.as_mentor)
    assert last.errors == [] and len(last.imported) == 1
    if last.written is not None:
        engines.carry(last.written)
    engines.settled()
    again = sync_as(two, two.mentee_root, two.as_mentee)
    assert again.errors == [] and all(s.nothing_new for s in again.imported)
    assert dump_shared(two.mentee_root) == dump_shared(two.mentor_root)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, _me):
        own = {
            sync.own_file(engines.a.folder, opened.portfolio, p).name
            for p in (two.mentee, two.mentor)
        }
    for folder in (engines.a.folder, engines.b.folder):  # one file per person, nothing else
        assert {p.name for p in folder.iterdir() if p.name != ".stfolder"} == own


def test_a_conflict_copy_made_by_syncthing_brings_the_newer_records(setup):
    two, engines = setup
    start_review(two, engines)
    sync_as(two, two.mentee_root, two.as_mentee)
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        mentors_file = sync.own_file(engines.a.folder, opened.portfolio, mentor)
    older = mentors_file.read_bytes()
    engines.offline()
    mentor_reviews(two, rating=3)  # a newer review, written on the mentor's side only
    newer = sync_as(two, two.mentor_root, two.as_mentor).written
    assert newer is not None
    time.sleep(1.1)  # a later time than the mentor's write: the older file wins the name
    mentors_file.write_bytes(older)  # the mentee's computer puts an older copy back
    os.utime(mentors_file)
    engines.online()
    copies = syncthing.wait_for(
        lambda: sorted(engines.a.folder.glob("*.sync-conflict-*.wbpack")),
        30,
        "a conflict copy on the mentee's side",
    )
    engines.settled()
    # The name now holds the older package and the conflict copy the newer one.
    assert mentors_file.read_bytes() == older
    merged = sync_as(two, two.mentee_root, two.as_mentee)
    assert merged.errors == [] and merged.waiting == [] and merged.arriving == []
    # the older file under the name was read before; the copy is new, and it is merged
    assert [s.sender_name for s in merged.imported] == ["Morgan Mentor"]
    with two.open(two.mentee_root, two.as_mentee()):
        assert MentorRating.get().rating == 3  # the newest, from the copy
    assert all(copy.is_file() for copy in copies)  # the engine's files are left alone
    # The mentor's workbench puts its newest package back under its own name.
    rewritten = sync_as(two, two.mentor_root, two.as_mentor).written
    assert rewritten is not None and rewritten.name == mentors_file.name
    engines.carry(rewritten)
    engines.settled()
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        assert all(s.nothing_new for s in sync.import_others(opened, me).imported)
    assert dump_shared(two.mentee_root, two.mentor.uuid) == dump_shared(
        two.mentor_root, two.mentor.uuid
    )
