"""Crafted bad packages: each is refused with its own reason and changes nothing.

Every case starts from a real package (so only the one defect differs), is
written as a file, and is opened with the same ``unpack`` the CLI uses.
"""

from __future__ import annotations

import copy
import hashlib
import json
import struct
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.workbench.exchange.support import Two, dump_shared, rate_as_mentor
from tests.workbench.exchange.test_apply import add_evidence_file
from workbench.errors import PackageError
from workbench.evidence.blobs import blob_path
from workbench.exchange import reader as exchange_reader
from workbench.exchange import zip_safety
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.store import keys, limits
from workbench.store.models import StatementVersion, new_uuid


@dataclass
class Parts:
    manifest: dict
    records: list[dict]
    blobs: dict[str, bytes] = field(default_factory=dict)
    # the records' own signatures and relayed records, carried as they were
    beside: dict[str, bytes] = field(default_factory=dict)


def parts_of(path: Path) -> Parts:
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        lines = zf.read("records.jsonl").decode().splitlines()
        blobs = {n[6:]: zf.read(n) for n in zf.namelist() if n.startswith("blobs/")}
        beside = {n: zf.read(n) for n in BESIDE if n in zf.namelist()}
    return Parts(manifest, [json.loads(line) for line in lines], blobs, beside)


def write_package(
    path: Path,
    parts: Parts,
    key: Ed25519PrivateKey | None,
    *,
    listed: bool = True,
    extra: list[tuple] = (),
    records_bytes: bytes | None = None,
    manifest_bytes: bytes | None = None,
    signature: bytes | None = None,
    leave_out: tuple[str, ...] = (),
) -> Path:
    """Write a package from parts; by default the listing and signature are right."""
    manifest = copy.deepcopy(parts.manifest)
    records = records_bytes
    if records is None:
        records = "".join(_line(r) + "\n" for r in parts.records).encode()
    if listed:
        manifest["record_count"] = len(parts.records)
        manifest["entries"] = [_entry("records.jsonl", records)] + [
            _entry(f"blobs/{sha}", data) for sha, data in parts.blobs.items()
        ]
        manifest["entries"] += [_entry(n, data) for n, data in parts.beside.items()]
    data = manifest_bytes if manifest_bytes is not None else json.dumps(manifest).encode()
    if signature is None and key is not None:
        signature = keys.sign_with(key, data).encode()
    entries = [("records.jsonl", records), ("manifest.json", data)]
    entries += [(f"blobs/{sha}", blob) for sha, blob in parts.blobs.items()]
    entries += list(parts.beside.items())
    if signature is not None:
        entries.append(("signature", signature))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries:
            if name not in leave_out:
                zf.writestr(name, content)
        for item in extra:
            zf.writestr(*item)
    return path


def _line(record: dict) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _entry(name: str, data: bytes) -> dict:
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


BESIDE = (exchange_reader.SIGNATURES, exchange_reader.RELAYED)


class Scene:
    """A mentee and mentor who have exchanged once; the mentor's copy is the target."""

    def __init__(self, tmp_path: Path, monkeypatch):
        self.two = Two(tmp_path, monkeypatch)
        self.two.start_mentee_portfolio()
        self.sha = add_evidence_file(self.two, b"feedback forms, scanned" * 100)
        self.version_uuid = self._add_version()
        self.base = self._pack_as_mentee("base.wbpack")
        unpack(self.base, self.two.as_mentor(), self.two.mentor_root)
        rate_as_mentor(self.two.mentor_root, self.two.mentor)
        self.from_mentor = self._pack_as_mentor("from-mentor.wbpack")
        unpack(self.from_mentor, self.two.as_mentee(), self.two.mentee_root)
        self.mentee_key = self._key_of("Casey Mentee")
        self.mentor_key = self._key_of("Morgan Mentor")
        self.two.as_mentor()

    def _add_version(self) -> str:
        identity = self.two.as_mentee()
        with self.two.open(self.two.mentee_root, identity) as (opened, me):
            text = "I learnt to design sessions."
            return StatementVersion.create(
                author=me.uuid, portfolio=opened.portfolio, number=1, text=text,
                sha256=hashlib.sha256(text.encode()).hexdigest(),
            ).uuid  # fmt: skip

    def _pack_as_mentee(self, name: str) -> Path:
        identity = self.two.as_mentee()
        with self.two.open(self.two.mentee_root, identity) as (opened, me):
            return pack(opened, me, self.two.tmp / name).path

    def _pack_as_mentor(self, name: str) -> Path:
        identity = self.two.as_mentor()
        with self.two.open(self.two.mentor_root, identity) as (opened, me):
            return pack(opened, me, self.two.tmp / name).path

    def _key_of(self, name: str):
        self.two.be(name)
        return keys.load_or_create_key()

    def state(self, root: Path) -> tuple:
        files = sorted(str(p.relative_to(root)) for p in (root / "blobs").rglob("*"))
        return dump_shared(root), files

    def mentee_parts(self) -> Parts:
        return parts_of(self.base)

    def mentor_parts(self) -> Parts:
        return parts_of(self.from_mentor)


