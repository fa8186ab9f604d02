"""What a killed process leaves behind, named so that it can be recognised and removed.

Temp files are written beside their target (``.<name>.tmp<pid>-<host>``) and
moved into place when complete; evidence is staged in ``blobs/.incoming*``;
a new copy of a portfolio is built in ``.<name>.creating-<pid>-<random>``;
each name carries the id of the process that writes it.
A kill (or a power cut) leaves these behind. They are removed later, and only
when it is certain that no live process is still writing them: a temp file
whose process is gone on this computer (a temp file of another computer,
carried by a sync service, is never touched), a staging folder whose
process is gone, a creating folder whose process is gone and whose lock is free.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import time
import uuid
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = ".portfolio.lock"  # held by the process that has the portfolio open
TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.tmp(?P<pid>\d+)(?:-(?P<host>[0-9a-f]{8}))?$")
CREATING_NAME = re.compile(r"^\.(?P<name>.+)\.creating-(?P<pid>\d+)-[0-9a-z_]+$")
STAGING_PREFIX = ".incoming"  # blobs/.incoming (added files), blobs/.incoming-* (packages)
STAGING_NAME = re.compile(r"^\.incoming-(?P<pid>\d+)-")
PART_NAME = re.compile(r"^(?P<pid>\d+)-[0-9a-f]+\.part$")
# A temp file named by an older version carries no computer: it is removed only
# once its process is gone here and it has not been written for this long.
LEGACY_AGE = 3600.0


def host_tag() -> str:
    """A short, stable tag of this computer, safe in a file name."""
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


def temp_path(path: Path) -> Path:
    """The temp file beside ``path`` that this process writes before moving it into place."""
    return path.with_name(f".{path.name}.tmp{os.getpid()}-{host_tag()}")


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (when unsure: yes)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


def is_stale_temp(path: Path, now: float | None = None) -> bool:
    """A temp file of ours whose writing process is gone."""
    match = TEMP_NAME.match(path.name)
    if match is None or not path.is_file():
        return False
    host = match["host"]
    if host is not None and host != host_tag():
        return False
    if process_alive(int(match["pid"])):
        return False
    if host is None:
        age = (now or time.time()) - path.stat().st_mtime
        return age > LEGACY_AGE
    return True


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove the stale temp files of ours directly in ``folder``; return them."""
    removed = []
    try:
        children = list(Path(folder).iterdir())
    except OSError:
        return removed
    for child in children:
        if is_stale_temp(child):
            child.unlink(missing_ok=True)
            removed.append(child)
    return removed


def staging_prefix() -> str:
    """The start of the name of a staging folder this process makes in ``blobs/``."""
    return f"{STAGING_PREFIX}-{os.getpid()}-"


def part_name() -> str:
    """The name of a file this process copies into ``blobs/.incoming/``."""
    return f"{os.getpid()}-{uuid.uuid4().hex}.part"


def is_staging(path: Path) -> bool:
    """Whether a path (relative to ``blobs/``) lies inside a staging folder."""
    return bool(path.parts) and path.parts[0].startswith(STAGING_PREFIX)


def is_stale_staged(blobs: Path, path: Path, now: float | None = None) -> bool:
    """Whether a staging folder or staged file under ``blobs/`` belongs to no live process.

    ``blobs/.incoming-<pid>-…`` and ``blobs/.incoming/<pid>-….part`` name
    their process; the names of an older version do not, and count as stale
    once they have not been written for LEGACY_AGE.
    """
    parts = Path(path).relative_to(blobs).parts
    if not parts or not parts[0].startswith(STAGING_PREFIX):
        return False
    if parts[0] == STAGING_PREFIX:
        if len(parts) < 2:
            return False
        owner, match = blobs / parts[0] / parts[1], PART_NAME.match(parts[1])
    else:
        owner, match = blobs / parts[0], STAGING_NAME.match(parts[0])
    if match is not None:
        return not process_alive(int(match["pid"]))
    try:
        age = (now or time.time()) - owner.stat().st_mtime
    except OSError:
        return False
    return age > LEGACY_AGE


def remove_stale_staging(blobs: Path) -> list[Path]:
    """Remove the staging folders and staged files in ``blobs/`` whose process is gone."""
    blobs = Path(blobs)
    candidates = []
    try:
        for child in sorted(blobs.iterdir()):
            if child.name == STAGING_PREFIX and child.is_dir():
                candidates += sorted(child.iterdir())
            elif child.name.startswith(STAGING_PREFIX):
                candidates.append(child)
    except OSError:
        return []
    removed = []
    for path in candidates:
        if is_stale_staged(blobs, path):
            remove_tree(path)
            removed.append(path)
    return removed


def remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def creating_prefix(target: Path) -> str:
    """The start of the name of the hidden sibling in which ``target`` is built."""
    return f".{target.name}.creating-{os.getpid()}-"


def is_stale_creating(path: Path) -> bool:
    """A folder in which a copy was being built, by a process that is gone."""

    match = CREATING_NAME.match(path.name)
    if match is None or not path.is_dir() or process_alive(int(match["pid"])):
        return False
    lock = FileLock(str(path / LOCK_NAME), timeout=0)
    try:
        lock.acquire()
    except (Timeout, OSError):
        return False
    lock.release()
    return True


def remove_stale_creating(parent: Path) -> list[Path]:
    """Remove the copies left half-built in ``parent`` by killed processes."""
    removed = []
    try:
        children = list(Path(parent).iterdir())
    except OSError:
        return removed
    for child in children:
        if is_stale_creating(child):
            remove_tree(child)
            removed.append(child)
    return removed
