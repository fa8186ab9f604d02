"""The portfolio database: opening, pragmas, migrations, backups and the lock.

A portfolio is a folder holding ``portfolio.sqlite3``, ``blobs/`` and
``backups/``. One process at a time may open it; the lock names its holder.
The schema version lives in ``PRAGMA user_version``.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import peewee
from filelock import FileLock, Timeout
from peewee import SqliteDatabase

from workbench import __version__
from workbench.errors import (
    CorruptDatabase,
    NewerDatabase,
    NotAPortfolio,
    PortfolioLocked,
    StorageError,
)
from workbench.store.leftovers import LOCK_NAME, temp_path
from workbench.store.migrations import MIGRATIONS
from workbench.versions import WRITTEN_BY, please_update

DB_NAME = "portfolio.sqlite3"
HOLDER_NAME = ".portfolio.holder.json"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
}


class PortfolioDatabase(SqliteDatabase):
    """SQLite whose write failures reach the user as a StorageError they can act on.

    A failed statement or commit rolls back, so nothing is half-saved; the
    caller keeps what the user typed and can try again.
    """

    def execute_sql(self, sql, params=None, *args, **kwargs):
        try:
            return super().execute_sql(sql, params, *args, **kwargs)
        except peewee.OperationalError as exc:
            raise storage_error(exc) from exc

    def commit(self):
        try:
            return super().commit()
        except peewee.OperationalError as exc:
            raise storage_error(exc) from exc

    def rollback(self):
        try:
            return super().rollback()
        except peewee.OperationalError as exc:
            # After a full disk SQLite has already rolled the transaction back.
            if "no transaction is active" not in str(exc):
                raise


def storage_error(exc: Exception) -> Exception:
    """A clear StorageError for the write failures a user can fix; others unchanged."""
    text = str(exc).lower()
    if "full" in text:
        why = "the disk is full. Free some space and it will save again"
    elif "readonly" in text or "read-only" in text:
        why = "the portfolio folder is read-only. Check its permissions"
    elif "locked" in text or "busy" in text:
        why = "another program is writing to it. Try again in a moment"
    elif "disk i/o" in text:
        why = "the disk reported an error. Check the drive"
    else:
        return exc
    return StorageError(f"Your change could not be saved: {why}. Nothing was half-saved.")


# One deferred database; ``open_portfolio`` initialises it for a folder.
database = PortfolioDatabase(None)

SCHEMA_VERSION = 5

# MIGRATIONS[n] upgrades a database from version n - 1 to version n (migrations.py).


def utcnow() -> datetime:
    """Naive UTC time, the form every timestamp is stored in."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class PortfolioFolder:
    """The paths inside a portfolio folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_NAME

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def exists(self) -> bool:
        return self.database.is_file()


class PortfolioLock:
    """An exclusive lock on a portfolio folder that records who holds it."""

    def __init__(self, root: Path, holder: str):
        self.root = root
        self.holder = holder
        self._lock = FileLock(str(root / LOCK_NAME), timeout=0)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise PortfolioLocked(
                f"The portfolio in {self.root} is already open by {self.describe_holder()}. "
                "Close it there first."
            ) from None
        info = {
            "name": self.holder,
            "user": _user_name(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": utcnow().isoformat(timespec="seconds"),
        }
        write_atomically(self.root / HOLDER_NAME, json.dumps(info).encode())

    def describe_holder(self) -> str:
        try:
            info = json.loads((self.root / HOLDER_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "another program"
        who = info.get("name") or info.get("user") or "someone"
        return f"{who} on {info.get('host', 'another computer')} (process {info.get('pid', '?')})"

    def release(self) -> None:
        if self._lock.is_locked:
            (self.root / HOLDER_NAME).unlink(missing_ok=True)
            self._lock.release()


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """The one way a file is written: into a temp file beside ``path``, moved into place.

    The block writes the temp path it is given; when it ends without an error
    the file is flushed to disk and replaces ``path`` in one step, so readers
    see the old file or the new one, never a part. On any error (or a
    cancelled job) the temp file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    tmp = temp_path(path)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class _Kept(Exception):
    """The job was cancelled before the file was moved into place."""


def write_atomically(path: Path, data: bytes, *, mode: int | None = None, cancelled=None) -> bool:
    """Write ``data`` to ``path`` through ``replacing``; return whether it was replaced.

    ``mode`` gives the new file its permissions from the start (e.g. ``0o600``
    for a private key). With ``cancelled`` (a function), a job cancelled
    meanwhile leaves the old file as it was.
    """
    try:
        with replacing(path) as tmp:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
            with os.fdopen(os.open(tmp, flags, 0o666 if mode is None else mode), "wb") as out:
                out.write(data)
            if cancelled is not None and cancelled():
                raise _Kept()
    except _Kept:
        return False
    return True