@pytest.fixture
def scene(tmp_path, monkeypatch) -> Scene:
    return Scene(tmp_path, monkeypatch)


def refused(scene: Scene, path: Path, reason: str, *, to_mentee: bool = False) -> None:
    """Opening ``path`` is refused for ``reason`` and leaves the target as it was."""
    two = scene.two
    root = two.mentee_root if to_mentee else two.mentor_root
    identity = two.as_mentee() if to_mentee else two.as_mentor()
    before = scene.state(root)
    with pytest.raises(PackageError, match=reason):
        unpack(path, identity, root)
    assert scene.state(root) == before


def first_record(parts: Parts, table: str) -> dict:
    return next(r for r in parts.records if r["table"] == table)


# The file itself --------------------------------------------------------------------------


def test_not_a_zip(scene):
    path = scene.two.tmp / "letter.wbpack"
    path.write_text("Dear mentor, here is my work.")
    refused(scene, path, "not a workbench package \\(it is not a zip file\\)")


def test_an_empty_file(scene):
    path = scene.two.tmp / "empty.wbpack"
    path.write_bytes(b"")
    refused(scene, path, "it is not a zip file")


def test_a_truncated_file(scene):
    data = scene.base.read_bytes()
    path = scene.two.tmp / "half.wbpack"
    path.write_bytes(data[: len(data) // 2])
    refused(scene, path, "incomplete or damaged \\(it may still be copying\\)")


def test_a_missing_file(scene):
    refused(scene, scene.two.tmp / "nowhere.wbpack", "does not exist")


# Entries of the zip ---------------------------------------------------------------------


def test_a_path_that_climbs_out(scene):
    path = write_package(
        scene.two.tmp / "climb.wbpack", scene.mentee_parts(), scene.mentee_key,
        extra=[("../../evil.txt", b"x")],
    )  # fmt: skip
    refused(scene, path, "path that leaves the package \\(../../evil.txt\\)")


def test_an_absolute_path(scene):
    path = write_package(
        scene.two.tmp / "abs.wbpack", scene.mentee_parts(), scene.mentee_key,
        extra=[("/etc/cron.d/evil", b"x")],
    )  # fmt: skip
    refused(scene, path, "absolute path \\(/etc/cron.d/evil\\)")


def test_a_windows_drive_path(scene):
    path = write_package(
        scene.two.tmp / "drive.wbpack", scene.mentee_parts(), scene.mentee_key,
        extra=[("C:/Windows/evil.dll", b"x")],
    )  # fmt: skip
    refused(scene, path, "absolute path")


def test_a_symbolic_link(scene):
    link = zipfile.ZipInfo("blobs/" + "a" * 64)
    link.external_attr = 0o120777 << 16
    path = write_package(
        scene.two.tmp / "link.wbpack", scene.mentee_parts(), scene.mentee_key,
        extra=[(link, "/etc/passwd")],
    )  # fmt: skip
    refused(scene, path, "symbolic link")


def test_a_folder_entry(scene):
    path = write_package(
        scene.two.tmp / "dir.wbpack", scene.mentee_parts(), scene.mentee_key,
        extra=[(zipfile.ZipInfo("blobs/"), b"")],
    )  # fmt: skip
    refused(scene, path, "folder entry")


def test_a_zip_bomb(scene):
    parts = scene.mentee_parts()
    bomb = bytes(40 * 2**20)  # 40 MiB of zeros deflate to about 40 KiB
    parts.blobs[hashlib.sha256(bomb).hexdigest()] = bomb
    path = write_package(scene.two.tmp / "bomb.wbpack", parts, scene.mentee_key)
    refused(scene, path, "looks like a zip bomb")


def test_too_many_entries(scene, monkeypatch):
    monkeypatch.setattr(zip_safety, "MAX_ENTRIES", 20)
    parts = scene.mentee_parts()
    for n in range(20):
        data = f"file {n}".encode()
        parts.blobs[hashlib.sha256(data).hexdigest()] = data
    path = write_package(scene.two.tmp / "many.wbpack", parts, scene.mentee_key)
    refused(scene, path, "too many entries")


def test_too_large_in_total(scene, monkeypatch):
    monkeypatch.setattr(zip_safety, "MAX_TOTAL_SIZE", 1000)
    refused(scene, scene.base, "would unpack to more than")


def test_an_unexpected_entry(scene):
    path = write_package(
        scene.two.tmp / "extra.wbpack", scene.mentee_parts(), scene.mentee_key,
        extra=[("readme.txt", b"hello")],
    )  # fmt: skip
    refused(scene, path, "unexpected entry 'readme.txt'")


def test_an_entry_twice(scene):
    parts = scene.mentee_parts()
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = write_package(
            scene.two.tmp / "twice.wbpack", parts, scene.mentee_key,
            extra=[("records.jsonl", b"")],
        )  # fmt: skip
    refused(scene, path, "contains the entry records.jsonl twice")


# The manifest and the signature ------------------------------------------------------------


def test_no_manifest(scene):
    path = write_package(
        scene.two.tmp / "nomanifest.wbpack", scene.mentee_parts(), scene.mentee_key,
        leave_out=("manifest.json",),
    )  # fmt: skip
    refused(scene, path, "has no manifest.json")


def test_a_manifest_that_is_not_json(scene):
    path = write_package(
        scene.two.tmp / "badjson.wbpack", scene.mentee_parts(), scene.mentee_key,
        manifest_bytes=b"{format: workbench",
    )  # fmt: skip
    refused(scene, path, "manifest.json is not valid JSON")


def test_a_manifest_that_is_a_list(scene):
    path = write_package(
        scene.two.tmp / "list.wbpack", scene.mentee_parts(), scene.mentee_key,
        manifest_bytes=b"[1, 2, 3]",
    )  # fmt: skip
    refused(scene, path, "is not a manifest object")


def test_a_manifest_of_another_format(scene):
    parts = scene.mentee_parts()
    parts.manifest["format"] = "some-other-app"
    path = write_package(scene.two.tmp / "format.wbpack", parts, scene.mentee_key)
    refused(scene, path, "unknown format in its manifest")


def test_a_newer_format_version(scene):
    parts = scene.mentee_parts()
    parts.manifest["version"] = 3
    path = write_package(scene.two.tmp / "v3.wbpack", parts, scene.mentee_key)
    refused(scene, path, "made by a newer version of the workbench \\(package format 3")


def test_a_malformed_format_version(scene):
    parts = scene.mentee_parts()
    parts.manifest["version"] = "1"
    path = write_package(scene.two.tmp / "v1str.wbpack", parts, scene.mentee_key)
    refused(scene, path, "format version is missing or malformed")


def test_a_manifest_without_its_sender(scene):
    parts = scene.mentee_parts()
    del parts.manifest["sender"]
    path = write_package(scene.two.tmp / "nosender.wbpack", parts, scene.mentee_key)
    refused(scene, path, "the manifest's 'sender' is missing or malformed")


def test_no_signature(scene):
    path = write_package(scene.two.tmp / "unsigned.wbpack", scene.mentee_parts(), None)
    refused(scene, path, "is not signed")


def test_a_manifest_changed_after_signing(scene):
    parts = scene.mentee_parts()
    data = json.dumps(parts.manifest).encode()
    signature = keys.sign_with(scene.mentee_key, data).encode()
    parts.manifest["portfolio_title"] = "Something else"
    path = write_package(
        scene.two.tmp / "changed.wbpack", parts, None, signature=signature, listed=False
    )
    refused(scene, path, "has a bad signature")


def test_signed_by_someone_else_claiming_the_mentees_key(scene):
    stranger = Ed25519PrivateKey.generate()
    path = write_package(scene.two.tmp / "forged.wbpack", scene.mentee_parts(), stranger)
    refused(scene, path, "has a bad signature")


def test_a_key_that_does_not_match_the_pinned_one(scene):
    stranger = Ed25519PrivateKey.generate()
    parts = scene.mentee_parts()
    parts.manifest["public_key"] = keys.public_key_text(stranger)
    path = write_package(scene.two.tmp / "newkey.wbpack", parts, stranger)
    refused(scene, path, "key changed: compare the new fingerprint")


# Sizes and hashes ------------------------------------------------------------------------


def test_an_evidence_file_whose_hash_differs(scene):
    parts = scene.mentee_parts()
    assert scene.sha in parts.blobs
    parts.blobs[scene.sha] = b"X" + parts.blobs[scene.sha][1:]
    path = write_package(scene.two.tmp / "blob.wbpack", parts, scene.mentee_key)
    # the manifest lists it under its name, with the hash of the altered content
    refused(scene, path, "is listed with another hash")


def test_an_evidence_file_altered_after_signing(scene):
    parts = scene.mentee_parts()
    entries = copy.deepcopy(parts.manifest["entries"])
    parts.blobs[scene.sha] = b"X" + parts.blobs[scene.sha][1:]
    parts.manifest["entries"] = entries
    path = write_package(scene.two.tmp / "blob2.wbpack", parts, scene.mentee_key, listed=False)
    refused(scene, path, "does not match its hash")
    assert not blob_path(
        scene.two.mentor_root, hashlib.sha256(parts.blobs[scene.sha]).hexdigest()
    ).exists()


def test_records_altered_after_signing(scene):
    parts = scene.mentee_parts()
    entries = copy.deepcopy(parts.manifest["entries"])
    first_record(parts, "rating")["current"] = 4
    parts.manifest["entries"] = entries
    path = write_package(scene.two.tmp / "records.wbpack", parts, scene.mentee_key, listed=False)
    refused(scene, path, "records.jsonl does not match its hash")


def test_a_size_that_differs_from_the_manifest(scene):
    parts = scene.mentee_parts()
    parts.manifest["entries"][0]["size"] += 1
    path = write_package(scene.two.tmp / "size.wbpack", parts, scene.mentee_key, listed=False)
    refused(scene, path, "does not have the size the manifest gives")


def test_an_entry_the_manifest_does_not_list(scene):
    parts = scene.mentee_parts()
    parts.manifest["entries"] = [e for e in parts.manifest["entries"] if "blobs/" not in e["path"]]
    path = write_package(scene.two.tmp / "unlisted.wbpack", parts, scene.mentee_key, listed=False)
    refused(scene, path, "the manifest and the package's contents differ")


def test_a_wrong_record_count(scene):
    parts = scene.mentee_parts()
    path = write_package(scene.two.tmp / "count.wbpack", parts, scene.mentee_key)
    parts = parts_of(path)
    parts.manifest["record_count"] += 3
    path = write_package(scene.two.tmp / "count2.wbpack", parts, scene.mentee_key, listed=False)
    refused(scene, path, "counts .* records, but .* are there")


# The records ---------------------------------------------------------------------------


def test_a_record_that_is_not_json(scene):
    parts = scene.mentee_parts()
    records = b"".join(json.dumps(r).encode() + b"\n" for r in parts.records) + b"{oops\n"
    parts.records.append({})
    path = write_package(
        scene.two.tmp / "line.wbpack", parts, scene.mentee_key, records_bytes=records
    )
    refused(scene, path, "record \\d+ is not valid JSON")


def test_a_record_of_an_unknown_table(scene):
    parts = scene.mentee_parts()
    parts.records.append({**first_record(parts, "rating"), "table": "secrets", "uuid": new_uuid()})
    path = write_package(scene.two.tmp / "table.wbpack", parts, scene.mentee_key)
    refused(scene, path, "unknown table 'secrets'.*please update the workbench")


def test_a_record_with_an_unknown_field(scene):
    parts = scene.mentee_parts()
    first_record(parts, "rating")["is_admin"] = True
    path = write_package(scene.two.tmp / "field.wbpack", parts, scene.mentee_key)
    refused(scene, path, "unknown fields \\['is_admin'\\].*please update the workbench")


def test_a_record_with_a_value_of_the_wrong_kind(scene):
    parts = scene.mentee_parts()
    first_record(parts, "rating")["current"] = "four"
    path = write_package(scene.two.tmp / "kind.wbpack", parts, scene.mentee_key)
    refused(scene, path, "rating.current\\) has a value of the wrong kind")


def test_the_same_record_twice(scene):
    parts = scene.mentee_parts()
    parts.records.append(dict(first_record(parts, "rating")))
    path = write_package(scene.two.tmp / "dup.wbpack", parts, scene.mentee_key)
    refused(scene, path, "repeats the record")


def test_a_record_authored_by_someone_else(scene):
    parts = scene.mentee_parts()
    first_record(parts, "rating")["author"] = scene.two.mentor.uuid
    path = write_package(scene.two.tmp / "author.wbpack", parts, scene.mentee_key)
    refused(scene, path, "was written by someone else, not by the sender Casey Mentee")


def test_a_record_for_another_portfolio(scene):
    parts = scene.mentee_parts()
    snapshot = first_record(parts, "snapshot")
    parts.records.append({**snapshot, "uuid": new_uuid(), "portfolio": new_uuid(), "position": 9})
    path = write_package(scene.two.tmp / "elsewhere.wbpack", parts, scene.mentee_key)
    refused(scene, path, "belongs to another portfolio")


def test_a_portfolio_record_of_another_portfolio(scene):
    parts = scene.mentee_parts()
    parts.records.append({**first_record(parts, "portfolio"), "uuid": new_uuid()})
    path = write_package(scene.two.tmp / "portfolio.wbpack", parts, scene.mentee_key)
    refused(scene, path, "is for another portfolio")


def test_a_reference_to_a_record_that_is_not_there(scene):
    parts = scene.mentee_parts()
    rating = first_record(parts, "rating")
    parts.records.append({**rating, "uuid": new_uuid(), "snapshot": new_uuid()})
    path = write_package(scene.two.tmp / "dangling.wbpack", parts, scene.mentee_key)
    refused(scene, path, "refers to records this portfolio does not have")


def test_a_mentors_record_that_rewrites_the_mentees_statement(scene):
    parts = scene.mentor_parts()
    version = {
        "table": "statement_version", "uuid": scene.version_uuid,
        "author": scene.two.mentor.uuid, "revision": 2, "updated_at": "2030-01-01T00:00:00",
        "deleted": False, "portfolio": parts.manifest["portfolio"], "number": 1, "label": "",
        "text": "I did nothing.", "sha256": hashlib.sha256(b"I did nothing.").hexdigest(),
    }  # fmt: skip
    parts.records.append(version)
    path = write_package(scene.two.tmp / "rewrite.wbpack", parts, scene.mentor_key)
    refused(
        scene, path, "tries to change a statement version written by Casey Mentee", to_mentee=True
    )


def test_a_mentor_writing_a_self_rating(scene):
    parts = scene.mentor_parts()
    rating = first_record(scene.mentee_parts(), "rating")
    parts.records.append({**rating, "uuid": new_uuid(), "author": scene.two.mentor.uuid})
    path = write_package(scene.two.tmp / "selfrating.wbpack", parts, scene.mentor_key)
    refused(scene, path, "is a rating, which the mentor may not write", to_mentee=True)


def test_a_person_record_of_someone_else(scene):
    parts = scene.mentor_parts()
    person = first_record(parts, "person")
    parts.records.append({**person, "uuid": scene.two.mentee.uuid, "name": "Renamed"})
    path = write_package(scene.two.tmp / "person.wbpack", parts, scene.mentor_key)
    refused(scene, path, "another person's details", to_mentee=True)


def test_a_sender_who_claims_the_wrong_role(scene):
    parts = scene.mentor_parts()
    parts.manifest["sender_role"] = "mentee"
    path = write_package(scene.two.tmp / "role.wbpack", parts, scene.mentor_key)
    refused(
        scene, path, "says Morgan Mentor is the mentee, but .* they are the mentor", to_mentee=True
    )


def test_a_stranger_who_is_not_a_member(scene):
    stranger = Ed25519PrivateKey.generate()
    parts = scene.mentor_parts()
    someone = new_uuid()
    parts.manifest.update(
        sender=someone, sender_name="Eve", public_key=keys.public_key_text(stranger)
    )
    for record in parts.records:
        record["author"] = someone
    first_record(parts, "person")["uuid"] = someone
    path = write_package(scene.two.tmp / "stranger.wbpack", parts, stranger)
    refused(scene, path, "comes from Eve, who is not a member", to_mentee=True)


def test_a_package_in_my_own_name_signed_by_another_key(scene):
    """Someone who knows the mentee's id cannot pass records off as the mentee's."""
    stranger = Ed25519PrivateKey.generate()
    parts = scene.mentee_parts()
    parts.manifest["public_key"] = keys.public_key_text(stranger)
    first_record(parts, "rating")["revision"] = 99
    path = write_package(scene.two.tmp / "impostor.wbpack", parts, stranger)
    refused(scene, path, "is in your name \\(Casey Mentee\\) but was not signed", to_mentee=True)


def test_a_first_package_with_a_reference_to_nothing_makes_no_copy(scene):
    parts = scene.mentee_parts()
    rating = first_record(parts, "rating")
    parts.records.append({**rating, "uuid": new_uuid(), "skill": new_uuid()})
    path = write_package(scene.two.tmp / "dangling-first.wbpack", parts, scene.mentee_key)
    fresh = scene.two.tmp / "fresh-copy"
    with pytest.raises(PackageError, match="refers to records this portfolio does not have"):
        unpack(path, scene.two.as_mentor(), fresh)
    assert not fresh.exists()


# Text that must travel exactly -------------------------------------------------------------

# Every separator str.splitlines() cuts at, controls, NUL, bidi marks, a BOM, an emoji.
AWKWARD = "a\u2028b\u2029c\x85d\x0be\x0cf\x1cg\x1dh\x1ei\rj\nk\tl\x00m\x7fn\u202eo\ufeffp😀q"


def test_line_and_paragraph_separators_in_a_statement_and_comment_travel_exactly(
    tmp_path, monkeypatch
):
    from workbench.statement.comments import create_comment
    from workbench.statement.drafts import import_version
    from workbench.store.models import Comment

    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio()
    statement = f"I learnt {AWKWARD} to design sessions."
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        version = import_version(opened.portfolio, me, statement, label="Draft")
        create_comment(opened.portfolio, me, version, 9, 20, f"Note {AWKWARD} end")
        first = pack(opened, me, two.tmp / "first.wbpack").path
    unpack(first, two.as_mentor(), two.mentor_root)
    with two.open(two.mentor_root, two.as_mentor()) as (_opened, _me):
        assert StatementVersion.get().text == statement
        comment = Comment.get()
        assert comment.text == f"Note {AWKWARD} end"
        assert comment.quote == statement[9:20]


def test_a_lone_surrogate_is_written_escaped_and_refused_with_a_sentence():
    """No store can hold a lone surrogate, so none is sent; one that arrives is refused clearly."""
    from workbench.exchange.records import models_by_table, parse_line, to_json_line
    from workbench.store.models import Person

    row = {
        "uuid": new_uuid(), "author": new_uuid(), "revision": 1,
        "updated_at": datetime(2025, 1, 2, 3, 4, 5), "deleted": False,
        "name": "Casey \ud800 Mentee", "public_key": None,
    }  # fmt: skip
    line = to_json_line(Person, row)
    line.encode("utf-8")  # the writer never fails on it
    with pytest.raises(PackageError, match=r"record 1 \(person.name\) .*not valid Unicode"):
        parse_line(line, 1, models_by_table())


# Damaged zips and deep nesting reach the user as one clear sentence -----------------------


def resigned(scene: Scene, name: str, records: bytes, parts: Parts | None = None) -> Path:
    """The mentee's package with other records, listed and signed with the mentee's real key."""
    parts = parts or scene.mentee_parts()
    parts.records = [{}] * len([line for line in records.split(b"\n") if line.strip()])
    return write_package(scene.two.tmp / name, parts, scene.mentee_key, records_bytes=records)


def test_deeply_nested_records_are_refused_as_invalid_json_not_a_recursion_error(scene):
    path = resigned(scene, "nested.wbpack", b"[" * 100_000 + b"]" * 100_000 + b"\n")
    refused(scene, path, "record 1 is not valid JSON")


def test_a_deeply_nested_manifest_is_refused_as_invalid_json(scene):
    nested = b"[" * 100_000 + b"]" * 100_000
    path = write_package(
        scene.two.tmp / "deep-manifest.wbpack", scene.mentee_parts(), scene.mentee_key,
        manifest_bytes=nested,
    )  # fmt: skip
    refused(scene, path, "manifest.json is not valid JSON")


def test_records_that_are_not_utf8_are_refused_with_a_sentence(scene):
    path = resigned(scene, "latin1.wbpack", b'{"table": "caf\xe9"}\n')
    refused(scene, path, "record 1 is not UTF-8 text")


def _patch_central_directory(data: bytes, entry: str, offset: int, value: bytes) -> bytes:
    """Overwrite bytes of one central directory header of the zip ``data``."""
    at = data.index(b"PK\x01\x02")  # the first header
    while True:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == entry.encode():
            break
        at = data.index(b"PK\x01\x02", at + 4)
    return data[: at + offset] + value + data[at + offset + len(value) :]


def test_an_unknown_compression_method_is_refused_not_a_not_implemented_error(scene):
    data = _patch_central_directory(scene.base.read_bytes(), "records.jsonl", 10, b"\x63\x00")
    path = scene.two.tmp / "aes.wbpack"
    path.write_bytes(data)
    refused(scene, path, "records.jsonl is compressed in a way the workbench does not write")


def test_a_corrupt_deflate_stream_is_refused_not_a_zlib_error(scene):
    data = bytearray(scene.base.read_bytes())
    with zipfile.ZipFile(scene.base) as zf:
        info = zf.getinfo("records.jsonl")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + 8] = b"\xff" * 8
    path = scene.two.tmp / "deflate.wbpack"
    path.write_bytes(bytes(data))
    refused(scene, path, "records.jsonl is damaged")


def test_a_local_header_pointing_past_the_end_is_refused(scene):
    data = _patch_central_directory(scene.base.read_bytes(), "manifest.json", 42, b"\xff" * 4)
    path = scene.two.tmp / "offset.wbpack"
    path.write_bytes(data)
    refused(scene, path, "manifest.json is damaged")


@pytest.mark.parametrize(
    "content",
    [b"", b"PK", b"PK\x05\x06" + bytes(18), b"[" * 100_000, bytes(range(256)) * 10],
    ids=["empty", "two-bytes", "bare-end-record", "nested", "noise"],
)
def test_peek_portfolio_never_raises(tmp_path, content):
    path = tmp_path / "odd.wbpack"
    path.write_bytes(content)
    assert exchange_reader.peek_portfolio(path) is None


def test_peek_portfolio_of_a_nested_manifest_is_none(tmp_path):
    path = tmp_path / "nested-manifest.wbpack"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", b"[" * 100_000 + b"]" * 100_000)
    assert exchange_reader.peek_portfolio(path) is None


# Cheap checks first ---------------------------------------------------------------------------


def _million_entry_zip(path: Path) -> Path:
    """A zip whose zip64 end records declare a million entries (none of them written)."""
    entries, directory_size, directory_at = 1_000_000, 46 * 1_000_000, 0
    body = b"PK\x03\x04" + bytes(26)
    end64_at = len(body)
    end64 = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries,
        directory_size, directory_at,
    )  # fmt: skip
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end64_at, 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path.write_bytes(body + end64 + locator + end)
    return path


