"""The sync folder's rules, and the mentor's home built from the portfolios on this computer."""

from __future__ import annotations

import errno
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.workbench.exchange.support import Two, rate_as_mentor
from workbench.errors import StorageError, ValidationError, WorkbenchError
from workbench.exchange import known_keys, sync, sync_files
from workbench.exchange.apply import mark_seen, pack
from workbench.exchange.copies import unpack
from workbench.exchange.reader import read_package
from workbench.frameworks.library import builtin_framework, install_framework
from workbench.journey import mentor_home
from workbench.matrix.ratings import begin_snapshot
from workbench.statement import comments, drafts
from workbench.store import keys
from workbench.store.models import Membership, MentorRating, PinnedKey
from workbench.store.portfolios import create_portfolio, ensure_person, get_setting


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    return people


def test_a_portfolio_folder_cannot_be_the_sync_folder(two):
    with two.open(two.mentee_root, two.as_mentee()):
        with pytest.raises(ValidationError, match="holds a portfolio database"):
            sync.set_sync_folder(two.mentee_root)
        with pytest.raises(ValidationError, match="does not exist"):
            sync.set_sync_folder(two.tmp / "nowhere")


def test_a_vanished_sync_folder_is_named_in_the_error(two):
    folder = two.tmp / "usb-stick"
    folder.mkdir()
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        folder.rmdir()
        with pytest.raises(WorkbenchError, match="usb-stick cannot be found"):
            sync.sync_now(opened, me)


def test_nothing_is_rewritten_when_nothing_changed(two):
    folder = two.tmp / "shared"
    folder.mkdir()
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        assert sync.write_own(opened, me) is not None
        assert sync.write_own(opened, me) is None
        drafts.save_working_copy(opened.portfolio, me, "A first paragraph.")
        drafts.send_for_review(opened.portfolio, me)
        assert sync.write_own(opened, me) is not None


def test_a_bad_file_is_reported_once_until_it_changes_and_another_portfolios_file_is_left_alone(
    two, tmp_path
):
    folder = two.tmp / "shared"
    folder.mkdir()
    other = Two(tmp_path / "second", two.monkeypatch)
    other.start_mentee_portfolio()
    with other.open(other.mentee_root, other.as_mentee()) as (opened, me):
        pack(opened, me, folder / f"{other.mentee.uuid}.wbpack")
    (folder / "0b5d6a48-8c1e-4a8e-9d43-4d8c2f7e1a11.wbpack").write_bytes(b"PK\x03\x04 cut")
    (folder / "d2c1f0e9-3b4a-4c5d-8e6f-7a8b9c0d1e2f.wbpack").write_bytes(b"not a zip")
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        first = sync.import_others(opened, me)
        assert not first.imported
        [line] = first.errors
        assert "not a zip file" in line and "set aside until it changes" in line
        assert first.arriving == ["0b5d6a48-8c1e-4a8e-9d43-4d8c2f7e1a11.wbpack"]  # not an error
        # neither is repeated until its content changes (a copy still arriving changes)
        again = sync.import_others(opened, me)
        assert again.errors == [] and again.arriving == []


def test_the_mentors_home_lists_news_open_comments_and_days_left(two):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        opened.portfolio.target_date = date.today() + timedelta(days=40)
        opened.portfolio.save()
        drafts.save_working_copy(opened.portfolio, me, "I designed the induction programme.")
        version = drafts.send_for_review(opened.portfolio, me)
        comments.create_comment(opened.portfolio, me, version, 2, 10, "Is this clear?")
        package = pack(opened, me, two.tmp / "p.wbpack").path
    mentor = two.as_mentor()
    unpack(package, mentor, None)  # found nowhere: a new copy in the default folder
    [row] = mentor_home.mentor_home(mentor.uuid)
    assert row.mentee == "Casey Mentee" and row.days_left == 40
    assert row.open_comments == 1 and row.latest_version == 1
    assert row.news["statement_version"] == 1 and row.news_count > 1
    with two.open(row.root, mentor):
        mark_seen()
    [row] = mentor_home.mentor_home(mentor.uuid)
    assert row.news_count == 0
    assert mentor_home.mentor_home(two.mentee.uuid) == []


# The sync folder's guarantees (see workbench/sync.py) ----------------------------------


def shared_folder(two: Two) -> Path:
    folder = two.tmp / "shared"
    folder.mkdir(exist_ok=True)
    return folder


def mentor_writes(two: Two, folder: Path, rating: int = 2, confirm: bool = False) -> Path:
    """The mentor makes a copy from the mentee's package (once), rates, and syncs."""
    if not two.mentor_root.exists():
        with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
            first = pack(opened, me, two.tmp / "first.wbpack").path
        key = read_package(first).manifest["public_key"] if confirm else None
        unpack(first, two.as_mentor(), two.mentor_root, confirmed_key=key)
    rate_as_mentor(two.mentor_root, two.as_mentor(), rating)
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        sync.set_sync_folder(folder)
        return sync.write_own(opened, mentor)


