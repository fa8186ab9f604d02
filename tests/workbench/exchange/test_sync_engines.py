"""The sync folder while the sync service misbehaves the way services do.

Each test is one misbehaviour on a plain folder: the service's temp files, its
conflict copies, a file arriving in pieces, a file replaced by an older one,
the folder vanishing and coming back, a read-only folder. None of them is
taken as the truth or told as an alarming error; packages are verified and
merged (the newest revision of each record wins), so an older file changes
nothing and a copy holding newer records brings them.
"""

from __future__ import annotations

import pytest

from tests.workbench.exchange.support import Two, dump_shared
from tests.workbench.exchange.test_sync import make_read_only, mentor_writes, shared_folder
from workbench.errors import SyncFolderUnavailable
from workbench.exchange import sync, sync_files
from workbench.store.models import MentorRating


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    return people


def mentee_pass(two: Two, folder) -> sync.SyncResult:
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        if sync.sync_folder() != folder:
            sync.set_sync_folder(folder)
        return sync.import_others(opened, me)


def mentor_rating_here(two: Two) -> int | None:
    with two.open(two.mentee_root, two.as_mentee()):
        return MentorRating.get().rating if MentorRating.select().count() else None


def test_syncthing_temp_files_of_a_package_still_arriving_are_never_read(two):
    folder = shared_folder(two)
    real = mentor_writes(two, folder)
    data = real.read_bytes()
    real.unlink()
    for temp in (f".syncthing.{real.name}.tmp", f"~syncthing~{real.name}.tmp"):
        (folder / temp).write_bytes(data)  # a whole package, under a temp name
    first = mentee_pass(two, folder)
    assert first.imported == [] and first.errors == [] and first.arriving == []
    (folder / f".syncthing.{real.name}.tmp").rename(real)  # Syncthing moves it into place
    second = mentee_pass(two, folder)
    assert [s.sender_name for s in second.imported] == ["Morgan Mentor"]
    assert mentor_rating_here(two) == 2


COPIES = {
    "syncthing": "{stem}.sync-conflict-20261201-101010-ABCDEF7.wbpack",
    "dropbox": "{stem} (Morgan Mentor's conflicted copy 2026-12-01).wbpack",
    "nextcloud": "{stem} (conflicted copy 2026-12-01 101010).wbpack",
    "onedrive": "{stem}-MORGAN-LAPTOP.wbpack",
}


@pytest.mark.parametrize("engine", sorted(COPIES))
def test_a_conflict_copy_holding_newer_records_is_merged(two, engine):
    folder = shared_folder(two)
    real = mentor_writes(two, folder, rating=2)
    older = real.read_bytes()
    mentor_writes(two, folder, rating=3)
    copy = folder / COPIES[engine].format(stem=real.stem)
    real.rename(copy)  # the service kept the newer file as the copy...
    real.write_bytes(older)  # ...and the older one under the real name
    result = mentee_pass(two, folder)
    assert result.errors == [] and result.waiting == [] and result.arriving == []
    assert sorted(s.sender_name for s in result.imported) == ["Morgan Mentor"] * 2
    assert mentor_rating_here(two) == 3  # the newest revision, whichever file held it
    assert copy.is_file() and real.read_bytes() == older  # another's files are never touched
    assert mentee_pass(two, folder).imported == []  # each content is read once


def test_a_conflict_copy_holding_older_records_changes_nothing(two):
    folder = shared_folder(two)
    real = mentor_writes(two, folder, rating=2)
    older = real.read_bytes()
    mentor_writes(two, folder, rating=3)
    assert [s.nothing_new for s in mentee_pass(two, folder).imported] == [False]
    before = dump_shared(two.mentee_root)
    (folder / COPIES["syncthing"].format(stem=real.stem)).write_bytes(older)
    [summary] = mentee_pass(two, folder).imported
    assert summary.nothing_new
    assert dump_shared(two.mentee_root) == before and mentor_rating_here(two) == 3


