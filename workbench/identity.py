"""Who is using this machine: a name and a uuid kept in the user's data folder.

The folder follows the platform's convention (``XDG_DATA_HOME`` on Linux), so
two identities can be tried on one machine by pointing it elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from . import APP_SLUG
from .db import write_atomically
from .errors import WorkbenchError
from .limits import clean_name
from .models import new_uuid

IDENTITY_FILE = "identity.json"


@dataclass(frozen=True)
class Identity:
    uuid: str
    name: str


def data_dir() -> Path:
    path = Path(platformdirs.user_data_dir(APP_SLUG, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_portfolios_dir() -> Path:
    return data_dir() / "portfolios"


def load_identity() -> Identity | None:
    """The identity of this machine's user, or None before the first run."""
    path = data_dir() / IDENTITY_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Identity(uuid=str(data["uuid"]), name=str(data["name"]))
    except (OSError, ValueError, KeyError) as exc:
        raise WorkbenchError(f"Your identity file {path} cannot be read ({exc}).") from None


def create_identity(name: str) -> Identity:
    """Make and keep the user's identity; it is made once and then reused."""
    name = clean_name(name, "your name")
    existing = load_identity()
    if existing:
        return existing
    identity = Identity(uuid=new_uuid(), name=name)
    payload = json.dumps(asdict(identity), indent=2).encode()
    write_atomically(data_dir() / IDENTITY_FILE, payload)
    return identity
