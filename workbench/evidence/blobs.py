"""The content-addressed store of evidence files: ``blobs/ab/abcdef…`` by SHA-256.

A file is streamed in chunks into a temp file inside ``blobs/`` while it is
hashed, then moved to its final name, so a large file never sits in memory
and nothing half-written ever carries a blob's name. The same content is
stored once. Blobs no live evidence item uses are removed only by
``collect_garbage`` (when the portfolio closes, or ``check --fix``), so a
deletion can still be undone until then.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import EvidenceError
from workbench.store.leftovers import (
    STAGING_PREFIX,
    is_staging,
    is_stale_staged,
    part_name,
    remove_stale_staging,
)

CHUNK = 1024 * 1024
INCOMING = STAGING_PREFIX  # blobs/.incoming/<pid>-<random>.part while a file is copied in
SHA_NAME = re.compile(r"^[0-9a-f]{64}$")

Progress = Callable[[int], None]  # bytes just copied
Cancelled = Callable[[], bool]


class DiskFullError(EvidenceError):
    """There is no room left on the disk that holds the portfolio."""


class CancelledError(EvidenceError):
    """The user cancelled; nothing was kept."""


@dataclass(frozen=True)
class StoredBlob:
    sha: str
    size: int
    created: bool  # False when the same content was already stored


def _root(folder) -> Path:
    """The portfolio folder from a path, a PortfolioFolder or an OpenPortfolio."""
    if isinstance(folder, (str, os.PathLike)):
        return Path(folder)
    return Path(folder.root)


def blobs_dir(folder) -> Path:
    return _root(folder) / "blobs"


def blob_path(folder, sha: str) -> Path:
    """Where the blob with this SHA-256 lives: ``blobs/ab/abcdef…``."""
    if not SHA_NAME.match(sha or ""):
        raise EvidenceError(f"'{sha}' is not the SHA-256 name of a stored file.")
    return blobs_dir(folder) / sha[:2] / sha


def _friendly_os_error(exc: OSError, source: Path) -> EvidenceError:
    name = source.name or str(source)
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return DiskFullError(
            f"The disk holding the portfolio is full, so '{name}' could not be stored. "
            "Free some space and try again; nothing was added."
        )
    if isinstance(exc, FileNotFoundError):
        return EvidenceError(f"The file '{source}' could not be found. Was it moved or deleted?")
    if isinstance(exc, IsADirectoryError):
        return EvidenceError(f"'{source}' is a folder, not a file.")
    if isinstance(exc, PermissionError):
        return EvidenceError(
            f"The file '{source}' cannot be read: you do not have permission to open it."
        )
    reason = exc.strerror or str(exc)
    return EvidenceError(f"The file '{source}' could not be copied ({reason}).")


def store_file(
    folder,
    source: Path | str,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> StoredBlob:
    """Copy ``source`` into the store; return its hash, size and whether it is new.

    Refuses an empty file, and a file that disappears or changes while it is
    copied. On any failure (or cancel) nothing is left behind in ``blobs/``.
    """
    source = Path(source)
    incoming = blobs_dir(folder) / INCOMING
    try:
        incoming.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _friendly_os_error(exc, source) from None
    tmp = incoming / part_name()
    try:
        sha, size = copy_hashing(source, tmp, progress, cancelled)
        target = blob_path(folder, sha)
        created = not target.exists()
        target.parent.mkdir(exist_ok=True)
        # Replacing an existing blob with a fresh, verified copy repairs one
        # that was changed on disk behind the app's back.
        os.replace(tmp, target)
        return StoredBlob(sha, size, created)
    except OSError as exc:
        raise _friendly_os_error(exc, source) from None
    finally:
        tmp.unlink(missing_ok=True)


def copy_hashing(
    source: Path,
    tmp: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> tuple[str, int]:
    """Copy ``source`` to ``tmp`` in chunks; return the SHA-256 and size copied."""
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as reader:
        expected = os.fstat(reader.fileno()).st_size
        if expected == 0:
            raise EvidenceError(
                f"The file '{source.name}' is empty (0 bytes); there is nothing to keep."
            )
        with open(tmp, "wb") as writer:
            while chunk := reader.read(CHUNK):
                if cancelled and cancelled():
                    raise CancelledError("The import was cancelled; nothing was added.")
                digest.update(chunk)
                writer.write(chunk)
                size += len(chunk)
                if progress:
                    progress(len(chunk))
            writer.flush()
            os.fsync(writer.fileno())
    _require_unchanged(source, expected, size)
    return digest.hexdigest(), size


def _require_unchanged(source: Path, expected: int, copied: int) -> None:
    """A file deleted or rewritten during the copy gives an incomplete copy: refuse it."""
    if not source.exists():
        raise EvidenceError(
            f"The file '{source.name}' disappeared while it was being copied; it was not added."
        )
    if copied != expected or source.stat().st_size != expected:
        raise EvidenceError(
            f"The file '{source.name}' changed while it was being copied; it was not added. "
            "Close any program that is writing it and try again."
        )


def hash_file(path: Path, cancelled: Cancelled | None = None) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as reader:
        while chunk := reader.read(CHUNK):
            if cancelled and cancelled():
                raise CancelledError("The check was cancelled.")
            digest.update(chunk)
    return digest.hexdigest()


def verified_blob(folder, sha: str, name: str) -> Path:
    """The path of a stored blob after checking that it is there and unchanged."""
    path = blob_path(folder, sha)
    if not path.is_file():
        raise EvidenceError(
            f"The stored copy of '{name}' is missing from the portfolio's blobs folder. "
            "Add the file again, or restore the folder from a backup."
        )
    if hash_file(path) != sha:
        raise EvidenceError(
            f"The stored copy of '{name}' has been changed on disk since it was added, so "
            "it is not shown. Add the original file again to repair it."
        )
    return path


def stored_files(folder) -> list[Path]:
    """Every file under ``blobs/``, including stray ones."""
    root = blobs_dir(folder)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def remove_blobs(folder, shas: Iterable[str]) -> int:
    """Delete the named blobs (those that exist); return how many went."""
    removed = 0
    for sha in shas:
        path = blob_path(folder, sha)
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        try:
            path.parent.rmdir()  # only succeeds once the fan-out folder is empty
        except OSError:
            pass
    return removed


# The integrity check ----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    kind: str  # "missing", "changed", "unused", "leftover" or "unknown"
    path: str  # relative to the portfolio folder
    message: str


@dataclass
class IntegrityReport:
    checked: int = 0
    bytes: int = 0
    problems: list[Problem] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        size = f"{self.bytes / 1_000_000:.1f} MB"
        if self.ok:
            return f"Checked {self.checked} stored files ({size}): all present and unchanged."
        return (
            f"Checked {self.checked} stored files ({size}): {len(self.problems)} problem(s) found."
        )


def check_store(
    folder,
    live: dict[str, str],
    *,
    keep: frozenset[str] = frozenset(),
    cancelled: Cancelled | None = None,
) -> IntegrityReport:
    """Compare ``blobs/`` with ``live`` (sha -> the label of an item that uses it).

    Blobs named in ``keep`` (those of deleted items that can still be restored
    with undo) are neither checked nor reported as unused.

    Every blob a live item uses must be present and hash to its name; every
    file in ``blobs/`` must be such a blob.
    """
    root = _root(folder)
    report = IntegrityReport()
    seen: set[str] = set()
    for path in stored_files(folder):
        rel = path.relative_to(root).as_posix()
        name = path.name
        if is_staging(path.relative_to(blobs_dir(folder))):
            if not is_stale_staged(blobs_dir(folder), path):
                continue  # being copied in right now
            report.problems.append(
                Problem("leftover", rel, f"{rel} is left over from a copy that did not finish.")
            )
            continue
        if not SHA_NAME.match(name) or path.parent.name != name[:2]:
            report.problems.append(
                Problem("unknown", rel, f"{rel} is not a file the workbench stored.")
            )
            continue
        if name in keep and name not in live:
            continue
        if name not in live:
            report.problems.append(
                Problem("unused", rel, f"{rel} is not used by any evidence item.")
            )
            continue
        seen.add(name)
        report.checked += 1
        report.bytes += path.stat().st_size
        if hash_file(path, cancelled) != name:
            report.problems.append(
                Problem(
                    "changed",
                    rel,
                    f"{rel} ({live[name]}) was changed on disk: its content no longer "
                    "matches its fingerprint. Add the original file again to repair it.",
                )
            )
    for sha, label in sorted(live.items(), key=lambda pair: pair[1]):
        if sha not in seen:
            rel = blob_path(folder, sha).relative_to(root).as_posix()
            report.problems.append(
                Problem("missing", rel, f"{rel} ({label}) is missing. Add the file again.")
            )
    return report


def fix_store(folder, report: IntegrityReport) -> None:
    """Remove what the check found unused or left over; never touch used blobs."""
    root = _root(folder)
    for problem in list(report.problems):
        if problem.kind in ("unused", "leftover"):
            (root / problem.path).unlink(missing_ok=True)
            report.problems.remove(problem)
            report.fixed.append(f"removed {problem.path}")
    remove_stale_staging(blobs_dir(folder))  # the emptied staging folders
