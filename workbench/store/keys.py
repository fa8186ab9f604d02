"""Identity keys: one Ed25519 key pair per person, kept beside ``identity.json``.

The private key never leaves the user's data folder. The public key travels in
every package; its fingerprint is short enough to read out over the phone.

A key is made once, under the data folder's lock (see ``user_data.data_lock``).
When it has to be made again (the file vanished or cannot be read) the change
is never silent: an unreadable file is kept aside, and a note in the data
folder (``key_changes.json``) records every public key this user has had and
the change, so the GUI can tell them once and later code can still recognise
what their former keys signed.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.store.db import utcnow, write_atomically
from workbench.store.user_data import data_dir, data_lock, identity_path, set_aside

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

KEY_FILE = "identity_key.pem"
NOTE_FILE = "key_changes.json"


@dataclass(frozen=True)
class KeyChange:
    """This user's key was made again; ``old_fingerprint`` is empty when unknown."""

    old_fingerprint: str
    new_fingerprint: str
    at: str
    kept_aside: str  # the unreadable key file's new name, or ""


class _Unreadable(Exception):
    """The key file exists but holds no usable key."""


def key_path():
    return data_dir() / KEY_FILE


def load_or_create_key() -> Ed25519PrivateKey:
    """The user's private key, made on first use and readable by them only."""
    try:
        key = _read_key()
    except _Unreadable:
        key = None
    if key is not None:
        return key
    with data_lock():  # check again: another process may have made it meanwhile
        try:
            key = _read_key()
            kept_aside = None
        except _Unreadable:
            key, kept_aside = None, set_aside(key_path())
        if key is None:
            key = _create_key(kept_aside)
    return key