def test_a_package_declaring_a_million_entries_is_refused_before_the_zip_is_parsed(
    scene, monkeypatch
):
    path = _million_entry_zip(scene.two.tmp / "million.wbpack")

    def never(*args, **kwargs):
        raise AssertionError("zipfile parsed a directory that was already too large")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    refused(scene, path, r"too many entries \(1000000; at most")


def test_a_directory_far_larger_than_its_entries_is_refused(scene):
    data = bytearray(scene.base.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 12 : end + 16] = struct.pack("<L", 50 * 2**20)
    path = scene.two.tmp / "big-directory.wbpack"
    path.write_bytes(bytes(data))
    refused(scene, path, "table of contents is far larger than its")


def test_records_larger_than_the_limit_are_refused_before_they_are_read(scene, monkeypatch):
    from workbench.exchange import records as exchange_records

    calls = []
    monkeypatch.setattr(exchange_reader, "parse_line", lambda *a: calls.append(a))
    monkeypatch.setattr(exchange_records, "parse_line", lambda *a: calls.append(a))
    monkeypatch.setattr(exchange_reader, "_read_records", lambda *a: calls.append(a))
    monkeypatch.setattr(exchange_reader, "MAX_RECORDS_SIZE", 100)
    refused(scene, scene.base, "at most 0 MiB of records may arrive")
    assert calls == []