def schema_version(path: Path) -> int:
    """The ``user_version`` of a database file, read without peewee."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(
            f"The portfolio database {path} cannot be read ({exc}). "
            "The latest backup copy can be restored in its place."
        ) from None


ROLLING = "rolling"
ROLLING_EVERY = timedelta(hours=1)
ROLLING_KEEP = 12


def _copy_database(source_path: Path, target: Path) -> None:
    """A consistent copy with SQLite's backup API, moved into place when complete."""
    tmp = target.with_name(target.name + ".partial")
    source = sqlite3.connect(source_path)
    try:
        copy = sqlite3.connect(tmp)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=delete")  # one self-contained file
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(tmp, target)


def backup_database(folder: PortfolioFolder, reason: str, now: datetime | None = None) -> Path:
    """Copy the database into ``backups/``, named by time and reason."""
    folder.backups.mkdir(exist_ok=True)
    stamp = (now or utcnow()).strftime("%Y%m%d-%H%M%S-%f")
    target = folder.backups / f"portfolio-{stamp}-{reason}.sqlite3"
    _copy_database(folder.database, target)
    return target


def list_backups(folder: PortfolioFolder) -> list[Path]:
    """The backup copies of a portfolio, newest first."""
    if not folder.backups.is_dir():
        return []
    return sorted(folder.backups.glob("portfolio-*.sqlite3"), reverse=True)


def rolling_backup(folder: PortfolioFolder, now: datetime | None = None) -> Path | None:
    """Back up at most once an hour, keeping the latest ROLLING_KEEP rolling copies."""
    now = now or utcnow()
    rolling = [p for p in list_backups(folder) if p.stem.endswith(ROLLING)]
    if rolling and now - _backup_time(rolling[0]) < ROLLING_EVERY:
        return None
    made = backup_database(folder, ROLLING, now)
    for old in rolling[ROLLING_KEEP - 1 :]:
        old.unlink(missing_ok=True)
    return made


def _backup_time(path: Path) -> datetime:
    stamp = "-".join(path.stem.split("-")[1:4])
    try:
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return datetime.min


def restore_backup(folder: PortfolioFolder, backup: Path) -> Path:
    """Put a backup copy in place of the database; the current file is kept aside.

    The portfolio must be closed (the caller holds its lock). Returns the path
    where the replaced database was kept, so nothing is ever lost by a restore.
    """
    if schema_version(backup) > SCHEMA_VERSION:
        raise NewerDatabase(f"The backup {backup.name} was saved by a newer version.")
    disconnect()
    folder.backups.mkdir(exist_ok=True)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S-%f")
    kept = folder.backups / f"replaced-{stamp}.sqlite3"
    if folder.database.exists():
        os.replace(folder.database, kept)  # the file as it was, even if unreadable
    for suffix in ("-wal", "-shm"):
        Path(f"{folder.database}{suffix}").unlink(missing_ok=True)
    _copy_database(backup, folder.database)
    return kept


def disconnect() -> None:
    """Close the database connection, if one is open."""
    if not database.deferred and not database.is_closed():
        database.close()


def connect(folder: PortfolioFolder) -> None:
    """Point the deferred database at the folder's file and connect."""
    disconnect()
    database.init(str(folder.database), pragmas=PRAGMAS)
    try:
        database.connect()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(
            f"The portfolio database {folder.database} cannot be opened ({exc})."
        ) from None


def migrate(folder: PortfolioFolder, models: list) -> int:
    """Bring the open database to SCHEMA_VERSION; return the version found.

    A new database gets every table at once. An older one is backed up, then
    migrated step by step in one transaction. A newer one is refused.
    """
    found = database.pragma("user_version")
    if found > SCHEMA_VERSION:
        detail = f"schema {found}; this version, {__version__}, reads up to {SCHEMA_VERSION}"
        raise NewerDatabase(please_update(f"The portfolio in {folder.root}", written_by(), detail))
    if found == SCHEMA_VERSION:
        return found
    if found == 0:
        with database.atomic():
            database.create_tables(models)
            database.pragma("user_version", SCHEMA_VERSION)
        return found
    backup_database(folder, f"before-migration-{found}-to-{SCHEMA_VERSION}")
    from playhouse.migrate import SqliteMigrator  # loaded only to migrate

    migrator = SqliteMigrator(database)
    with database.atomic():
        for version in range(found + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version](migrator)
        database.create_tables(models, safe=True)  # the tables added since, from the models
        database.pragma("user_version", SCHEMA_VERSION)
    return found


def written_by() -> str | None:
    """The release that last opened the open database (its setting), read without models."""
    try:
        row = database.execute_sql(
            "SELECT value FROM setting WHERE key = ?", (WRITTEN_BY,)
        ).fetchone()
    except peewee.DatabaseError:  # a database from before settings, or a stranger one
        return None
    return row[0] if row else None


def require_portfolio(root: Path) -> PortfolioFolder:
    folder = PortfolioFolder(Path(root))
    if not folder.exists():
        raise NotAPortfolio(
            f"The folder {root} is not a workbench portfolio. Choose the folder that holds "
            f"{DB_NAME}, or open a package your mentee sent with File ▸ Open package…"
        )
    return folder
