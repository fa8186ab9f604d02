"""The blob store, importing files and the integrity check, with bad input."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from workbench.cli.main import run
from workbench.errors import EvidenceError
from workbench.evidence import blobs
from workbench.evidence.blobs import CancelledError, DiskFullError, blob_path
from workbench.evidence.files import (
    add_file,
    check_integrity,
    collect_garbage,
    import_files,
    stage_files,
    stored_file,
)
from workbench.evidence.library import evidence_items, set_deleted
from workbench.store.models import EvidenceItem
from workbench.store.portfolios import ensure_person, open_portfolio


@pytest.fixture
def mentee(portfolio, me):
    return ensure_person(me)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def files_in_store(root: Path) -> list[str]:
    return sorted(p.relative_to(root / "blobs").as_posix() for p in blobs.stored_files(root))


def test_a_file_is_stored_by_its_hash_in_a_fanout_folder(portfolio, mentee, tmp_path):
    data = b"Feedback from the induction session\n" * 100
    source = write(tmp_path / "in" / "feedback.txt", data)
    item = add_file(portfolio, mentee, source)
    sha = hashlib.sha256(data).hexdigest()
    assert item.blob_sha == sha and item.size == len(data)
    assert blob_path(portfolio.root, sha) == portfolio.root / "blobs" / sha[:2] / sha
    assert blob_path(portfolio.root, sha).read_bytes() == data
    assert files_in_store(portfolio.root) == [f"{sha[:2]}/{sha}"]
    assert (item.number, item.title, item.source_name) == (1, "feedback", "feedback.txt")


def test_the_same_content_twice_is_stored_once_and_reported(portfolio, mentee, tmp_path):
    first = write(tmp_path / "in" / "report.pdf", b"%PDF-1.4 same bytes")
    second = write(tmp_path / "in" / "copy of report.pdf", b"%PDF-1.4 same bytes")
    result = import_files(portfolio, mentee, [first, second])
    assert len(result.items) == 1
    assert result.duplicates == [("copy of report.pdf", "E1")]
    assert len(files_in_store(portfolio.root)) == 1
    with pytest.raises(EvidenceError, match="already in the library as E1"):
        add_file(portfolio, mentee, first)
    assert len(files_in_store(portfolio.root)) == 1


def test_a_large_file_is_copied_in_chunks(portfolio, mentee, tmp_path, monkeypatch):
    monkeypatch.setattr(blobs, "CHUNK", 4096)
    data = os.urandom(4096 * 10 + 7)
    seen = []
    staged = stage_files(portfolio.root, [write(tmp_path / "big.bin", data)], progress=seen.append)
    assert seen[:10] == [4096] * 10 and sum(seen) == len(data)
    assert blob_path(portfolio.root, staged.files[0].sha).read_bytes() == data


def test_a_folder_import_skips_hidden_files_and_keeps_going_past_bad_ones(
    portfolio, mentee, tmp_path
):
    folder = tmp_path / "evidence"
    write(folder / "slides.pptx", b"slides")
    write(folder / "sub" / "certificate.png", b"png bytes")
    write(folder / ".DS_Store", b"junk")
    write(folder / "empty.txt", b"")
    result = import_files(portfolio, mentee, [folder])
    assert sorted(i.source_name for i in result.items) == ["certificate.png", "slides.pptx"]
    assert [name for name, _ in result.failures] == ["empty.txt"]
    types = {row.source_name: row.evidence_type for row in evidence_items(portfolio.portfolio)}
    assert types == {"certificate.png": "Image", "slides.pptx": "Presentation"}


# Bad input ----------------------------------------------------------------------------


def test_a_missing_source_file_is_named_in_the_message(portfolio, mentee, tmp_path):
    with pytest.raises(EvidenceError, match=r"could not be found.*moved or deleted"):
        add_file(portfolio, mentee, tmp_path / "nowhere" / "minutes.docx")
    assert files_in_store(portfolio.root) == []
    assert EvidenceItem.select().count() == 0


def test_an_unreadable_file_gets_a_clear_message(portfolio, mentee, tmp_path, monkeypatch):
    source = write(tmp_path / "secret.docx", b"locked")
    real_open = open

    def refusing_open(path, mode="r", *args, **kwargs):
        if Path(path) == source:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(blobs, "open", refusing_open, raising=False)
    with pytest.raises(EvidenceError, match="cannot be read: you do not have permission"):
        add_file(portfolio, mentee, source)
    assert files_in_store(portfolio.root) == []
    assert EvidenceItem.select().count() == 0


def test_a_zero_byte_file_is_refused(portfolio, mentee, tmp_path):
    with pytest.raises(EvidenceError, match=r"'blank.pdf' is empty \(0 bytes\)"):
        add_file(portfolio, mentee, write(tmp_path / "blank.pdf", b""))
    assert files_in_store(portfolio.root) == []


def test_a_file_that_vanishes_mid_copy_is_not_added(portfolio, mentee, tmp_path, monkeypatch):
    monkeypatch.setattr(blobs, "CHUNK", 1024)
    keep = write(tmp_path / "in" / "keep.txt", b"kept")
    source = write(tmp_path / "in" / "vanishing.txt", os.urandom(5000))

    def delete_during_copy(nbytes):
        if source.exists() and nbytes == 1024:
            source.unlink()

    staged = stage_files(portfolio.root, [keep, source], progress=delete_during_copy)
    assert [f.source_name for f in staged.files] == ["keep.txt"]
    assert "disappeared while it was being copied" in staged.failures[0][1]
    assert len(files_in_store(portfolio.root)) == 1  # only keep.txt, no partial copy


def test_a_file_deleted_between_listing_and_copying(portfolio, mentee, tmp_path):
    folder = tmp_path / "in"
    write(folder / "a.txt", b"a")
    gone = write(folder / "b.txt", b"b")
    from workbench.evidence.files import expand_paths

    listed = expand_paths([folder])
    gone.unlink()
    result = import_files(portfolio, mentee, listed)
    assert [i.source_name for i in result.items] == ["a.txt"]
    assert result.failures[0][0] == "b.txt" and "could not be found" in result.failures[0][1]


def test_a_full_disk_leaves_nothing_behind(portfolio, mentee, tmp_path, monkeypatch):
    first = write(tmp_path / "in" / "first.txt", b"first file")
    second = write(tmp_path / "in" / "second.txt", b"second file")
    real_open = open

    class FullDiskWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def opening(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        if "w" in mode and Path(path).suffix == ".part" and opening.calls > 0:
            return FullDiskWriter(handle)
        if "w" in mode:
            opening.calls += 1
        return handle

    opening.calls = 0
    monkeypatch.setattr(blobs, "open", opening, raising=False)
    with pytest.raises(DiskFullError, match="disk holding the portfolio is full"):
        import_files(portfolio, mentee, [first, second])
    assert files_in_store(portfolio.root) == []  # the first file's blob went too
    assert EvidenceItem.select().count() == 0


def test_unicode_and_255_character_file_names(portfolio, mentee, tmp_path):
    long_name = "r" * 251 + ".pdf"
    names = [long_name, "Résumé – 履歴書 ✓ עברית 🎓.docx", "e\u0301té.txt"]
    paths = [write(tmp_path / "in" / name, name.encode()) for name in names]
    result = import_files(portfolio, mentee, paths)
    assert result.failures == []
    assert sorted(i.source_name for i in result.items) == sorted(names)
    row = next(r for r in evidence_items(portfolio.portfolio) if r.source_name == long_name)
    assert len(row.source_name) == 255 and row.title == "r" * 251


def test_a_name_that_is_not_valid_utf8_is_kept_readable(portfolio, mentee, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(b"latin-1 name")
    item = add_file(portfolio, mentee, os.fsdecode(raw))
    assert item.source_name == "caf\ufffd.txt"


def test_cancel_leaves_no_item_and_no_blob(portfolio, mentee, tmp_path, monkeypatch):
    monkeypatch.setattr(blobs, "CHUNK", 1024)
    paths = [write(tmp_path / "in" / f"f{n}.bin", os.urandom(3000)) for n in range(3)]
    copied = []
    with pytest.raises(CancelledError):
        import_files(
            portfolio,
            mentee,
            paths,
            progress=copied.append,
            cancelled=lambda: len(copied) >= 5,
        )
    assert len(copied) == 5  # two files done, the third under way
    assert files_in_store(portfolio.root) == []
    assert EvidenceItem.select().count() == 0


def test_a_blob_changed_behind_the_apps_back_is_refused_then_repaired(portfolio, mentee, tmp_path):
    source = write(tmp_path / "poster.png", b"original poster")
    item = add_file(portfolio, mentee, source)
    row = evidence_items(portfolio.portfolio)[0]
    path = blob_path(portfolio.root, item.blob_sha)
    path.write_bytes(b"tampered poster")
    with pytest.raises(EvidenceError, match="changed on disk since it was added"):
        stored_file(portfolio, row)
    report = check_integrity(portfolio)
    assert [p.kind for p in report.problems] == ["changed"]
    assert "E1 'poster'" in report.problems[0].message
    # Adding the original again is recognised as E1 and repairs the stored copy.
    result = import_files(portfolio, mentee, [source])
    assert result.duplicates == [("poster.png", "E1")]
    assert path.read_bytes() == b"original poster"
    assert check_integrity(portfolio).ok


# Deletion and garbage ------------------------------------------------------------------


def test_a_deleted_items_blob_stays_until_garbage_is_collected(portfolio, mentee, tmp_path):
    kept = add_file(portfolio, mentee, write(tmp_path / "kept.txt", b"kept"))
    gone = add_file(portfolio, mentee, write(tmp_path / "gone.txt", b"gone"))
    set_deleted([gone.uuid], mentee, True)
    assert blob_path(portfolio.root, gone.blob_sha).exists()  # undo can still restore it
    set_deleted([gone.uuid], mentee, False)
    assert [r.number for r in evidence_items(portfolio.portfolio)] == [1, 2]
    set_deleted([gone.uuid], mentee, True)
    assert collect_garbage(portfolio) == 1
    assert not blob_path(portfolio.root, gone.blob_sha).exists()
    assert blob_path(portfolio.root, kept.blob_sha).exists()
    assert check_integrity(portfolio).ok


def test_numbers_are_never_reused_after_a_deletion(portfolio, mentee, tmp_path):
    first = add_file(portfolio, mentee, write(tmp_path / "a.txt", b"a"))
    set_deleted([first.uuid], mentee, True)
    second = add_file(portfolio, mentee, write(tmp_path / "b.txt", b"b"))
    assert second.number == 2


def test_readding_a_deleted_files_content_makes_a_new_item(portfolio, mentee, tmp_path):
    source = write(tmp_path / "a.txt", b"a")
    first = add_file(portfolio, mentee, source)
    set_deleted([first.uuid], mentee, True)
    again = add_file(portfolio, mentee, source)
    assert again.number == 2 and again.blob_sha == first.blob_sha
    assert collect_garbage(portfolio) == 0  # still used by the live item


# The integrity check -------------------------------------------------------------------


def test_the_check_reports_exactly_what_is_wrong(portfolio, mentee, tmp_path):
    one = add_file(portfolio, mentee, write(tmp_path / "one.txt", b"one"))
    two = add_file(portfolio, mentee, write(tmp_path / "two.txt", b"two"))
    add_file(portfolio, mentee, write(tmp_path / "three.txt", b"three"))
    assert check_integrity(portfolio).ok
    blob_path(portfolio.root, one.blob_sha).unlink()
    blob_path(portfolio.root, two.blob_sha).write_bytes(b"TWO")
    stray_sha = hashlib.sha256(b"nobody").hexdigest()
    write(blob_path(portfolio.root, stray_sha), b"nobody")
    half = write(portfolio.root / "blobs" / ".incoming" / "abc.part", b"half")
    os.utime(half, (0, 0))  # an older version's name: left over once it is old
    write(portfolio.root / "blobs" / "notes.txt", b"someone's notes")
    report = check_integrity(portfolio)
    found = sorted((p.kind, p.path) for p in report.problems)
    assert found == sorted(
        [
            ("missing", f"blobs/{one.blob_sha[:2]}/{one.blob_sha}"),
            ("changed", f"blobs/{two.blob_sha[:2]}/{two.blob_sha}"),
            ("unused", f"blobs/{stray_sha[:2]}/{stray_sha}"),
            ("leftover", "blobs/.incoming/abc.part"),
            ("unknown", "blobs/notes.txt"),
        ]
    )
    messages = {p.kind: p.message for p in report.problems}
    assert "E1 'one'" in messages["missing"] and "E2 'two'" in messages["changed"]
    fixed = check_integrity(portfolio, fix=True)
    assert sorted(p.kind for p in fixed.problems) == ["changed", "missing", "unknown"]
    assert not blob_path(portfolio.root, stray_sha).exists()
    assert (portfolio.root / "blobs" / "notes.txt").exists()  # never deleted: not ours


def test_the_check_command(portfolio, mentee, tmp_path, capsys):
    item = add_file(portfolio, mentee, write(tmp_path / "one.txt", b"one"))
    root = portfolio.root
    portfolio.close()
    assert run(["check", "--portfolio", str(root)]) == 0
    assert "Checked 1 stored files" in capsys.readouterr().out
    blob_path(root, item.blob_sha).unlink()
    orphan = hashlib.sha256(b"orphan").hexdigest()
    write(blob_path(root, orphan), b"orphan")
    assert run(["check", "--portfolio", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"problem: blobs/{item.blob_sha[:2]}/{item.blob_sha} (E1 'one') is missing" in out
    assert "is not used by any evidence item" in out
    assert run(["check", "--portfolio", str(root), "--fix"]) == 1  # the missing one remains
    out = capsys.readouterr().out
    assert f"fixed: removed blobs/{orphan[:2]}/{orphan}" in out
    assert not blob_path(root, orphan).exists()
    with open_portfolio(root) as reopened:
        assert [r.number for r in evidence_items(reopened.portfolio)] == [1]


def test_the_check_command_on_a_folder_without_a_portfolio(tmp_path, capsys):
    assert run(["check", "--portfolio", str(tmp_path / "empty")]) == 1
    assert "is not a workbench portfolio" in capsys.readouterr().err