def test_a_broken_conflict_copy_is_skipped_without_a_word(two):
    folder = shared_folder(two)
    real = mentor_writes(two, folder)
    for engine in ("syncthing", "onedrive"):
        (folder / COPIES[engine].format(stem=real.stem)).write_bytes(b"PK\x03\x04 cut")
    (folder / COPIES["dropbox"].format(stem=real.stem)).write_bytes(b"")
    result = mentee_pass(two, folder)
    assert [s.sender_name for s in result.imported] == ["Morgan Mentor"]
    assert result.errors == [] and result.arriving == [] and result.waiting == []


def test_a_file_that_arrives_in_pieces_is_read_once_it_is_complete(two):
    folder = shared_folder(two)
    real = mentor_writes(two, folder)
    data = real.read_bytes()
    seen = []
    for piece in (b"", data[: len(data) // 3], data[: 2 * len(data) // 3]):
        real.write_bytes(piece)  # a service writing the file in place, a piece at a time
        result = mentee_pass(two, folder)
        assert result.imported == [] and result.errors == []
        assert result.arriving == [real.name]
        seen.append(result.arriving_sentences())
        assert mentee_pass(two, folder).arriving == []  # said once per content
    assert "is still arriving in the sync folder" in seen[0][0]
    real.write_bytes(data)
    done = mentee_pass(two, folder)
    assert [s.sender_name for s in done.imported] == ["Morgan Mentor"]
    assert done.errors == [] and done.arriving == [] and mentor_rating_here(two) == 2


def test_a_partners_file_replaced_by_an_older_one_changes_nothing(two):
    folder = shared_folder(two)
    real = mentor_writes(two, folder, rating=2)
    older = real.read_bytes()
    mentor_writes(two, folder, rating=3)
    assert mentor_rating_here(two) is None
    mentee_pass(two, folder)
    before = dump_shared(two.mentee_root)
    real.write_bytes(older)  # the service (or a restore) puts the older file back
    result = mentee_pass(two, folder)
    assert result.errors == [] and [s.nothing_new for s in result.imported] == [True]
    assert dump_shared(two.mentee_root) == before and mentor_rating_here(two) == 3


def test_the_folder_vanishing_and_coming_back(two):
    folder = shared_folder(two)
    mentor_writes(two, folder)
    away = folder.with_name("shared-unplugged")
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        folder.rename(away)  # the drive is unplugged, the share goes offline
        with pytest.raises(SyncFolderUnavailable, match="cannot be found"):
            sync.sync_now(opened, me)
        request = sync.scan_request(opened, me)
        with pytest.raises(SyncFolderUnavailable):
            sync_files.scan_folder(request)
        own = sync.plan_own(opened, me, None)
        written = sync_files.write_planned(own)
        assert written.path is None and written.problem == sync_files.UNAVAILABLE
        assert list(away.glob("*.tmp*")) == [] and not folder.exists()
        away.rename(folder)  # it comes back: the next pass carries on
        back = sync.sync_now(opened, me)
        assert back.errors == [] and [s.sender_name for s in back.imported] == ["Morgan Mentor"]
        assert back.written == sync.own_file(folder, opened.portfolio, me)


def test_a_read_only_folder_still_brings_the_partners_changes(two, monkeypatch):
    folder = shared_folder(two)
    mentor_writes(two, folder)
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        with monkeypatch.context() as patch:
            make_read_only(folder, patch)
            result = sync.sync_now(opened, me)
            own = sync.plan_own(opened, me, None, force=True)
            written = sync_files.write_planned(own)
        folder.chmod(0o755)
        assert [s.sender_name for s in result.imported] == ["Morgan Mentor"]
        assert result.written is None and len(result.errors) == 1
        assert "read-only here" in result.errors[0] and "Errno" not in result.errors[0]
        assert written.problem == sync_files.READ_ONLY_FOLDER
        assert sync.sync_now(opened, me).written == sync.own_file(folder, opened.portfolio, me)
