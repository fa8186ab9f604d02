"""Whose key signs a package: the one this user confirmed for its sender, or not.

A key is confirmed once, by comparing its fingerprint by phone, and then
remembered for the person in this portfolio (``PinnedKey``) and in all the
user's portfolios (``known_keys``). A first key, or a changed one, is refused
with ``UnconfirmedKey`` until the user accepts it; nothing of the sender's is
opened and no place is given to them before that.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.dates import local_time, short_date
from workbench.errors import PackageError, UnconfirmedKey
from workbench.exchange import known_keys
from workbench.store import db, keys
from workbench.store.models import Person, PinnedKey

KEY_KNOWN, KEY_NEW, KEY_REPLACED = "known", "new", "replaced"


def remembered_key(person: str) -> str | None:
    """The key confirmed for a person: pinned in this portfolio, or in any other."""
    pin = PinnedKey.get_or_none(PinnedKey.person == person)
    return pin.public_key if pin else known_keys.known_key(person)


def check_key(manifest: dict, actor: Person, confirmed_key: str | None = None) -> str:
    """Whether the sender's key is the one confirmed for them (``KEY_KNOWN``), or is
    confirmed just now (``KEY_NEW`` first key, ``KEY_REPLACED`` a new one).

    A package in the user's own name must carry the user's own key: no one else
    may pass off records as theirs. Any other unconfirmed key is refused with
    ``UnconfirmedKey``, so a stranger never takes a place or has a key pinned
    without the user comparing the fingerprint first.
    """
    sender, key = manifest["sender"], manifest["public_key"]
    if sender == actor.uuid:
        if key != keys.my_public_key():
            raise PackageError(
                f"This package is in your name ({manifest['sender_name']}) but was not signed "
                "with your key. It was not opened."
            )
        return KEY_KNOWN
    before = remembered_key(sender)
    if before == key:
        if PinnedKey.get_or_none(PinnedKey.person == sender) is None:
            pin(manifest)  # confirmed in another portfolio: same person, same key
        return KEY_KNOWN
    if confirmed_key == key:
        return KEY_NEW if before is None else KEY_REPLACED
    raise _unconfirmed(manifest, before)


def _unconfirmed(manifest: dict, before: str | None) -> UnconfirmedKey:
    name, key = manifest["sender_name"], manifest["public_key"]
    new = keys.fingerprint(key)
    if before is None:
        message = (
            f"This is the first package from {name}. Their key fingerprint is {new}: "
            "compare it with them by phone before accepting it."
        )
    else:
        message = (
            f"{name}'s key changed: compare the new fingerprint {new} with them by phone "
            f"(the one you confirmed before was {keys.fingerprint(before)}). "
            "Accept it only if they really have a new key."
        )
    return UnconfirmedKey(
        message,
        sender=manifest["sender"],
        sender_name=name,
        sender_role=manifest["sender_role"],
        public_key=key,
        fingerprint=new,
        changed=before is not None,
        previous_fingerprint=keys.fingerprint(before) if before else "",
    )


def pin(manifest: dict) -> None:
    """Remember the sender's key here and for all this user's portfolios."""
    PinnedKey.replace(
        person=manifest["sender"],
        public_key=manifest["public_key"],
        fingerprint=keys.fingerprint(manifest["public_key"]),
        pinned_at=db.utcnow(),
    ).execute()
    known_keys.remember_key(manifest["sender"], manifest["public_key"], manifest["sender_name"])


def is_new_sender(manifest: dict, actor: Person) -> bool:
    """Whether opening this package needs the user to confirm the sender's key."""
    if manifest["sender"] == actor.uuid:
        return False
    return remembered_key(manifest["sender"]) != manifest["public_key"]


@dataclass(frozen=True)
class PinnedPerson:
    name: str
    fingerprint: str
    pinned_at: str


def pinned_people() -> list[PinnedPerson]:
    """The people whose keys this portfolio remembers, with their fingerprints."""
    names = {p.uuid: p.name for p in Person.select(Person.uuid, Person.name)}
    return [
        PinnedPerson(
            names.get(pin.person, "someone"), pin.fingerprint, short_date(local_time(pin.pinned_at))
        )
        for pin in PinnedKey.select().order_by(PinnedKey.pinned_at)
    ]
