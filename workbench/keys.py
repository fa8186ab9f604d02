"""Identity keys: one Ed25519 key pair per person, kept beside ``identity.json``.

The private key never leaves the user's data folder. The public key travels in
every package; its fingerprint is short enough to read out over the phone.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from .errors import WorkbenchError
from .identity import data_dir

KEY_FILE = "identity_key.pem"


def key_path():
    return data_dir() / KEY_FILE


def load_or_create_key() -> Ed25519PrivateKey:
    """The user's private key, made on first use and readable by them only."""
    path = key_path()
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError) as exc:
            raise WorkbenchError(f"Your key file {path} cannot be read ({exc}).") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise WorkbenchError(f"Your key file {path} does not hold an Ed25519 key.")
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_private(path, pem)
    return key


def _write_private(path, data: bytes) -> None:
    """Like ``write_atomically``, but the file is readable by its owner only from the start."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The public half as base64 text, the form stored in manifests and pins."""
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def parse_public_key(text: str) -> Ed25519PublicKey:
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
    try:
        raw = base64.b64decode(signature.encode("ascii"), validate=True)
        parse_public_key(public_key).verify(raw, data)
    except (InvalidSignature, ValueError, UnicodeError, WorkbenchError):
        return False
    return True
