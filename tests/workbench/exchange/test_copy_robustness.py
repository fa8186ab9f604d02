"""A mentor's copy appears whole or not at all, and nothing a killed process left stays."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.workbench.exchange.support import Two, rate_as_mentor
from workbench.errors import WorkbenchError
from workbench.exchange.apply import pack
from workbench.exchange.copies import create_copy, unpack
from workbench.exchange.reader import read_package
from workbench.store import db, leftovers
from workbench.store.models import MentorRating, all_models
from workbench.store.portfolios import open_portfolio


def gone_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio(ratings=3)
    return people


def mentee_package(two: Two, name: str = "full.wbpack"):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        return pack(opened, me, two.tmp / name).path


def test_a_copy_that_fails_half_way_leaves_nothing_at_its_folder(two, monkeypatch):
    package = read_package(mentee_package(two))
    two.as_mentor()

    def killed(*_args):
        raise KeyboardInterrupt  # as abrupt as it gets inside the process

    monkeypatch.setattr("workbench.exchange.copies._take_mentor_place", killed)
    with pytest.raises(KeyboardInterrupt):
        create_copy(package, two.mentor, two.mentor_root)
    assert not two.mentor_root.exists()
    assert [p.name for p in two.tmp.iterdir() if ".creating-" in p.name] == []


def test_a_half_built_copy_of_a_killed_process_is_removed_and_a_live_one_kept(two):
    dead = two.tmp / f".{two.mentor_root.name}.creating-{gone_pid()}-abc123"
    (dead / "blobs").mkdir(parents=True)
    (dead / db.DB_NAME).write_bytes(b"half")
    live = two.tmp / f".{two.mentor_root.name}.creating-{os.getpid()}-def456"
    live.mkdir()
    summary = unpack(mentee_package(two), two.as_mentor(), two.mentor_root)
    assert summary.created_copy and summary.root == two.mentor_root
    assert not dead.exists() and live.is_dir()
    with two.open(two.mentor_root, two.mentor) as (opened, _me):
        assert opened.portfolio.title.startswith("Chartership portfolio")


def test_a_copy_left_without_a_portfolio_by_an_older_version_is_made_again(two):
    two.mentor_root.mkdir()
    folder = db.PortfolioFolder(two.mentor_root)
    db.connect(folder)
    db.migrate(folder, all_models())
    db.disconnect()
    (two.mentor_root / "blobs").mkdir()
    (two.mentor_root / f".portfolio.holder.json.tmp{gone_pid()}").write_bytes(b"{")
    with pytest.raises(WorkbenchError, match="no portfolio in it"):
        open_portfolio(two.mentor_root)
    summary = unpack(mentee_package(two), two.as_mentor(), two.mentor_root)
    assert summary.created_copy
    with two.open(two.mentor_root, two.mentor) as (opened, _me):
        assert opened.portfolio.candidate.name == "Casey Mentee"


def test_a_folder_with_someone_elses_files_is_never_taken_for_an_unfinished_copy(two):
    two.mentor_root.mkdir()
    folder = db.PortfolioFolder(two.mentor_root)
    db.connect(folder)
    db.migrate(folder, all_models())
    db.disconnect()
    notes = two.mentor_root / "my-notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    with pytest.raises(WorkbenchError):
        unpack(mentee_package(two), two.as_mentor(), two.mentor_root)
    assert notes.read_text(encoding="utf-8") == "keep me"


def test_a_killed_unpacks_staging_folders_are_removed_when_the_portfolio_opens(two):
    blobs = two.mentee_root / "blobs"
    dead = blobs / f".incoming-{gone_pid()}-x1"
    dead.mkdir(parents=True)
    (dead / ("a" * 64)).write_bytes(b"half a file")
    legacy = blobs / ".incoming-oldname"
    legacy.mkdir()
    os.utime(legacy, (0, 0))
    mine = blobs / f".incoming-{os.getpid()}-x2"  # a staging still being filled
    mine.mkdir()
    with open_portfolio(two.mentee_root) as opened:
        assert sorted(opened.cleaned) == sorted([f"blobs/{legacy.name}", f"blobs/{dead.name}"])
    assert not dead.exists() and not legacy.exists() and mine.is_dir()


def test_stale_pack_temp_files_go_before_the_next_pack_but_never_a_live_or_foreign_one(two):
    out = two.tmp / "sync"
    out.mkdir()
    ours = leftovers.host_tag()
    stale = out / f".casey.wbpack.tmp{gone_pid()}-{ours}"
    foreign = out / f".morgan.wbpack.tmp{gone_pid()}-{'0' * 8 if ours != '0' * 8 else '1' * 8}"
    live = out / f".other.wbpack.tmp{os.getpid()}-{ours}"
    old_legacy = out / f".casey.wbpack.tmp{gone_pid()}"
    new_legacy = out / f".casey2.wbpack.tmp{gone_pid()}"
    someone = out / "notes.tmp"
    for path in (stale, foreign, live, old_legacy, new_legacy, someone):
        path.write_bytes(b"x" * 100)
    os.utime(old_legacy, (0, 0))
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        pack(opened, me, out / "casey.wbpack")
    left = sorted(p.name for p in out.iterdir())
    assert left == sorted(["casey.wbpack", foreign.name, live.name, new_legacy.name, "notes.tmp"])


def test_unpack_removes_a_killed_packs_temp_file_beside_the_package(two):
    package = mentee_package(two)
    stale = package.with_name(f".{package.name}.tmp{gone_pid()}-{leftovers.host_tag()}")
    stale.write_bytes(b"cut short")
    unpack(package, two.as_mentor(), two.mentor_root)
    assert not stale.exists()


def test_check_fix_removes_a_killed_unpacks_staging_folder_and_says_so(two):
    dead = two.mentee_root / "blobs" / f".incoming-{gone_pid()}-zz"
    dead.mkdir(parents=True)
    (dead / ("b" * 64)).write_bytes(b"half")
    root = os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    )
    env = {**os.environ, "PYTHONPATH": root}
    result = subprocess.run(
        [sys.executable, os.path.join(root, "main.py"), "check", "--portfolio", two.mentee_root]
        + ["--fix"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert f"fixed: removed blobs/{dead.name}" in result.stdout
    assert not dead.exists()


def test_a_mentor_who_lost_their_copy_rebuilds_it_and_their_next_rating_is_accepted(two):
    first = unpack(mentee_package(two, "first.wbpack"), two.as_mentor())
    rate_as_mentor(first.root, two.mentor, 2)
    with two.open(first.root, two.as_mentor()) as (opened, me):
        review = pack(opened, me, two.tmp / "review.wbpack").path
    unpack(review, two.as_mentee(), two.mentee_root)
    shutil.rmtree(first.root)  # the mentor's laptop was replaced; the list still names it

    rebuilt = unpack(mentee_package(two, "again.wbpack"), two.as_mentor())
    assert rebuilt.created_copy and rebuilt.root == first.root
    rate_as_mentor(rebuilt.root, two.mentor, 4)  # the same skill, a new record
    with two.open(rebuilt.root, two.as_mentor()) as (opened, me):
        again = pack(opened, me, two.tmp / "review-again.wbpack").path
    summary = unpack(again, two.as_mentee(), two.mentee_root)
    assert summary.new == {"mentor_rating": 1}
    with two.open(two.mentee_root, two.mentee):
        assert [r.rating for r in MentorRating.select()] == [4]
