"""The file half of a sync folder pass: listing, hashing, reading and writing packages.

Nothing here touches the database, so it may run in a worker thread while the
database halves (``workbench.exchange.sync``) run where the connection lives:
``sync.scan_request`` gathers what the scan needs as plain data, ``scan_folder``
hashes and reads, and ``sync.apply_scan`` imports and records. For our own
file, ``sync.plan_own`` reads the records, ``write_planned`` writes them and
``sync.record_written`` remembers what was written. The rules themselves are
described in ``workbench.exchange.sync``.
"""

from __future__ import annotations

import errno
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import IncompletePackage, SyncFolderUnavailable, WorkbenchError
from workbench.exchange.pack import PackPlan, write_pack
from workbench.exchange.reader import Package, peek_portfolio, read_package, stage_blobs
from workbench.exchange.records import UUID_PATTERN

_UUID = UUID_PATTERN.pattern.strip("^$")
# What sync services add to a name when two copies of one file met: Syncthing's
# ``.sync-conflict-20240101-101010-ABCDEFG``, Dropbox's and Nextcloud's
# `` (Morgan's conflicted copy 2024-01-01)``, OneDrive's ``-MORGAN-LAPTOP``.
_COPY = (
    r"\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}"
    r"| \([^()/\\]*conflicted copy[^()/\\]*\)"
    r"|-[A-Za-z0-9][A-Za-z0-9_-]{0,62}"
)
FILE_NAME = re.compile(
    rf"^(?:(?P<portfolio>{_UUID})\.)?(?P<person>{_UUID})(?P<copy>{_COPY})?\.wbpack$"
)
CHUNK = 1024 * 1024
EMPTY = hashlib.sha256(b"").hexdigest()
READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)

Cancelled = Callable[[], bool]


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes: what tells a changed file from the one handled."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def require_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise SyncFolderUnavailable(
            f"The sync folder {folder} cannot be found. Is the drive or sync service connected?"
        )


def is_engine_copy(path: Path) -> bool:
    """Whether the file is a sync service's conflict copy of someone's package.

    A copy is read like the package it copies (it is verified, and merging keeps
    the newest revision of each record, so an older copy changes nothing), but
    quietly: what is wrong with a copy is never the user's concern.
    """
    match = FILE_NAME.match(path.name)
    return match is not None and match["copy"] is not None


def other_files(folder: Path, portfolio: str, actor: str) -> list[Path]:
    """The other people's packages of portfolio ``portfolio`` (uuid) in the folder.

    Only our names count (with the conflict copies sync services make of them),
    so temp files (``.syncthing.*.tmp``, ``~syncthing~*.tmp``, ours) are never
    read. An old-style name (the person's uuid alone) is read when the package
    inside is for this portfolio, or cannot tell (then reading it says what is
    wrong). Copies of our own file are ours: we hold what they hold.
    """
    try:
        names = sorted(p for p in folder.glob("*.wbpack") if p.is_file())
    except OSError as exc:
        raise SyncFolderUnavailable(
            f"The sync folder {folder} cannot be read ({exc.strerror or exc})."
        ) from None
    found = []
    for path in names:
        match = FILE_NAME.match(path.name)
        if match is None or match["person"] == actor:
            continue
        if match["portfolio"] is None:
            if peek_portfolio(path) not in (None, portfolio):
                continue
        elif match["portfolio"] != portfolio:
            continue
        found.append(path)
    return found


@dataclass
class ScanRequest:
    """What a scan needs to know, as plain data read where the database lives."""

    folder: Path
    root: Path  # the portfolio folder: evidence files are staged beside its store
    portfolio: str
    actor: str
    own: Path  # our own file
    seen: dict[str, str]  # file name -> SHA-256 (or token) last handled or set aside
    reads: bool = True  # False: only our own file's hash is wanted
    only: Path | None = None  # just this file (a waiting package being accepted)
    force: bool = False  # read it even if its content was handled before


@dataclass
class Scanned:
    """One other person's file, hashed and (if its content is new) read and checked."""

    path: Path
    digest: str = ""
    hash_error: OSError | None = None  # the file could not even be read for its hash
    package: Package | None = None  # read, verified and its evidence staged
    error: BaseException | None = None  # what reading or staging raised


