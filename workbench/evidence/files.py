"""Evidence files: copying them into the store, turning them into items, and
keeping the store honest (garbage collection and the integrity check).

Import is two steps so the slow one can leave the GUI thread: ``stage_files``
copies files into ``blobs/`` (no database work), then ``add_staged`` makes the
items in one transaction. A cancel, a full disk or a failed transaction
removes every blob the import created, so nothing half-done remains.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from workbench.errors import EvidenceError
from workbench.evidence import blobs
from workbench.evidence.blobs import CancelledError, DiskFullError, IntegrityReport
from workbench.evidence.library import (
    EvidenceRow,
    clean_name,
    guess_type,
    label,
    next_number,
    row_of,
)
from workbench.store import db
from workbench.store.leftovers import is_staging
from workbench.store.models import EvidenceItem, Person, Portfolio
from workbench.store.portfolios import MENTEE, require_role


@dataclass(frozen=True)
class StagedFile:
    """A file copied into the store but not yet an item."""

    source_name: str
    sha: str
    size: int
    created: bool
    modified: date


@dataclass
class Staged:
    files: list[StagedFile] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file name, message)


@dataclass
class ImportResult:
    items: list[EvidenceRow] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file name, "E3")
    failures: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"Added {len(self.items)} item(s)."]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the library.")
        if self.failures:
            parts.append(f"{len(self.failures)} could not be added.")
        return " ".join(parts)


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """The files to import: files as given, folders searched (hidden files skipped)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            for sub in sorted(path.rglob("*")):
                hidden = any(p.startswith(".") for p in sub.relative_to(path).parts)
                if sub.is_file() and not hidden:
                    found.append(sub)
        else:
            found.append(path)
    return found


