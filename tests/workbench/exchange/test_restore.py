"""After a restore from backup, or a lost copy, no write is lost and both sides agree.

Revisions follow each author's clock, so a restored copy's next change is newer
than what the partner holds; the partner hands a person's own records back
(signed by them) when that person says they hold older ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.workbench.exchange.support import Two, dump_shared
from workbench.exchange.copies import unpack
from workbench.exchange.pack import pack
from workbench.matrix.ratings import (
    framework_skills,
    latest_snapshot,
    set_mentor_rating,
    set_rating,
)
from workbench.store import db
from workbench.store.models import MentorRating, Rating, RecordSignature
from workbench.store.portfolios import restore_from_backup


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    return people


def send(two: Two, root: Path, identity, name: str) -> Path:
    with two.open(root, identity) as (opened, me):
        return pack(opened, me, two.tmp / name, changes_only=True).path


def mentee_to_mentor(two: Two, name: str) -> None:
    unpack(send(two, two.mentee_root, two.as_mentee(), name), two.as_mentor(), two.mentor_root)


def mentor_to_mentee(two: Two, name: str) -> None:
    unpack(send(two, two.mentor_root, two.as_mentor(), name), two.as_mentee(), two.mentee_root)


def rate(two: Two, current: int) -> None:
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        snapshot = latest_snapshot(opened.portfolio)
        set_rating(snapshot, framework_skills(opened.portfolio)[0], me, current=current)


def ratings_in(root: Path, two: Two) -> dict[str, int | None]:
    """The current rating of each skill in one copy."""
    with two.open(root, two.as_mentee()):
        return {r.skill_id: r.current for r in Rating.select()}


def back_up_mentee(two: Two) -> Path:
    with two.open(two.mentee_root, two.as_mentee()) as (opened, _me):
        return db.backup_database(opened.folder, "test")


def test_after_a_restore_the_mentees_next_rating_still_reaches_the_mentor(two):
    mentee_to_mentor(two, "1.wbpack")
    backup = back_up_mentee(two)
    rate(two, 2)
    rate(two, 3)  # the mentor now holds a rating two revisions past the backup
    mentee_to_mentor(two, "2.wbpack")
    restore_from_backup(two.mentee_root, backup)
    rate(two, 4)  # the restored copy's first change
    mentee_to_mentor(two, "3.wbpack")
    with two.open(two.mentor_root, two.as_mentor()):
        skill = framework_skills_of_ratings_in()
        assert Rating.get(Rating.skill == skill).current == 4


def framework_skills_of_ratings_in():
    from workbench.store.models import Portfolio

    return framework_skills(Portfolio.get())[0]


def test_a_restored_copy_gets_its_own_newer_records_back_from_the_partner(two):
    mentee_to_mentor(two, "1.wbpack")
    backup = back_up_mentee(two)
    rate(two, 3)
    mentee_to_mentor(two, "2.wbpack")
    restore_from_backup(two.mentee_root, backup)
    assert ratings_in(two.mentee_root, two) != ratings_in(two.mentor_root, two)
    mentee_to_mentor(two, "3.wbpack")  # says what the restored copy holds
    summary = unpack(
        send(two, two.mentor_root, two.as_mentor(), "back.wbpack"),
        two.as_mentee(),
        two.mentee_root,
    )
    assert summary.relayed >= 1
    assert any("came back with" in line for line in summary.lines())
    assert ratings_in(two.mentee_root, two) == ratings_in(two.mentor_root, two)
    mentee_to_mentor(two, "4.wbpack")
    assert dump_shared(two.mentee_root) == dump_shared(two.mentor_root)


def test_a_mentor_who_lost_their_copy_gets_their_own_ratings_back(two, tmp_path):
    mentee_to_mentor(two, "1.wbpack")
    with two.open(two.mentor_root, two.as_mentor()) as (opened, me):
        snapshot = latest_snapshot(opened.portfolio)
        set_mentor_rating(snapshot, framework_skills(opened.portfolio)[1], me, 3, "Seen it.")
    mentor_to_mentee(two, "m1.wbpack")
    mentee_to_mentor(two, "2.wbpack")
    shutil.rmtree(two.mentor_root)  # the mentor's laptop is replaced
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        full = pack(opened, me, tmp_path / "full.wbpack").path
    unpack(full, two.as_mentor(), two.mentor_root)
    mentor_to_mentee(two, "m2.wbpack")  # says what the rebuilt copy holds
    mentee_to_mentor(two, "3.wbpack")  # hands the mentor's own records back
    with two.open(two.mentor_root, two.as_mentor()):
        assert [(m.rating, m.note) for m in MentorRating.select()] == [(3, "Seen it.")]
    mentor_to_mentee(two, "m3.wbpack")
    assert dump_shared(two.mentee_root) == dump_shared(two.mentor_root)


def test_a_relayed_record_not_signed_by_its_author_is_ignored(two):
    """A partner cannot pass off a record as the receiver's own."""
    mentee_to_mentor(two, "1.wbpack")
    backup = back_up_mentee(two)
    rate(two, 3)
    mentee_to_mentor(two, "2.wbpack")
    restore_from_backup(two.mentee_root, backup)
    mentee_to_mentor(two, "3.wbpack")
    before = ratings_in(two.mentee_root, two)
    with two.open(two.mentor_root, two.as_mentor()):
        RecordSignature.update(signature="AAAA").execute()
    summary = unpack(
        send(two, two.mentor_root, two.as_mentor(), "forged.wbpack"),
        two.as_mentee(),
        two.mentee_root,
    )
    assert summary.relayed == 0 and ratings_in(two.mentee_root, two) == before
