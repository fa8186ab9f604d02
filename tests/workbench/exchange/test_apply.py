"""Packing and unpacking between a mentee and a mentor, through the core services."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.workbench.exchange.support import Two, dump_shared, rate_as_mentor
from workbench.errors import PackageError, PermissionDenied, UnconfirmedKey
from workbench.evidence.blobs import blob_path
from workbench.exchange.apply import news, pack
from workbench.exchange.copies import unpack
from workbench.matrix.ratings import framework_skills, latest_snapshot, set_rating
from workbench.store import keys
from workbench.store.models import EvidenceItem, Membership, MentorRating, PinnedKey, Rating
from workbench.store.portfolios import MENTOR
from workbench.store.roles import role_of

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    return people


def send_from_mentee(two: Two, name: str = "to-mentor.wbpack", **options) -> Path:
    out = two.tmp / name
    identity = two.as_mentee()
    with two.open(two.mentee_root, identity) as (opened, me):
        pack(opened, me, out, **options)
    return out


def send_from_mentor(two: Two, name: str = "to-mentee.wbpack", **options) -> Path:
    out = two.tmp / name
    identity = two.as_mentor()
    with two.open(two.mentor_root, identity) as (opened, me):
        pack(opened, me, out, **options)
    return out


def test_the_mentors_copy_is_made_from_the_first_package(tmp_path, monkeypatch):
    two = Two(tmp_path, monkeypatch, introduce=False)
    two.start_mentee_portfolio()
    package = send_from_mentee(two)
    key = _manifest(package)["public_key"]
    with pytest.raises(UnconfirmedKey, match="first package from Casey Mentee"):
        unpack(package, two.as_mentor(), two.mentor_root)
    assert not two.mentor_root.exists()
    summary = unpack(package, two.as_mentor(), two.mentor_root, confirmed_key=key)
    assert summary.created_copy
    assert summary.new["rating"] == 5
    assert summary.pinned_fingerprint == keys.fingerprint(_manifest(package)["public_key"])
    with two.open(two.mentor_root, two.mentor) as (opened, mentor):
        assert opened.portfolio.title.endswith("Casey Mentee")
        assert role_of(opened.portfolio, mentor) == MENTOR
        assert Rating.select().count() == 5
        assert PinnedKey.get_by_id(two.mentee.uuid).fingerprint == summary.pinned_fingerprint
        assert news()["rating"] == 5


def test_a_round_trip_binds_the_mentor_and_both_copies_converge(two):
    unpack(send_from_mentee(two), two.as_mentor(), two.mentor_root)
    rate_as_mentor(two.mentor_root, two.mentor, 3)
    back = unpack(send_from_mentor(two), two.as_mentee(), two.mentee_root)
    assert back.bound_member and back.new == {"person": 1, "mentor_rating": 1}
    with two.open(two.mentee_root, two.mentee) as (opened, me):
        mentor_place = Membership.get(Membership.role == MENTOR)
        assert mentor_place.person_id == two.mentor.uuid and mentor_place.revision > 1
        assert MentorRating.get().rating == 3
    unpack(send_from_mentee(two, "again.wbpack"), two.as_mentor(), two.mentor_root)
    assert dump_shared(two.mentee_root) == dump_shared(two.mentor_root)


def test_opening_the_same_package_twice_changes_nothing(two):
    package = send_from_mentee(two)
    unpack(package, two.as_mentor(), two.mentor_root)
    before = dump_shared(two.mentor_root)
    again = unpack(package, two.as_mentor(), two.mentor_root)
    assert again.nothing_new and again.unchanged == _manifest(package)["record_count"]
    assert dump_shared(two.mentor_root) == before


def test_a_mentor_cannot_change_the_mentees_rating_through_the_service(two):
    unpack(send_from_mentee(two), two.as_mentor(), two.mentor_root)
    with two.open(two.mentor_root, two.mentor) as (opened, mentor):
        snapshot = latest_snapshot(opened.portfolio)
        with pytest.raises(PermissionDenied):
            set_rating(snapshot, framework_skills(opened.portfolio)[0], mentor, current=4)


def test_changes_only_sends_what_the_other_side_has_not_confirmed(two):
    unpack(send_from_mentee(two), two.as_mentor(), two.mentor_root)
    rate_as_mentor(two.mentor_root, two.mentor)
    unpack(send_from_mentor(two), two.as_mentee(), two.mentee_root)  # carries the mentor's ack
    identity = two.as_mentee()
    with two.open(two.mentee_root, identity) as (opened, me):
        snapshot = latest_snapshot(opened.portfolio)
        set_rating(snapshot, framework_skills(opened.portfolio)[7], me, current=2, target=4)
        result = pack(opened, me, two.tmp / "delta.wbpack", changes_only=True)
    # the new rating and the membership that now names the mentor, and any record
    # that shares a digest bucket with them
    total = _manifest(two.tmp / "to-mentor.wbpack")["record_count"]
    assert result.scope == "changes" and 2 <= result.records < total // 4
    summary = unpack(result.path, two.as_mentor(), two.mentor_root)
    assert summary.new == {"rating": 1} and summary.changed == {"membership": 1}
    assert summary.unchanged == result.records - 2
    assert dump_shared(two.mentee_root) == dump_shared(two.mentor_root)


def test_changes_only_falls_back_to_everything_before_any_confirmation(two):
    identity = two.as_mentee()
    with two.open(two.mentee_root, identity) as (opened, me):
        result = pack(opened, me, two.tmp / "first.wbpack", changes_only=True)
    assert result.scope == "full" and result.records == _manifest(result.path)["record_count"]


def add_evidence_file(two: Two, content: bytes) -> str:
    """A stored evidence file and its item, written directly (the evidence service's shape)."""
    sha = hashlib.sha256(content).hexdigest()
    identity = two.as_mentee()
    with two.open(two.mentee_root, identity) as (opened, me):
        target = blob_path(opened, sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        EvidenceItem.create(
            author=me.uuid, portfolio=opened.portfolio, number=1, title="Feedback forms",
            blob_sha=sha, size=len(content),
        )  # fmt: skip
    return sha


def test_evidence_files_travel_unless_left_out(two):
    content = os.urandom(300_000)
    sha = add_evidence_file(two, content)
    without = send_from_mentee(two, "no-files.wbpack", include_blobs=False)
    assert not any(n.startswith("blobs/") for n in zipfile.ZipFile(without).namelist())
    unpack(without, two.as_mentor(), two.mentor_root)
    assert not blob_path(two.mentor_root, sha).exists()
    summary = unpack(send_from_mentee(two, "files.wbpack"), two.as_mentor(), two.mentor_root)
    assert summary.blobs_added == 1
    assert blob_path(two.mentor_root, sha).read_bytes() == content


def test_a_package_for_another_portfolio_is_refused(two, tmp_path):
    package = send_from_mentee(two)
    unpack(package, two.as_mentor(), two.mentor_root)
    other = Two(tmp_path / "second", two.monkeypatch)
    other.start_mentee_portfolio()
    stranger = send_from_mentee(other, "stranger.wbpack")
    with pytest.raises(PackageError, match="belongs to the portfolio"):
        unpack(stranger, two.as_mentor(), two.mentor_root)


def test_the_mentor_without_a_free_place_cannot_open_the_portfolio(tmp_path, monkeypatch):
    people = Two(tmp_path, monkeypatch)
    identity = people.as_mentee()
    from workbench.store.portfolios import create_portfolio

    create_portfolio(people.mentee_root, identity, route="chartership").close()  # no mentor
    package = send_from_mentee(people)
    with pytest.raises(PackageError, match="no free mentor place"):
        unpack(package, people.as_mentor(), people.mentor_root)
    assert not people.mentor_root.exists()


def _manifest(package: Path) -> dict:
    with zipfile.ZipFile(package) as zf:
        return json.loads(zf.read("manifest.json"))


# The command line ------------------------------------------------------------------------


def run_cli(*args: str, data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip


def test_pack_and_unpack_on_the_command_line(two):
    mentee_data = two.tmp / "casey" / "data"
    mentor_data = two.tmp / "morgan" / "data"
    out = two.tmp / "cli.wbpack"
    packed = run_cli(
        "pack", "--portfolio", str(two.mentee_root), "--out", str(out), data=mentee_data
    )
    assert packed.returncode == 0, packed.stderr
    assert "Wrote" in packed.stdout and out.is_file()
    opened = run_cli("unpack", str(out), "--portfolio", str(two.mentor_root), data=mentor_data)
    assert opened.returncode == 0, opened.stderr
    assert "Casey Mentee rated 5 skills." in opened.stdout
    finger = run_cli("fingerprint", data=mentor_data)
    assert keys.fingerprint(_manifest(out)["public_key"]) not in finger.stdout


def test_unpack_refuses_with_the_reason_and_exit_status_1(two):
    bad = two.tmp / "bad.wbpack"
    bad.write_bytes(b"hello, not a zip")
    result = run_cli("unpack", str(bad), data=two.tmp / "morgan" / "data")
    assert result.returncode == 1
    assert result.stderr.startswith("error: bad.wbpack is not a workbench package")


def test_evidence_files_checked_ahead_are_moved_in_or_discarded(two):
    from workbench.exchange.reader import read_package, stage_blobs

    sha = add_evidence_file(two, os.urandom(50_000))
    package_path = send_from_mentee(two, "staged.wbpack")
    unpack(
        send_from_mentee(two, "first.wbpack", include_blobs=False), two.as_mentor(), two.mentor_root
    )
    staged = stage_blobs(read_package(package_path), two.mentor_root)
    staging = staged.staged[0]
    assert staging.is_dir() and not blob_path(two.mentor_root, sha).exists()
    staged.discard_staged()
    assert not staging.exists()
    staged = stage_blobs(read_package(package_path), two.mentor_root)
    with two.open(two.mentor_root, two.mentor) as (opened, mentor):
        from workbench.exchange.apply import import_package

        assert import_package(opened, mentor, package_path, staged).blobs_added == 1
    assert blob_path(two.mentor_root, sha).is_file()
    assert [p.name for p in (two.mentor_root / "blobs").iterdir()] == [sha[:2]]


def test_the_mentors_place_stays_filled_when_the_mentee_changes_it_unbound(two):
    unpack(send_from_mentee(two), two.as_mentor(), two.mentor_root)
    with two.open(two.mentee_root, two.as_mentee()):
        place = Membership.get(Membership.role == MENTOR)
        place.name = "Morgan Mentor (Chartered)"
        place.touch()
        place.save()
    summary = unpack(send_from_mentee(two, "renamed.wbpack"), two.as_mentor(), two.mentor_root)
    assert summary.changed == {"membership": 1}
    with two.open(two.mentor_root, two.mentor) as (opened, mentor):
        assert role_of(opened.portfolio, mentor) == MENTOR
        assert Membership.get(Membership.role == MENTOR).name == "Morgan Mentor (Chartered)"