def test_more_records_than_the_limit_are_refused_before_they_are_read(scene, monkeypatch):
    calls = []
    monkeypatch.setattr(exchange_reader, "_read_records", lambda *a: calls.append(a))
    monkeypatch.setattr(exchange_reader, "MAX_RECORDS", 2)
    refused(scene, scene.base, "at most 2 may arrive in one package")
    assert calls == []


def test_a_bad_signature_is_found_before_the_records_are_read(scene, monkeypatch):
    calls = []
    monkeypatch.setattr(exchange_reader, "_read_records", lambda *a: calls.append(a))
    stranger = Ed25519PrivateKey.generate()
    path = write_package(scene.two.tmp / "forged2.wbpack", scene.mentee_parts(), stranger)
    refused(scene, path, "has a bad signature")
    assert calls == []


# The same limits on every path -------------------------------------------------------------


def _shared(scene: Scene, table: str, **fields) -> dict:
    """A record of ``table`` by the sender of the mentor's package, with the shared fields."""
    base = {
        "table": table, "uuid": new_uuid(), "author": scene.two.mentor.uuid, "revision": 1,
        "updated_at": "2025-01-02T03:04:05", "deleted": False,
    }  # fmt: skip
    return {**base, **fields}


def _mentor_comment(scene: Scene, text: str) -> dict:
    portfolio = scene.mentor_parts().manifest["portfolio"]
    return _shared(
        scene, "comment", portfolio=portfolio, target_kind="statement", target_uuid=None,
        version=scene.version_uuid, start=0, end=1, quote="I", prefix="", suffix="",
        text=text, parent=None,
    )  # fmt: skip


