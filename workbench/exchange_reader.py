"""Reading a package without trusting it: zip safety, manifest, signature, records.

Everything here is checked before the portfolio is touched: entry names and
kinds, counts and sizes (zip bombs), the manifest's format and version, the
Ed25519 signature over the manifest bytes, and the size and SHA-256 of every
entry. Evidence files are extracted into a staging folder while they are
hashed; the staging folder is removed whatever happens.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import keys
from .errors import PackageError
from .exchange_records import UUID_PATTERN, models_by_table, parse_line
from .leftovers import staging_prefix

FORMAT_NAME = "mentoring-workbench-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "signature"
RECORDS = "records.jsonl"
BLOB_PREFIX = "blobs/"
BLOB_NAME = re.compile(r"^blobs/[0-9a-f]{64}$")

MAX_ENTRIES = 100_000
MAX_TOTAL_SIZE = 64 * 2**30
MAX_MANIFEST_SIZE = 32 * 2**20
MAX_SIGNATURE_SIZE = 1024
MAX_RECORDS_SIZE = 512 * 2**20  # about two million records
MAX_RATIO = 100  # uncompressed / compressed, checked for entries over RATIO_FLOOR
RATIO_FLOOR = 2**20
CHUNK = 1024 * 1024
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
    records: list  # (model, row) pairs
    blobs: dict  # sha256 -> size
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
    """Open and verify a package; refuse with a specific reason."""
    path = Path(path)
    zf = _open_zip(path)
    with zf:
        infos = _check_entries(zf, path.name)
        manifest_bytes = _read_small(zf, infos[MANIFEST], MAX_MANIFEST_SIZE, path.name)
        manifest = _parse_manifest(manifest_bytes, path.name)
        signature = _read_small(zf, infos.get(SIGNATURE), MAX_SIGNATURE_SIZE, path.name)
        _check_signature(manifest, manifest_bytes, signature, path.name)
        entries = _check_listing(manifest, infos, path.name)
        records = _read_records(zf, infos[RECORDS], entries[RECORDS], manifest, path.name)
    blobs = {name[len(BLOB_PREFIX) :]: e["size"] for name, e in entries.items() if name != RECORDS}
    return Package(path, manifest, records, blobs)


def peek_portfolio(path: Path | str) -> str | None:
    """The portfolio uuid a package says it is for, read without verifying anything else."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(MANIFEST)
            if info.file_size > MAX_MANIFEST_SIZE:
                return None
            value = json.loads(zf.read(info)).get("portfolio")
    except (OSError, KeyError, ValueError, AttributeError, zipfile.BadZipFile, EOFError):
        return None
    return value if isinstance(value, str) else None


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except FileNotFoundError:
        raise PackageError(f"The package {path} does not exist.") from None
    except OSError as exc:
        raise PackageError(f"The package {path} cannot be read ({exc.strerror}).") from None
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        if head.startswith(b"PK"):
            raise PackageError(
                f"{path.name} is incomplete or damaged (it may still be copying); "
                "try again when the copy has finished."
            ) from None
        raise PackageError(
            f"{path.name} is not a workbench package (it is not a zip file)."
        ) from None