def total_size(paths: Iterable[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total


def stage_files(
    root: Path,
    paths: Iterable[Path | str],
    *,
    progress: blobs.Progress | None = None,
    cancelled: blobs.Cancelled | None = None,
) -> Staged:
    """Copy files into the store (no database work: safe off the GUI thread).

    A file that cannot be read is reported and skipped. A full disk or a
    cancel removes every blob this call created and raises.
    """
    staged = Staged()
    try:
        for path in map(Path, paths):
            try:
                stored = blobs.store_file(root, path, progress=progress, cancelled=cancelled)
                modified = date.fromtimestamp(os.stat(path).st_mtime)
            except (DiskFullError, CancelledError):
                raise
            except EvidenceError as exc:
                staged.failures.append((clean_name(path.name), str(exc)))
                continue
            staged.files.append(
                StagedFile(clean_name(path.name), stored.sha, stored.size, stored.created, modified)
            )
    except (DiskFullError, CancelledError):
        discard_staged(root, staged)
        raise
    return staged


def discard_staged(root: Path, staged: Staged) -> None:
    """Remove the blobs a staging created and nothing else uses."""
    created = {f.sha for f in staged.files if f.created}
    used = _used_shas(created)
    blobs.remove_blobs(root, created - used)


def _used_shas(shas: set[str]) -> set[str]:
    if not shas:
        return set()
    return {
        sha
        for (sha,) in EvidenceItem.select(EvidenceItem.blob_sha)
        .where(EvidenceItem.blob_sha.in_(list(shas)))
        .tuples()
    }


def add_staged(root: Path, portfolio: Portfolio, actor: Person, staged: Staged) -> ImportResult:
    """Turn staged files into items in one transaction; the same content twice is one item."""
    result = ImportResult(failures=list(staged.failures))
    try:
        require_role(portfolio, actor, MENTEE)
        with db.database.atomic():
            known = {
                item.blob_sha: item.number
                for item in EvidenceItem.select().where(
                    EvidenceItem.portfolio == portfolio,
                    ~EvidenceItem.deleted,
                    EvidenceItem.blob_sha.is_null(False),
                )
            }
            number = next_number(portfolio)
            for file in staged.files:
                if file.sha in known:
                    result.duplicates.append((file.source_name, label(known[file.sha])))
                    continue
                result.items.append(row_of(_file_item(portfolio, actor, file, number)))
                known[file.sha] = number
                number += 1
    except Exception:
        result.items = []
        discard_staged(root, staged)
        raise
    discard_staged(root, staged)  # blobs of duplicates that were new after all
    return result


def _file_item(portfolio: Portfolio, actor: Person, file: StagedFile, number: int) -> EvidenceItem:
    return EvidenceItem.create(
        author=actor.uuid,
        portfolio=portfolio,
        number=number,
        title=Path(file.source_name).stem or file.source_name,
        kind="file",
        evidence_type=guess_type(file.source_name),
        item_date=file.modified,
        source_name=file.source_name,
        blob_sha=file.sha,
        size=file.size,
    )


def import_files(
    opened,
    actor: Person,
    paths: Iterable[Path | str],
    *,
    progress: blobs.Progress | None = None,
    cancelled: blobs.Cancelled | None = None,
) -> ImportResult:
    """Add files (and the files in folders) as evidence: stage, then one transaction."""
    files = expand_paths(paths)
    require_role(opened.portfolio, actor, MENTEE)
    staged = stage_files(opened.root, files, progress=progress, cancelled=cancelled)
    return add_staged(opened.root, opened.portfolio, actor, staged)


def add_file(opened, actor: Person, path: Path | str) -> EvidenceRow:
    """Add one file; its problem, if any, is raised rather than reported."""
    result = import_files(opened, actor, [path])
    if result.failures:
        raise EvidenceError(result.failures[0][1])
    if result.duplicates:
        name, existing = result.duplicates[0]
        raise EvidenceError(f"'{name}' is already in the library as {existing}.")
    return result.items[0]


# Stored files -----------------------------------------------------------------------


def deleted_blobs() -> frozenset[str]:
    """Blobs of deleted items: kept while a deletion can still be undone."""
    query = EvidenceItem.select(EvidenceItem.blob_sha).where(
        EvidenceItem.deleted, EvidenceItem.blob_sha.is_null(False)
    )
    return frozenset(sha for (sha,) in query.tuples())


def live_blobs(portfolio: Portfolio | None = None) -> dict[str, str]:
    query = EvidenceItem.select().where(~EvidenceItem.deleted, EvidenceItem.blob_sha.is_null(False))
    if portfolio is not None:
        query = query.where(EvidenceItem.portfolio == portfolio)
    return {
        i.blob_sha: f"{label(i.number)} '{i.title}'" for i in query.order_by(EvidenceItem.number)
    }


def collect_garbage(opened) -> int:
    """Remove blobs no live item uses; call only when no deletion can be undone.

    Returns how many files were removed.
    """
    live = live_blobs()
    unused = [
        path.name
        for path in blobs.stored_files(opened.root)
        if not is_staging(path.relative_to(blobs.blobs_dir(opened.root)))
        and blobs.SHA_NAME.match(path.name)
        and path.name not in live
    ]
    return blobs.remove_blobs(opened.root, unused)


def check_integrity(opened, *, fix: bool = False, cancelled=None) -> IntegrityReport:
    """Every stored file a live item uses is present and unchanged; nothing else is there."""
    report = blobs.check_store(opened.root, live_blobs(), cancelled=cancelled)
    if fix:
        blobs.fix_store(opened.root, report)
    return report


def stored_file(opened, row: EvidenceRow) -> Path:
    """The checked path of an item's stored file (for a preview or opening it)."""
    if not row.blob_sha:
        raise EvidenceError(f"{row.label} '{row.title}' has no file.")
    return blobs.verified_blob(opened.root, row.blob_sha, f"{row.label} {row.source_name}")


def export_copy(opened, row: EvidenceRow, folder: Path, name: str = "") -> Path:
    """Copy an item's file out under its own name, checking its hash on the way.

    Used to open it with the system's program (which needs the file's name and
    must never edit the stored copy) and to save a copy elsewhere.
    """
    if not row.blob_sha:
        raise EvidenceError(f"{row.label} '{row.title}' has no file.")
    source = blobs.blob_path(opened.root, row.blob_sha)
    what = f"{row.label} {row.source_name}"
    if not source.is_file():
        raise EvidenceError(
            f"The stored copy of {what} is missing from the portfolio's blobs folder. "
            "Add the file again, or restore the folder from a backup."
        )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or row.source_name or f"{row.label}.bin")
    try:
        with db.replacing(target) as tmp:
            sha, _ = blobs.copy_hashing(source, tmp)
            if sha != row.blob_sha:
                raise EvidenceError(
                    f"The stored copy of {what} has been changed on disk since it was added, so "
                    "it is not opened. Add the original file again to repair it."
                )
    except OSError as exc:
        raise EvidenceError(
            f"{what} could not be copied to {folder} ({exc.strerror or exc})."
        ) from None
    return target