def make_read_only(folder: Path, monkeypatch) -> None:
    """The folder refuses new files; root ignores permissions, so refuse the move too."""
    folder.chmod(0o555)
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_a_strangers_package_in_the_sync_folder_waits_and_takes_no_place(tmp_path, monkeypatch):
    two = Two(tmp_path, monkeypatch, introduce=False)
    two.start_mentee_portfolio()
    folder = shared_folder(two)
    mentor_writes(two, folder, confirm=True)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        first = sync.import_others(opened, me)
        [waiting] = first.waiting
        assert waiting.question.sender == two.mentor.uuid and not waiting.declined
        assert first.imported == [] and first.errors == []
        assert Membership.select().where(Membership.person == two.mentor.uuid).count() == 0
        assert PinnedKey.select().count() == 0
        # still unhandled: the next pass reports the same question
        assert [w.token for w in sync.import_others(opened, me).waiting] == [waiting.token]
        accepted = sync.accept_waiting(opened, me, waiting)
        assert [s.sender_name for s in accepted.imported] == ["Morgan Mentor"]
        assert Membership.select().where(Membership.person == two.mentor.uuid).count() == 1
        assert sync.import_others(opened, me).waiting == []


def test_a_declined_key_is_not_asked_again_and_a_changed_file_is_only_mentioned(
    tmp_path, monkeypatch
):
    two = Two(tmp_path, monkeypatch, introduce=False)
    two.start_mentee_portfolio()
    folder = shared_folder(two)
    mentor_writes(two, folder, confirm=True)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        [waiting] = sync.import_others(opened, me).waiting
        sync.decline_waiting(waiting)
        assert sync.import_others(opened, me).waiting == []
    mentor_writes(two, folder, rating=3)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        [again] = sync.import_others(opened, me).waiting
        assert again.declined and again.token != waiting.token
        assert "waiting for you to confirm their key" in again.sentence()
        assert sync.import_others(opened, me).waiting == []
        assert PinnedKey.select().count() == 0


def start_portfolio(two: Two, name: str, root: Path) -> None:
    """A second mentee's portfolio; they and the mentor confirm each other's keys."""
    identity = two.be(name)
    their_key = keys.my_public_key()
    with create_portfolio(root, identity, route="chartership", mentor_name="Morgan Mentor") as op:
        me = ensure_person(identity)
        op.portfolio.framework = install_framework(builtin_framework(), me)
        op.portfolio.save()
        begin_snapshot(op.portfolio, me, "start")
    mentor = two.as_mentor()
    known_keys.remember_key(identity.uuid, their_key, name)
    mentor_key = keys.my_public_key()
    two.be(name)
    known_keys.remember_key(mentor.uuid, mentor_key, mentor.name)


def test_one_sync_folder_serves_a_mentor_with_two_mentees(two):
    folder = shared_folder(two)
    riley_root = two.tmp / "riley-portfolio"
    start_portfolio(two, "Riley Mentee", riley_root)
    mentees = [
        (two.as_mentee, two.mentee_root, two.tmp / "morgan-casey"),
        (lambda: two.be("Riley Mentee"), riley_root, two.tmp / "morgan-riley"),
    ]
    for become, root, copy in mentees:
        with two.open(root, become()) as (opened, me):
            sync.set_sync_folder(folder)
            written = sync.sync_now(opened, me).written
        unpack(written, two.as_mentor(), copy)
        rate_as_mentor(copy, two.mentor, 2)
        with two.open(copy, two.as_mentor()) as (opened, mentor):
            sync.set_sync_folder(folder)
            mentor_pass = sync.sync_now(opened, mentor)
        assert mentor_pass.errors == [] and len(mentor_pass.imported) == 1
    assert len(list(folder.glob("*.wbpack"))) == 4  # one per portfolio and person
    for become, root, _copy in mentees:
        with two.open(root, become()) as (opened, me):
            result = sync.sync_now(opened, me)
            assert [s.sender_name for s in result.imported] == ["Morgan Mentor"]
            assert result.errors == [] and MentorRating.select().count() == 1