def _read_key() -> Ed25519PrivateKey | None:
    """The key in the key file; None when there is no file."""
    path = key_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _Unreadable(str(exc)) from None
    # cryptography is heavy and not needed to paint the first view: imported on use
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise _Unreadable(str(exc)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise _Unreadable("not an Ed25519 key")
    return key


def _create_key(kept_aside) -> Ed25519PrivateKey:
    """Make and store a new key (the lock is held); note it, and the change if
    this user had a key before: an identity already made means one was lost."""
    note = _read_note()
    had_key = bool(note["keys"]) or kept_aside is not None or identity_path().exists()
    # cryptography is heavy and not needed to paint the first view: imported on use
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    write_atomically(key_path(), pem, mode=0o600)  # owner only, from the start
    new = public_key_text(key)
    if had_key:
        old = note["keys"][-1]["public_key"] if note["keys"] else ""
        note["changes"].append(_change(old, new, kept_aside))
    _add_key(note, new)
    _write_note(note)
    return key


def _change(old: str, new: str, kept_aside) -> dict:
    return {
        "old_fingerprint": fingerprint(old) if old else "",
        "new_fingerprint": fingerprint(new),
        "at": utcnow().isoformat(timespec="seconds"),
        "kept_aside": kept_aside.name if kept_aside else "",
        "shown": False,
    }


def _add_key(note: dict, public_key: str) -> None:
    if all(entry["public_key"] != public_key for entry in note["keys"]):
        note["keys"].append(
            {
                "public_key": public_key,
                "fingerprint": fingerprint(public_key),
                "since": utcnow().isoformat(timespec="seconds"),
            }
        )


# The note of keys and changes ---------------------------------------------------


def _note_path():
    return data_dir() / NOTE_FILE


def _read_note() -> dict:
    """The note, or an empty one; a damaged note never stops the user working."""
    try:
        note = json.loads(_note_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        note = {}
    if not isinstance(note, dict):
        note = {}
    keys_ = [k for k in note.get("keys", []) if isinstance(k, dict) and "public_key" in k]
    changes = [c for c in note.get("changes", []) if isinstance(c, dict)]
    return {"keys": keys_, "changes": changes}


def _write_note(note: dict) -> None:
    write_atomically(_note_path(), json.dumps(note, indent=1).encode("utf-8"))


def existing_public_key() -> str | None:
    """This user's public key if the key file holds one; never makes a key."""
    try:
        key = _read_key()
    except _Unreadable:
        return None
    return public_key_text(key) if key else None


def former_public_keys() -> list[str]:
    """The public keys this user had before the current one, oldest first, so
    records signed with them can still be recognised as this user's."""
    current = existing_public_key()
    return [k["public_key"] for k in _read_note()["keys"] if k["public_key"] != current]


def remember_own_key() -> str:
    """Make sure the note lists the current key (keys made before the note existed)."""
    current = my_public_key()
    if all(k["public_key"] != current for k in _read_note()["keys"]):
        with data_lock():
            note = _read_note()
            _add_key(note, current)
            _write_note(note)
    return current


def note_former_key(public_key: str) -> None:
    """Record that ``public_key`` was this user's before the current key (learnt
    from a portfolio when their identity is restored) and that the key changed."""
    current = my_public_key()
    if public_key == current:
        return
    with data_lock():
        note = _read_note()
        if all(k["public_key"] != public_key for k in note["keys"]):
            former = {"public_key": public_key, "fingerprint": fingerprint(public_key)}
            note["keys"].insert(0, former)
            note["changes"].append(_change(public_key, current, None))
            _write_note(note)


def pending_key_change() -> KeyChange | None:
    """The latest key change the user has not been told about yet."""
    unseen = [c for c in _read_note()["changes"] if not c.get("shown")]
    if not unseen:
        return None
    last = unseen[-1]
    return KeyChange(
        old_fingerprint=str(last.get("old_fingerprint", "")),
        new_fingerprint=str(last.get("new_fingerprint", "")),
        at=str(last.get("at", "")),
        kept_aside=str(last.get("kept_aside", "")),
    )


def acknowledge_key_change() -> None:
    """The user was told: the changes noted so far are not shown again."""
    with data_lock():
        note = _read_note()
        for change in note["changes"]:
            change["shown"] = True
        _write_note(note)


# Keys as text ---------------------------------------------------


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The public half as base64 text, the form stored in manifests and pins."""
    from cryptography.hazmat.primitives import serialization  # heavy: imported on use

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def parse_public_key(text: str) -> Ed25519PublicKey:
    # cryptography is heavy and not needed to paint the first view: imported on use
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, UnicodeError, TypeError):
        raise WorkbenchError("The public key is not a valid Ed25519 key.") from None


def fingerprint(public_key: str) -> str:
    """Eight groups of four characters, e.g. ``3F2A 91C0 …``, to compare by phone."""
    try:
        material = base64.b64decode(public_key.encode("ascii"), validate=True)
    except (ValueError, UnicodeError):
        material = public_key.encode("utf-8", "replace")
    digest = hashlib.sha256(material).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def my_public_key() -> str:
    return public_key_text(load_or_create_key())


def my_fingerprint() -> str:
    return fingerprint(my_public_key())


def sign(data: bytes) -> str:
    """A base64 signature of ``data`` with the user's private key."""
    return sign_with(load_or_create_key(), data)


def sign_with(key: Ed25519PrivateKey, data: bytes) -> str:
    return base64.b64encode(key.sign(data)).decode("ascii")


def verify(public_key: str, signature: str, data: bytes) -> bool:
    """Whether ``signature`` (base64) is the holder of ``public_key`` signing ``data``."""
    from cryptography.exceptions import InvalidSignature  # heavy: imported on use

    try:
        raw = base64.b64decode(signature.encode("ascii"), validate=True)
        parse_public_key(public_key).verify(raw, data)
    except (InvalidSignature, ValueError, UnicodeError, WorkbenchError):
        return False
    return True


def all_public_keys() -> list[str]:
    """Every public key the note lists as this user's, oldest first."""
    return [k["public_key"] for k in _read_note()["keys"]]