def test_a_comment_longer_than_the_app_allows_is_refused_by_package(scene):
    parts = scene.mentor_parts()
    parts.records.append(_mentor_comment(scene, "x" * (limits.COMMENT_MAX + 1)))
    path = write_package(scene.two.tmp / "long-comment.wbpack", parts, scene.mentor_key)
    refused(
        scene, path, r"\(comment.text\) is 20001 characters long; at most 20000", to_mentee=True
    )


def test_a_comment_as_long_as_the_app_allows_arrives(scene):
    parts = scene.mentor_parts()
    parts.records.append(_mentor_comment(scene, "x" * limits.COMMENT_MAX))
    path = write_package(scene.two.tmp / "max-comment.wbpack", parts, scene.mentor_key)
    summary = unpack(path, scene.two.as_mentee(), scene.two.mentee_root)
    assert summary.new["comment"] == 1


def test_a_typed_comment_and_an_arriving_one_share_one_limit():
    from workbench.statement import comments

    assert comments.TEXT_MAX is limits.COMMENT_MAX


def test_a_rating_outside_every_scale_is_refused(scene):
    parts = scene.mentee_parts()
    first_record(parts, "rating")["current"] = 99
    path = write_package(scene.two.tmp / "rating99.wbpack", parts, scene.mentee_key)
    refused(scene, path, r"\(rating.current\) is 99, outside 0 to 10")


