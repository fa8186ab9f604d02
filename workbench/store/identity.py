"""Who is using this machine: a name and a uuid kept in the user's data folder.

The folder follows the platform's convention (``XDG_DATA_HOME`` on Linux), so
two identities can be tried on one machine by pointing it elsewhere.

The identity and the key are made once. Two processes started together (the
GUI and a command, two windows) check and create them under one file lock in
the data folder, and every file is moved into place whole, so all of them end
with the same identity and the same key and a reader never sees half a file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from workbench.errors import IdentityTaken, IdentityUnreadable
from workbench.store.db import write_atomically
from workbench.store.limits import clean_name
from workbench.store.models import new_uuid
from workbench.store.user_data import data_lock, identity_path, set_aside


@dataclass(frozen=True)
class Identity:
    uuid: str
    name: str


def load_identity() -> Identity | None:
    """The identity of this machine's user, or None before the first run."""
    path = identity_path()
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Identity(uuid=str(data["uuid"]), name=str(data["name"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IdentityUnreadable(f"Your identity file {path} cannot be read ({exc}).") from None


def create_identity(name: str) -> Identity:
    """Make and keep the user's identity and key; they are made once and then reused."""
    from workbench.store import keys  # the key is made once: loading an identity needs none

    name = clean_name(name, "your name")
    with data_lock():
        existing = load_identity()
        if existing:
            return existing
        keys.load_or_create_key()  # made now, so a key missing later is known to be lost
        identity = Identity(uuid=new_uuid(), name=name)
        _write_identity(identity)
    return identity


def adopt_identity(uuid: str, name: str) -> Identity:
    """Become, on this computer, the person ``uuid`` of a portfolio: the way back
    for someone whose identity file was lost. Refused when this computer already
    has another identity, which would otherwise be lost in turn."""
    with data_lock():
        existing = load_identity()
        if existing and existing.uuid != uuid:
            raise IdentityTaken(
                f"This computer already knows you as {existing.name} (in {identity_path()}), "
                f"so it cannot also be {name}."
            )
        if existing:
            return existing
        identity = Identity(uuid=uuid, name=clean_name(name))
        _write_identity(identity)
    return identity


def set_aside_unreadable_identity() -> Path | None:
    """Rename an identity file that cannot be read (it is kept, never deleted), so
    the user can restore who they are from a portfolio; return its new path."""
    with data_lock():
        try:
            load_identity()
            return None
        except IdentityUnreadable:
            return set_aside(identity_path())


def _write_identity(identity: Identity) -> None:
    payload = json.dumps(asdict(identity), indent=2).encode()
    write_atomically(identity_path(), payload)
