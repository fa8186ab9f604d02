"""The sync folder: any folder a file-sync service carries between two computers.

Each person writes only ``<folder>/<their uuid>.wbpack`` and reads the
others', so Dropbox, OneDrive, Nextcloud, Syncthing or a network share never
see two writers of one file. The portfolio's database never lives there.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PackageError, ValidationError, WorkbenchError
from .exchange import ImportSummary, holdings, import_package, pack
from .exchange_reader import peek_portfolio
from .exchange_records import UUID_PATTERN
from .models import Person, Setting
from .portfolios import OpenPortfolio, get_setting, set_setting

FOLDER_KEY = "sync.folder"
BLOBS_KEY = "sync.blobs"
WRITTEN_KEY = "sync.written"  # digest of what our last written package held
SEEN_KEY = "sync.seen."  # + file name: size and time of the last one handled


@dataclass
class SyncResult:
    """What one pass of the sync folder did."""

    imported: list[ImportSummary] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    written: Path | None = None

    @property
    def brought_news(self) -> bool:
        return any(not s.nothing_new for s in self.imported)


def sync_folder() -> Path | None:
    value = get_setting(FOLDER_KEY)
    return Path(value) if value else None


def set_sync_folder(folder: Path | str | None, include_files: bool = True) -> None:
    """Choose (or clear, with None) the sync folder of the open portfolio."""
    if folder is None:
        Setting.delete().where(Setting.key.in_([FOLDER_KEY, WRITTEN_KEY])).execute()
        return
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError(f"The sync folder {folder} does not exist or is not a folder.")
    if (folder / "portfolio.sqlite3").exists():
        raise ValidationError(
            f"{folder} holds a portfolio database; choose a separate folder for sync."
        )
    set_setting(FOLDER_KEY, str(folder.resolve()))
    set_setting(BLOBS_KEY, "1" if include_files else "0")
    Setting.delete().where(Setting.key == WRITTEN_KEY).execute()


def own_file(folder: Path, person: Person) -> Path:
    return folder / f"{person.uuid}.wbpack"


def write_own(opened: OpenPortfolio, actor: Person, *, force: bool = False) -> Path | None:
    """Write the actor's package to the sync folder if anything changed since the last."""
    folder = sync_folder()
    if folder is None:
        return None
    _require_folder(folder)
    digest = hashlib.sha256(json.dumps(holdings(actor.uuid), sort_keys=True).encode()).hexdigest()
    acks = {k: v for k, v in _settings_with("exchange.ack.").items()}
    state = hashlib.sha256((digest + json.dumps(acks, sort_keys=True)).encode()).hexdigest()
    target = own_file(folder, actor)
    if not force and target.exists() and get_setting(WRITTEN_KEY) == state:
        return None
    pack(
        opened,
        actor,
        target,
        changes_only=True,
        include_blobs=get_setting(BLOBS_KEY, "1") == "1",
    )
    set_setting(WRITTEN_KEY, state)
    return target


def _settings_with(prefix: str) -> dict[str, str]:
    return {s.key: s.value for s in Setting.select().where(Setting.key.startswith(prefix))}


def _require_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise WorkbenchError(
            f"The sync folder {folder} cannot be found. Is the drive or sync service connected?"
        )


def others_files(folder: Path, actor: Person) -> list[Path]:
    """The other people's packages in the folder (named by their uuid)."""
    return sorted(
        p
        for p in folder.glob("*.wbpack")
        if p.stem != actor.uuid and UUID_PATTERN.match(p.stem) and p.is_file()
    )


def _stamp(path: Path) -> str:
    info = path.stat()
    return f"{info.st_size}:{info.st_mtime_ns}"


def import_others(opened: OpenPortfolio, actor: Person) -> SyncResult:
    """Open each other person's package that changed since it was last handled."""
    result = SyncResult()
    folder = sync_folder()
    if folder is None:
        return result
    _require_folder(folder)
    for path in others_files(folder, actor):
        try:
            stamp = _stamp(path)
        except OSError:
            continue  # removed while we looked
        key = SEEN_KEY + path.name
        if get_setting(key) == stamp:
            continue
        if peek_portfolio(path) not in (None, opened.portfolio.uuid):
            continue  # a package of another portfolio sharing the folder
        try:
            result.imported.append(import_package(opened, actor, path))
        except PackageError as exc:
            result.errors.append(str(exc))
            if "incomplete" in str(exc):
                continue  # still being copied: try again next time
        set_setting(key, stamp)
    return result


def sync_now(opened: OpenPortfolio, actor: Person) -> SyncResult:
    """Bring in the others' changes, then write ours (with what we now hold)."""
    result = import_others(opened, actor)
    result.written = write_own(opened, actor)
    return result