def test_a_mentor_rating_below_zero_is_refused(scene):
    parts = scene.mentor_parts()
    first_record(parts, "mentor_rating")["rating"] = -1
    path = write_package(scene.two.tmp / "rating-1.wbpack", parts, scene.mentor_key)
    refused(scene, path, r"\(mentor_rating.rating\) is -1, outside 0 to 10", to_mentee=True)


def test_cpd_hours_beyond_what_the_app_accepts_are_refused(scene):
    parts = scene.mentee_parts()
    portfolio = parts.manifest["portfolio"]
    parts.records.append(
        {
            **_shared(scene, "cpd_activity"),
            "author": scene.two.mentee.uuid,
            "portfolio": portfolio,
            "activity_date": "2025-01-01",
            "title": "Course",
            "activity_type": "course",
            "hours": 1e9,
            "participatory": False,
            "reflection": "",
        }  # fmt: skip
    )
    path = write_package(scene.two.tmp / "hours.wbpack", parts, scene.mentee_key)
    refused(scene, path, r"\(cpd_activity.hours\) is 1000000000.0, outside 0 to 100")


def test_a_revision_too_high_to_ever_raise_is_refused(scene):
    parts = scene.mentee_parts()
    first_record(parts, "rating")["revision"] = 2**63 - 1
    path = write_package(scene.two.tmp / "revision.wbpack", parts, scene.mentee_key)
    refused(scene, path, r"\(rating.revision\) is 9223372036854775807, outside 1 to")