def _check_entries(zf: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PackageError(f"{name} has too many entries ({len(infos)}; at most {MAX_ENTRIES}).")
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        _check_entry_name(info.filename, name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError(f"{name} contains a symbolic link ({info.filename}); refused.")
        if info.is_dir():
            raise PackageError(f"{name} contains a folder entry ({info.filename}); refused.")
        if info.flag_bits & 0x1:
            raise PackageError(f"{name} contains an encrypted entry ({info.filename}).")
        if info.filename in found:
            raise PackageError(f"{name} contains the entry {info.filename} twice.")
        if info.filename not in (MANIFEST, SIGNATURE, RECORDS) and not BLOB_NAME.match(
            info.filename
        ):
            raise PackageError(f"{name} contains an unexpected entry '{info.filename}'.")
        _check_ratio(info, name)
        total += info.file_size
        if total > MAX_TOTAL_SIZE:
            raise PackageError(f"{name} would unpack to more than {MAX_TOTAL_SIZE // 2**30} GiB.")
        found[info.filename] = info
    if MANIFEST not in found:
        raise PackageError(f"{name} has no manifest.json; it is not a workbench package.")
    if SIGNATURE not in found:
        raise PackageError(f"{name} is not signed (its signature entry is missing).")
    if RECORDS not in found:
        raise PackageError(f"{name} has no records.jsonl.")
    return found


def _check_entry_name(entry: str, name: str) -> None:
    parts = entry.replace("\\", "/").split("/")
    if entry.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", entry):
        raise PackageError(f"{name} contains an absolute path ({entry}); refused.")
    if ".." in parts:
        raise PackageError(f"{name} contains a path that leaves the package ({entry}); refused.")
    if "\\" in entry or "\x00" in entry:
        raise PackageError(f"{name} contains an invalid entry name ({entry!r}).")


def _check_ratio(info: zipfile.ZipInfo, name: str) -> None:
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise PackageError(
            f"{name} looks like a zip bomb: {info.filename} would grow from "
            f"{info.compress_size} bytes to {info.file_size} bytes; refused."
        )


def _read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str):
    """Yield the chunks of an entry, refusing one that grows beyond ``limit``."""
    read = 0
    try:
        with zf.open(info) as handle:
            while chunk := handle.read(CHUNK):
                read += len(chunk)
                if read > limit:
                    raise PackageError(f"{name}: {info.filename} is larger than it says; refused.")
                yield chunk
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise PackageError(f"{name}: {info.filename} is damaged ({exc}).") from None


def _read_small(zf, info, limit: int, name: str) -> bytes:
    if info is None:
        return b""
    if info.file_size > limit:
        raise PackageError(f"{name}: {info.filename} is too large ({info.file_size} bytes).")
    return b"".join(_read_limited(zf, info, limit, name))


def _parse_manifest(data: bytes, name: str) -> dict:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackageError(f"{name}: manifest.json is not valid JSON.") from None
    if not isinstance(manifest, dict):
        raise PackageError(f"{name}: manifest.json is not a manifest object.")
    if manifest.get("format") != FORMAT_NAME:
        raise PackageError(f"{name} is not a workbench package (unknown format in its manifest).")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PackageError(f"{name}: the manifest's format version is missing or malformed.")
    if version > FORMAT_VERSION:
        raise PackageError(
            f"{name} was made by a newer version of the workbench (package format {version}; "
            f"this version reads format {FORMAT_VERSION}). Update the workbench to open it."
        )
    if version != FORMAT_VERSION:
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
    return entries


def _read_records(zf, info, entry: dict, manifest: dict, name: str) -> list:
    digest = hashlib.sha256()
    chunks = []
    for chunk in _read_limited(zf, info, min(entry["size"], MAX_RECORDS_SIZE), name):
        digest.update(chunk)
        chunks.append(chunk)
    if digest.hexdigest() != entry["sha256"]:
        raise PackageError(f"{name}: records.jsonl does not match its hash; it was altered.")
    try:
        text = b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise PackageError(f"{name}: records.jsonl is not UTF-8 text.") from None
    tables = models_by_table()
    records, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        model, row = parse_line(line, number, tables)
        if row["uuid"] in seen:
            raise PackageError(f"{name}: record {number} repeats the record {row['uuid']}.")
        seen.add(row["uuid"])
        records.append((model, row))
    if len(records) != manifest["record_count"]:
        raise PackageError(
            f"{name}: the manifest counts {manifest['record_count']} records, "
            f"but {len(records)} are there."
        )
    return records


def extract_blobs(package: Package, root: Path) -> tuple[Path | None, list[Path]]:
    """Copy the evidence files into a staging folder under ``root``, checking each hash."""
    if not package.blobs:
        return None, []
    blobs_root = root / "blobs"
    blobs_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(), dir=blobs_root))  # names our pid
    out = []
    try:
        with zipfile.ZipFile(package.path) as zf:
            for sha, size in package.blobs.items():
                out.append(_extract_one(zf, sha, size, staging, package.path.name))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, out


def _extract_one(zf: zipfile.ZipFile, sha: str, size: int, staging: Path, name: str) -> Path:
    info = zf.getinfo(BLOB_PREFIX + sha)
    target = staging / sha
    digest = hashlib.sha256()
    written = 0
    with open(target, "wb") as out:
        for chunk in _read_limited(zf, info, size, name):
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
