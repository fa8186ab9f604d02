"""A mentor with two mentees and one sync folder, three people with three data folders.

Each mentee receives only what is theirs (files are named for the portfolio and the
person), and the mentor's home shows when each mentee's last package arrived.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.exchange.support import Two
from tests.workbench.exchange.test_sync import shared_folder, start_portfolio
from workbench.exchange import sync
from workbench.exchange.copies import unpack
from workbench.journey import mentor_home
from workbench.matrix.ratings import framework_skills, latest_snapshot, set_mentor_rating
from workbench.statement import drafts
from workbench.store.models import MentorRating, Portfolio, Setting


class Three:
    """Casey and Riley, each with a portfolio; Morgan mentors both; one shared folder."""

    def __init__(self, two: Two):
        self.two = two
        self.folder = shared_folder(two)
        self.riley_root = two.tmp / "riley-portfolio"
        start_portfolio(two, "Riley Mentee", self.riley_root)
        self.mentees = {
            "Casey Mentee": (two.as_mentee, two.mentee_root, two.tmp / "morgan-casey"),
            "Riley Mentee": (
                lambda: two.be("Riley Mentee"),
                self.riley_root,
                two.tmp / "morgan-riley",
            ),
        }

    def mentee_syncs(self, name: str, draft: str | None = None) -> sync.SyncResult:
        become, root, _copy = self.mentees[name]
        with self.two.open(root, become()) as (opened, me):
            if draft:
                drafts.save_working_copy(opened.portfolio, me, draft)
                drafts.send_for_review(opened.portfolio, me)
            if sync.sync_folder() is None:
                sync.set_sync_folder(self.folder)
            return sync.sync_now(opened, me)

    def mentor_syncs(self, name: str, note: str | None = None) -> sync.SyncResult:
        _become, _root, copy = self.mentees[name]
        with self.two.open(copy, self.two.as_mentor()) as (opened, mentor):
            if note:
                snapshot = latest_snapshot(opened.portfolio)
                skill = framework_skills(opened.portfolio)[0]
                set_mentor_rating(snapshot, skill, mentor, 2, note)
            if sync.sync_folder() is None:
                sync.set_sync_folder(self.folder)
            return sync.sync_now(opened, mentor)


@pytest.fixture
def three(tmp_path, monkeypatch) -> Three:
    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio()
    return Three(two)


def arrivals(three: Three) -> dict:
    return {row.mentee: row.last_arrival for row in mentor_home.mentor_home(three.two.mentor.uuid)}


def test_each_mentee_receives_only_their_own_and_the_home_shows_each_last_arrival(three):
    two = three.two
    for name, (_become, _root, copy) in three.mentees.items():
        written = three.mentee_syncs(name, draft=f"{name} writes a first paragraph.").written
        unpack(written, two.as_mentor(), copy)  # the first package is opened by hand
    assert set(arrivals(three)) == {"Casey Mentee", "Riley Mentee"}
    assert all(when is not None for when in arrivals(three).values())
    for name in three.mentees:
        mentor_pass = three.mentor_syncs(name, note=f"For {name} only.")
        assert mentor_pass.errors == [] and len(mentor_pass.imported) == 1
    assert len(list(three.folder.glob("*.wbpack"))) == 4  # one per portfolio and person

    for name, (become, root, _copy) in three.mentees.items():
        result = three.mentee_syncs(name)
        assert result.errors == [] and [s.sender_name for s in result.imported] == ["Morgan Mentor"]
        with two.open(root, become()) as (opened, _me):
            assert [r.note for r in MentorRating.select()] == [f"For {name} only."]
            assert Portfolio.select().count() == 1
            read = {s.key[len(sync.SEEN_KEY) :] for s in Setting.select()}
            read = {key for key in read if key.endswith(".wbpack")}
            assert read and all(key.startswith(opened.portfolio.uuid) for key in read)

    for name in three.mentees:  # each mentee's package now binds the mentor's place
        assert [s.nothing_new for s in three.mentor_syncs(name).imported] == [False]
    before = arrivals(three)
    three.mentee_syncs("Riley Mentee", draft="Riley writes a second draft.")
    assert all(s.nothing_new for s in three.mentor_syncs("Casey Mentee").imported)
    [riley] = three.mentor_syncs("Riley Mentee").imported
    assert riley.new["statement_version"] == 1
    after = arrivals(three)
    assert after["Casey Mentee"] == before["Casey Mentee"]  # nothing new: no arrival
    assert after["Riley Mentee"] > before["Riley Mentee"]


def test_a_copy_that_never_received_anything_shows_no_arrival(three, tmp_path: Path):
    row = mentor_home.summarise(three.two.mentee_root, three.two.mentee.uuid)
    assert row is not None and row.last_arrival is None