@dataclass
class FolderScan:
    files: list[Scanned] = field(default_factory=list)
    own_sha: str | None = None  # SHA-256 of our own file now; None if missing or unreadable
    unavailable: str = ""  # why the folder could not be used at all (see ``scan_or_unavailable``)

    def discard(self) -> None:
        """Remove what was staged for packages that will not be imported."""
        for item in self.files:
            if item.package is not None:
                item.package.discard_staged()


def scan_folder(request: ScanRequest, cancelled: Cancelled | None = None) -> FolderScan:
    """Hash the files and read each one whose content is new (files only, no database)."""
    require_folder(request.folder)
    scan = FolderScan(own_sha=_sha_or_none(request.own))
    if not request.reads:
        return scan
    paths = (
        [request.only]
        if request.only
        else other_files(request.folder, request.portfolio, request.actor)
    )
    try:
        for path in paths:
            if cancelled is not None and cancelled():
                break
            item = scan_one(request, path)
            if item is not None:
                scan.files.append(item)
    except BaseException:
        scan.discard()
        raise
    return scan


def scan_or_unavailable(request: ScanRequest, cancelled: Cancelled | None = None) -> FolderScan:
    """``scan_folder``, with a folder that cannot be used said in ``unavailable``, not raised:
    for a pass that runs again by itself once the folder is back."""
    try:
        return scan_folder(request, cancelled)
    except SyncFolderUnavailable as exc:
        return FolderScan(unavailable=str(exc))


def scan_one(request: ScanRequest, path: Path) -> Scanned | None:
    """Hash one file and, if its content is new to us, read and stage it; None if gone."""
    try:
        digest = file_sha256(path)
    except FileNotFoundError:
        return None  # removed while we looked
    except OSError as exc:
        return Scanned(path, hash_error=exc)
    item = Scanned(path, digest)
    if request.seen.get(path.name) == digest and not request.force:
        return item  # handled before: nothing to read
    if digest == EMPTY:
        item.error = IncompletePackage(f"{path.name} is empty (it may still be copying).")
        return item
    try:
        item.package = stage_blobs(read_package(path), request.root)
    except Exception as exc:  # noqa: BLE001 - judged where it is applied (sync.apply_one)
        item.error = exc
    return item


def _sha_or_none(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None  # missing or unreadable: write it again


@dataclass
class OwnPlan:
    """Our package as read from the database, and the state it was read in."""

    plan: PackPlan
    state: str  # the digest of our holdings the package was made from


UNAVAILABLE = "unavailable"  # the folder cannot be found or listed
READ_ONLY_FOLDER = "read-only"  # the folder is there but refuses our file


@dataclass
class OwnWritten:
    path: Path | None = None
    sha256: str = ""
    error: str = ""  # a sentence for the status line when the file could not be written
    problem: str = ""  # UNAVAILABLE or READ_ONLY_FOLDER: the folder's state, not one file's


def write_planned(own: OwnPlan, cancelled: Cancelled | None = None) -> OwnWritten:
    """Write our planned package and hash it (files only); failures become a sentence."""
    folder = own.plan.out.parent
    try:
        require_folder(folder)
        write_pack(own.plan, cancelled=cancelled)
        return OwnWritten(own.plan.out, file_sha256(own.plan.out))
    except SyncFolderUnavailable as exc:
        return OwnWritten(error=str(exc).rstrip("."), problem=UNAVAILABLE)
    except WorkbenchError as exc:
        return OwnWritten(error=str(exc).rstrip("."))
    except OSError as exc:
        return OwnWritten(error=write_failed(folder, exc), problem=folder_problem(exc))


def folder_problem(exc: OSError) -> str:
    """What an error writing into the folder says about the folder itself."""
    if exc.errno in READ_ONLY:
        return READ_ONLY_FOLDER
    if isinstance(exc, FileNotFoundError):
        return UNAVAILABLE
    return ""


def write_failed(folder: Path | None, exc: OSError) -> str:
    if exc.errno in READ_ONLY:
        return (
            f"The sync folder {folder} is read-only here, so your changes wait on this "
            "computer; they are written there when it can be written again"
        )
    return (
        f"Your package could not be written to the sync folder {folder} "
        f"({exc.strerror or exc}); it will be tried again"
    )