def test_a_package_rewritten_with_the_same_size_and_time_is_read_again(two):
    folder = shared_folder(two)
    package = mentor_writes(two, folder)
    good, stamp = package.read_bytes(), package.stat()
    package.write_bytes(good[:-200] + bytes(200))  # a copy still arriving, same size
    os.utime(package, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        first = sync.import_others(opened, me)
        assert first.imported == [] and first.errors == [] and len(first.arriving) == 1
        package.write_bytes(good)
        os.utime(package, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        assert (package.stat().st_size, package.stat().st_mtime_ns) == (
            stamp.st_size,
            stamp.st_mtime_ns,
        )
        second = sync.import_others(opened, me)
        assert [s.sender_name for s in second.imported] == ["Morgan Mentor"]
        assert MentorRating.select().count() == 1


def test_an_older_copy_of_our_own_file_put_back_is_written_again(two):
    folder = shared_folder(two)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        own = sync.write_own(opened, me)
        old = own.read_bytes()
        drafts.save_working_copy(opened.portfolio, me, "A first paragraph.")
        drafts.send_for_review(opened.portfolio, me)
        assert sync.write_own(opened, me) == own
        own.write_bytes(old)  # the sync service restores the older copy
        assert sync.write_own(opened, me) == own
        assert own.read_bytes() != old
        assert sync.file_sha256(own) == get_setting(sync.OWN_HASH_KEY)
        assert read_package(own).manifest["sender"] == me.uuid
        assert sync.write_own(opened, me) is None
        own.unlink()  # removed by someone on another computer
        assert sync.write_own(opened, me) == own and own.is_file()


def test_a_damaged_file_is_set_aside_untouched_and_the_partners_package_is_still_read(two):
    folder = shared_folder(two)
    mentor_writes(two, folder)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        damaged = folder / f"{opened.portfolio.uuid}.{STRANGER}.wbpack"
        damaged.write_bytes(b"damaged beyond reading")
        sync.set_sync_folder(folder)
        first = sync.import_others(opened, me)
        assert [s.sender_name for s in first.imported] == ["Morgan Mentor"]
        [line] = first.errors
        assert damaged.name in line and "set aside until it changes" in line
        assert damaged.read_bytes() == b"damaged beyond reading"  # never renamed or removed
        assert sync.import_others(opened, me).errors == []
        damaged.write_bytes(b"damaged beyond reading again")
        assert len(sync.import_others(opened, me).errors) == 1


@pytest.mark.parametrize(
    ("failure", "again"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), True),
        (StorageError("The portfolio's database could not be written: the disk is full."), True),
        (RuntimeError("a fault of ours"), False),
    ],
    ids=["os-error", "this-computer", "unexpected"],
)
def test_an_unexpected_error_reading_one_file_becomes_a_sentence_and_the_others_are_read(
    two, monkeypatch, failure, again
):
    folder = shared_folder(two)
    mentor_writes(two, folder)
    real = sync_files.read_package

    def read_package(path, *args, **kwargs):  # reading is the file half of a pass
        if STRANGER in Path(path).name:
            raise failure
        return real(path, *args, **kwargs)

    monkeypatch.setattr(sync_files, "read_package", read_package)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        odd = folder / f"{opened.portfolio.uuid}.{STRANGER}.wbpack"
        odd.write_bytes(b"anything")
        sync.set_sync_folder(folder)
        result = sync.import_others(opened, me)
        assert [s.sender_name for s in result.imported] == ["Morgan Mentor"]
        [line] = result.errors
        assert odd.name in line and str(failure.args[-1]).rstrip(".") in line
        # a failure of this computer's is tried again; one tied to the content waits for a change
        assert ("tried again" in line) == again
        assert len(sync.import_others(opened, me).errors) == (1 if again else 0)


def test_a_read_only_sync_folder_gives_one_sentence_and_is_retried(two, monkeypatch):
    folder = shared_folder(two)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        with monkeypatch.context() as patch:
            make_read_only(folder, patch)
            refused = sync.sync_now(opened, me)
        folder.chmod(0o755)
        assert refused.written is None
        [line] = refused.errors
        assert "is read-only here, so your changes wait on this computer" in line
        assert list(folder.iterdir()) == []  # no temp file left behind
        assert sync.sync_now(opened, me).written == sync.own_file(folder, opened.portfolio, me)


def test_temp_files_are_never_read_and_broken_conflict_copies_are_skipped_quietly(two):
    folder = shared_folder(two)
    real = mentor_writes(two, folder)
    stem, name = real.stem, real.name
    for odd in (
        f".syncthing.{name}.tmp",
        f"~syncthing~{name}.tmp",
        f"{stem}.sync-conflict-20240101-101010-ABCDEFG.wbpack",
        f"{stem} (Morgan Mentor's conflicted copy 2024-01-01).wbpack",
        f"{stem}-MORGAN-LAPTOP.wbpack",
        f".{name}.tmp4242",
    ):
        (folder / odd).write_bytes(b"not a package")
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        listed = sync.others_files(folder, opened.portfolio, me)
        assert real in listed and not any(p.name.endswith((".tmp", ".tmp4242")) for p in listed)
        assert len(listed) == 4  # the package and its three conflict copies
        result = sync.import_others(opened, me)
        assert result.errors == [] and [s.sender_name for s in result.imported] == ["Morgan Mentor"]


STRANGER = "0b5d6a48-8c1e-4a8e-9d43-4d8c2f7e1a11"
