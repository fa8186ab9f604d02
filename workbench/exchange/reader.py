"""Reading a package without trusting it: zip safety (``zip_safety``), manifest,
signature, records.

Everything here is checked before the portfolio is touched, cheapest first, so
a hostile file costs little before it is refused:

1. the zip's end record, read by hand (``struct``), with its zip64 locator: the
   number of entries and the size of the central directory are refused if too
   large *before* ``zipfile`` parses the directory;
2. the directory: entry names and kinds, compression methods, duplicates,
   declared sizes and ratios (zip bombs), the total size;
3. the manifest (small, read within its declared size), its format and version;
4. the Ed25519 signature over the manifest bytes;
5. the manifest's listing against the entries, and the declared size of
   ``records.jsonl`` and the record count against their limits;
6. only then ``records.jsonl`` is read as a stream (never beyond its declared
   size), hashed as it is read, and each line parsed and checked against
   ``workbench.store.limits`` (``records.parse_line``); the checked records go
   to a spool file and only their facts stay in memory (``stream``), so a
   package of any size is read in bounded memory;
7. evidence files are extracted into a staging folder while they are hashed
   (``stage_blobs``); the staging folder is removed whatever happens.

Any damage the zip library meets (bad offsets, unknown compression, corrupt
streams, deep nesting) becomes a ``PackageError`` naming the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from workbench import __version__
from workbench.errors import PackageError
from workbench.exchange.records import UUID_PATTERN, models_by_table, parse_line
from workbench.exchange.stream import CONTROL, Fact, RecordSpool, entry_lines, hashed_lines
from workbench.exchange.zip_safety import (
    check_entries,
    opened_zip,
    read_limited,
    read_small,
)
from workbench.store import keys
from workbench.store.leftovers import staging_prefix
from workbench.store.limits import is_clean_name
from workbench.versions import please_update

FORMAT_NAME = "mentoring-workbench-package"
FORMAT_VERSION = 2  # 2 added the records' own signatures and relayed records
OLDEST_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "signature"
RECORDS = "records.jsonl"
SIGNATURES = "signatures.txt"  # "<uuid> <author's signature>" per record of records.jsonl
RELAYED = "relayed.jsonl"  # "<author's signature> <record>": other members' own records
BLOB_PREFIX = "blobs/"
BLOB_NAME = re.compile(r"^blobs/[0-9a-f]{64}$")

MAX_MANIFEST_SIZE = 8 * 2**20
MAX_SIGNATURE_SIZE = 1024
# Read as a stream, so this bounds time and disk, not memory; the large sample
# portfolio's records take about 3 MiB.
MAX_RECORDS_SIZE = 256 * 2**20
MAX_RECORDS = 500_000

MANIFEST_KEYS = {
    "format": str,
    "version": int,
    "portfolio": str,
    "portfolio_title": str,
    "sender": str,
    "sender_name": str,
    "sender_role": str,
    "public_key": str,
    "created": str,
    "scope": str,
    "record_count": int,
    "acks": dict,
    "entries": list,
}


@dataclass
class Package:
    """A package whose structure, signature and records were verified."""

    path: Path
    manifest: dict
    records: RecordSpool  # the checked (model, row) pairs, read back in chunks
    blobs: dict  # sha256 -> size
    signatures: dict = field(default_factory=dict)  # uuid -> author's signature
    relayed: list = field(default_factory=list)  # (model, row, signature), unverified
    facts: dict = field(default_factory=dict)  # uuid -> Fact, in the order of the records
    controls: list = field(default_factory=list)  # (model, row) of the CONTROL tables
    # evidence files already checked into a staging folder (see ``stage_blobs``)
    staged: tuple[Path | None, list[Path]] | None = None

    def discard_staged(self) -> None:
        if self.staged and self.staged[0]:
            shutil.rmtree(self.staged[0], ignore_errors=True)
        self.staged = None


def stage_blobs(package: Package, root: Path) -> Package:
    """Check and copy the evidence files beside the portfolio ahead of applying.

    File work only, so it can run off the GUI thread; applying then only moves
    the files into place. ``discard_staged`` removes them if the import stops.
    """
    package.staged = extract_blobs(package, Path(root))
    return package


def read_package(path: Path | str) -> Package:
    """Open and verify a package; refuse with a specific reason (order: module docstring)."""
    path = Path(path)
    with opened_zip(path) as zf:
        infos = _check_entries(zf, path.name)
        manifest_bytes = read_small(zf, infos[MANIFEST], MAX_MANIFEST_SIZE, path.name)
        manifest = _parse_manifest(manifest_bytes, path.name)
        signature = read_small(zf, infos.get(SIGNATURE), MAX_SIGNATURE_SIZE, path.name)
        _check_signature(manifest, manifest_bytes, signature, path.name)
        entries = _check_listing(manifest, infos, path.name)
        records, facts, controls = _read_records(
            zf, infos[RECORDS], entries[RECORDS], manifest, path.name
        )
        signatures = _read_signatures(zf, infos, entries, path.name)
        relayed = _read_relayed(zf, infos, entries, path.name)
    blobs = {
        name[len(BLOB_PREFIX) :]: e["size"] for name, e in entries.items() if BLOB_NAME.match(name)
    }
    return Package(path, manifest, records, blobs, signatures, relayed, facts, controls)


def peek_portfolio(path: Path | str) -> str | None:
    """The portfolio uuid a package says it is for, read without verifying anything else.

    Never raises: the sync folder peeks at whatever files it finds there, and a
    file it cannot read is simply not a package for this portfolio.
    """
    try:
        with opened_zip(Path(path)) as zf:
            info = zf.getinfo(MANIFEST)
            data = read_small(zf, info, MAX_MANIFEST_SIZE, Path(path).name)
            value = json.loads(data).get("portfolio")
    except Exception:  # noqa: BLE001 - any damage means "not a package for us"
        return None
    return value if isinstance(value, str) else None


def _expected(entry: str) -> bool:
    return entry in (MANIFEST, SIGNATURE, RECORDS, SIGNATURES, RELAYED) or bool(
        BLOB_NAME.match(entry)
    )


def _check_entries(zf: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    found = check_entries(zf, name, _expected)
    if MANIFEST not in found:
        raise PackageError(f"{name} has no manifest.json; it is not a workbench package.")
    if SIGNATURE not in found:
        raise PackageError(f"{name} is not signed (its signature entry is missing).")
    if RECORDS not in found:
        raise PackageError(f"{name} has no records.jsonl.")
    return found


def _parse_manifest(data: bytes, name: str) -> dict:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise PackageError(f"{name}: manifest.json is not valid JSON.") from None
    if not isinstance(manifest, dict):
        raise PackageError(f"{name}: manifest.json is not a manifest object.")
    if manifest.get("format") != FORMAT_NAME:
        raise PackageError(f"{name} is not a workbench package (unknown format in its manifest).")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PackageError(f"{name}: the manifest's format version is missing or malformed.")
    if version > FORMAT_VERSION:
        detail = f"package format {version}; this version, {__version__}, reads format "
        raise PackageError(
            please_update(name, manifest.get("app_version"), detail + str(FORMAT_VERSION))
        )
    if version < OLDEST_VERSION:
        raise PackageError(f"{name} has an unknown package format version ({version}).")
    for key, kind in MANIFEST_KEYS.items():
        value = manifest.get(key)
        if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
            raise PackageError(f"{name}: the manifest's '{key}' is missing or malformed.")
    for key in ("portfolio", "sender"):
        if not UUID_PATTERN.match(manifest[key]):
            raise PackageError(f"{name}: the manifest's '{key}' is not a valid identifier.")
    if manifest["sender_role"] not in ("mentee", "mentor"):
        raise PackageError(f"{name}: the manifest names an unknown role.")
    for key in ("sender_name", "portfolio_title"):
        if not is_clean_name(manifest[key]):
            raise PackageError(
                f"{name}: the manifest's '{key}' is not a clean one-line name (it holds line "
                "breaks, invisible or control characters, extra spaces, or is too long)."
            )
    return manifest


def _check_signature(manifest: dict, data: bytes, signature: bytes, name: str) -> None:
    try:
        text = signature.decode("ascii").strip()
    except UnicodeDecodeError:
        text = ""
    if not keys.verify(manifest["public_key"], text, data):
        raise PackageError(
            f"{name} has a bad signature: it was changed after {manifest['sender_name']} "
            "signed it, or it was not signed by them. It was not opened."
        )


def _check_listing(manifest: dict, infos: dict, name: str) -> dict[str, dict]:
    """The manifest must list exactly the data entries, with their sizes."""
    entries: dict[str, dict] = {}
    for entry in manifest["entries"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise PackageError(f"{name}: the manifest lists a malformed entry.")
        size, sha = entry.get("size"), entry.get("sha256")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise PackageError(f"{name}: the manifest gives no valid size for {entry['path']}.")
        if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise PackageError(f"{name}: the manifest gives no valid hash for {entry['path']}.")
        if entry["path"] in entries:
            raise PackageError(f"{name}: the manifest lists {entry['path']} twice.")
        if BLOB_NAME.match(entry["path"]) and entry["path"] != BLOB_PREFIX + sha:
            raise PackageError(f"{name}: the file {entry['path']} is listed with another hash.")
        entries[entry["path"]] = entry
    data_names = set(infos) - {MANIFEST, SIGNATURE}
    if set(entries) != data_names:
        odd = sorted(set(entries) ^ data_names)[:3]
        raise PackageError(f"{name}: the manifest and the package's contents differ ({odd}).")
    for path, entry in entries.items():
        if infos[path].file_size != entry["size"]:
            raise PackageError(f"{name}: {path} does not have the size the manifest gives.")
    if entries[RECORDS]["size"] > MAX_RECORDS_SIZE:
        raise PackageError(
            f"{name}: records.jsonl is {entries[RECORDS]['size']} bytes; "
            f"at most {MAX_RECORDS_SIZE // 2**20} MiB of records may arrive in one package."
        )
    if not 0 <= manifest["record_count"] <= MAX_RECORDS:
        raise PackageError(
            f"{name}: the manifest counts {manifest['record_count']} records; "
            f"at most {MAX_RECORDS} may arrive in one package."
        )
    return entries


def _read_records(zf, info, entry: dict, manifest: dict, name: str):
    """The records, read as a stream within their declared size: each line checked and
    spooled, their facts kept (``stream``).

    Lines end at ``\\n`` only (``str.splitlines`` would also cut at U+2028 and
    the other separators a record's text may hold). The hash and the count are
    judged first, over the whole entry: a damaged line of an altered file is
    reported as the alteration.
    """
    tables = models_by_table()
    spool = RecordSpool(tables)
    facts: dict[str, Fact] = {}
    controls: list = []
    problem: PackageError | None = None
    count = 0
    for raw in hashed_lines(zf, info, entry, MAX_RECORDS_SIZE, name):
        if not raw.strip():
            continue
        count += 1
        if problem is not None or count > manifest["record_count"]:
            continue
        try:
            model, row = _parse_record(raw, count, tables, facts, name)
        except PackageError as exc:
            problem = exc
            continue
        facts[row["uuid"]] = Fact(model, row)
        if model in CONTROL:
            controls.append((model, row))
        spool.add(model, row, len(raw))
    if count != manifest["record_count"]:
        raise PackageError(
            f"{name}: the manifest counts {manifest['record_count']} records, "
            f"but {count} are there."
        )
    if problem is not None:
        raise problem
    return spool.finish(), facts, controls


def _parse_record(raw: bytes, number: int, tables, facts, name: str):
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PackageError(f"{name}: record {number} is not UTF-8 text.") from None
    model, row = parse_line(line, number, tables)
    if row["uuid"] in facts:
        raise PackageError(f"{name}: record {number} repeats the record {row['uuid']}.")
    return model, row


def _read_signatures(zf, infos, entries, name: str) -> dict[str, str]:
    found: dict[str, str] = {}
    malformed = False
    for _number, line in entry_lines(zf, infos, entries, SIGNATURES, MAX_RECORDS_SIZE, name):
        uuid, _, signature = line.partition(" ")
        if line and (not UUID_PATTERN.match(uuid) or not signature):
            malformed = True
        elif line and not malformed:
            found[sys.intern(uuid)] = signature
    if malformed:
        raise PackageError(f"{name}: {SIGNATURES} has a malformed line.")
    return found


def _read_relayed(zf, infos, entries, name: str) -> list:
    tables = models_by_table()
    out, problem = [], None
    for number, line in entry_lines(zf, infos, entries, RELAYED, MAX_RECORDS_SIZE, name):
        if not line or problem is not None:
            continue
        signature, _, record = line.partition(" ")
        try:
            model, row = parse_line(record, number, tables)
        except PackageError as exc:
            problem = exc
            continue
        out.append((model, row, signature))
    if problem is not None:
        raise problem
    return out


def extract_blobs(package: Package, root: Path) -> tuple[Path | None, list[Path]]:
    """Copy the evidence files into a staging folder under ``root``, checking each hash."""
    if not package.blobs:
        return None, []
    blobs_root = root / "blobs"
    blobs_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(), dir=blobs_root))  # names our pid
    out = []
    try:
        with opened_zip(package.path) as zf:
            for sha, size in package.blobs.items():
                out.append(_extract_one(zf, sha, size, staging, package.path.name))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, out


def _extract_one(zf: zipfile.ZipFile, sha: str, size: int, staging: Path, name: str) -> Path:
    try:
        info = zf.getinfo(BLOB_PREFIX + sha)
    except KeyError:
        raise PackageError(f"{name}: the evidence file {sha[:12]}… is no longer in it.") from None
    target = staging / sha
    digest = hashlib.sha256()
    written = 0
    with open(target, "wb") as out:
        for chunk in read_limited(zf, info, size, name):
            digest.update(chunk)
            out.write(chunk)
            written += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    if written != size or digest.hexdigest() != sha:
        raise PackageError(
            f"{name}: the evidence file {sha[:12]}… does not match its hash; it was altered "
            "or damaged. Nothing was imported."
        )
    return target
