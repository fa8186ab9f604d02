"""The user's data folder: where the identity and the key live, and its lock.

``identity.py`` and ``keys.py`` both keep their files here.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import platformdirs
from filelock import FileLock

from workbench import APP_SLUG
from workbench.errors import WorkbenchError
from workbench.store.db import utcnow

IDENTITY_FILE = "identity.json"
LOCK_FILE = "identity.lock"


_STAND_INS: list[Path] = []  # data folders standing in for the user's own, innermost last


def data_dir() -> Path:
    if _STAND_INS:
        path = _STAND_INS[-1]
    else:
        path = Path(platformdirs.user_data_dir(APP_SLUG, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def stand_in_data_dir(path: Path):
    """Use ``path`` as the data folder for a while: a made-up person's identity and
    key (the screenshots' mentee and mentor) never touch the user's own."""
    _STAND_INS.append(Path(path))
    try:
        yield Path(path)
    finally:
        _STAND_INS.pop()


def default_portfolios_dir() -> Path:
    return data_dir() / "portfolios"


def identity_path() -> Path:
    return data_dir() / IDENTITY_FILE


@contextmanager
def data_lock():
    """Hold the data folder's lock: one process at a time checks and creates
    the identity and the key. Re-entrant, so a holder may call the others."""
    lock = FileLock(str(data_dir() / LOCK_FILE), timeout=60, is_singleton=True)
    try:
        with lock:
            yield
    except TimeoutError:
        raise WorkbenchError(
            f"Another workbench program holds {lock.lock_file} and did not let go of it. "
            "Close the other program and try again."
        ) from None


def set_aside(path: Path) -> Path:
    """Rename ``path`` to ``<name>.unreadable-<time>`` beside it and return the new path."""
    stamp = utcnow().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{counter}")
    try:
        path.replace(target)
    except OSError as exc:
        raise WorkbenchError(f"The unreadable file {path} cannot be set aside ({exc}).") from None
    return target
