"""The keys this user has confirmed, per person, across all their portfolios.

A key is pinned to a person, not to one portfolio: a stranger who reuses a
known person's id with a new portfolio meets the key already confirmed for
that person and is refused. The store is one JSON file in the user's data
folder, changed under a file lock and written atomically, so two processes
never lose each other's confirmations.
"""

from __future__ import annotations

import json
from contextlib import contextmanager

from filelock import FileLock

from workbench.store.db import utcnow, write_atomically
from workbench.store.user_data import data_dir

STORE = "known_keys.json"


def _path():
    return data_dir() / STORE


@contextmanager
def _locked():
    with FileLock(str(data_dir() / (STORE + ".lock")), timeout=30):
        yield


def _read() -> dict:
    try:
        value = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def known_key(person: str) -> str | None:
    """The public key this user confirmed for ``person``, if any."""
    entry = _read().get(person)
    key = entry.get("public_key") if isinstance(entry, dict) else None
    return key if isinstance(key, str) else None


def remember_key(person: str, public_key: str, name: str) -> None:
    """Record that this user confirmed ``public_key`` as ``person``'s key."""
    with _locked():
        store = _read()
        store[person] = {"public_key": public_key, "name": name, "at": utcnow().isoformat()}
        data = json.dumps(store, indent=1, sort_keys=True).encode("utf-8")
        write_atomically(_path(), data)