def test_a_framework_scale_that_is_not_a_scale_is_refused(scene):
    parts = scene.mentee_parts()
    first_record(parts, "framework")["scale_json"] = '[{"value": "high"}]'
    path = write_package(scene.two.tmp / "scale.wbpack", parts, scene.mentee_key)
    refused(scene, path, r"\(framework.scale_json\) is not a valid rating scale")


def test_a_typed_statement_longer_than_a_package_may_carry_is_refused(tmp_path, monkeypatch):
    from workbench.errors import ValidationError
    from workbench.statement.drafts import import_version

    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio(ratings=0)
    with (
        two.open(two.mentee_root, two.as_mentee()) as (opened, me),
        pytest.raises(ValidationError, match="longer than 1000000 characters"),
    ):
        import_version(opened.portfolio, me, "word " * 250_000)


# Names are one line of printable text -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Casey \n\n Mentee ", "Casey Mentee"),
        ("Casey\u2028Mentee", "Casey Mentee"),
        ("\u202eeetneM yesaC", "eetneM yesaC"),
        ("Ca\u200bsey\u2066 Men\u200ftee\x00", "Casey Mentee"),
        ("Zoë Ó Dálaigh 李", "Zoë Ó Dálaigh 李"),
        ("n" * 500, "n" * limits.NAME_MAX),
    ],
    ids=["newlines", "line-separator", "bidi-override", "invisible-and-nul", "accents", "long"],
)
def test_clean_name_makes_one_printable_line(typed, kept):
    assert limits.clean_name(typed) == kept


def test_clean_name_refuses_a_name_of_nothing_visible():
    from workbench.errors import ValidationError

    with pytest.raises(ValidationError, match="Please enter your name"):
        limits.clean_name("\u202e\u200b \n", "your name")


def test_a_new_identity_and_portfolio_keep_clean_names(tmp_path, monkeypatch):
    from workbench.store.identity import create_identity
    from workbench.store.models import Membership, Portfolio
    from workbench.store.portfolios import create_portfolio

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    identity = create_identity("Casey\n\u202eMentee")
    assert identity.name == "Casey Mentee"
    with create_portfolio(
        tmp_path / "p", identity, route="chartership", title="My\u2029title\u2066",
        mentor_name="Morgan\r\nMentor\u200e",
    ):  # fmt: skip
        assert Portfolio.get().title == "My title"
        names = sorted(m.name for m in Membership.select())
    assert names == ["Casey Mentee", "Morgan Mentor"]


def test_a_person_name_with_a_bidi_override_is_refused_by_package(scene):
    parts = scene.mentor_parts()
    first_record(parts, "person")["name"] = "Morgan \u202eMentor"
    path = write_package(scene.two.tmp / "bidi.wbpack", parts, scene.mentor_key)
    refused(scene, path, r"\(person.name\) is not a clean one-line name", to_mentee=True)


def test_a_member_name_with_a_newline_is_refused_by_package(scene):
    parts = scene.mentee_parts()
    first_record(parts, "membership")["name"] = "Casey\nMentor: I agree"
    path = write_package(scene.two.tmp / "newline.wbpack", parts, scene.mentee_key)
    refused(scene, path, r"\(membership.name\) is not a clean one-line name")


def test_a_portfolio_title_with_a_paragraph_separator_is_refused_by_package(scene):
    parts = scene.mentee_parts()
    first_record(parts, "portfolio")["title"] = "Chartership\u2029portfolio"
    path = write_package(scene.two.tmp / "title.wbpack", parts, scene.mentee_key)
    refused(scene, path, r"\(portfolio.title\) is not a clean one-line name")


@pytest.mark.parametrize("key", ["sender_name", "portfolio_title"])
def test_a_manifest_name_that_is_not_clean_is_refused(scene, key):
    parts = scene.mentee_parts()
    parts.manifest[key] = "Casey\u2067 Mentee"
    path = write_package(scene.two.tmp / f"{key}.wbpack", parts, scene.mentee_key)
    refused(scene, path, f"the manifest's '{key}' is not a clean one-line name")


def test_a_rating_beyond_its_frameworks_own_scale_is_refused(scene):
    """The outline's scale is 0 to 4: a 7 is refused as it would be when typed."""
    parts = scene.mentee_parts()
    first_record(parts, "rating")["current"] = 7
    path = write_package(scene.two.tmp / "rating7.wbpack", parts, scene.mentee_key)
    refused(scene, path, r"record \d+ \(rating\): The current rating must be a whole number")


def test_a_mentor_rating_beyond_the_scale_is_refused(scene):
    parts = scene.mentor_parts()
    first_record(parts, "mentor_rating")["rating"] = 5
    path = write_package(scene.two.tmp / "rating5.wbpack", parts, scene.mentor_key)
    refused(scene, path, r"The mentor's rating must be a whole number from 0 to 4", to_mentee=True)


def test_clean_name_keeps_the_joiners_some_scripts_need_but_not_bidi_controls():
    from workbench.store.limits import clean_name

    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a word written with ZWNJ
    assert clean_name(persian) == persian
    assert clean_name("Casey\u202e Mentee") == "Casey Mentee"
