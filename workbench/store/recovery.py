"""The way back for a person whose identity or key file was lost.

A portfolio names its members (Person records, each with the public key its
owner last wrote with). When this computer has no identity but still has the
key, the member holding that key is this user, and the identity is restored
from that record. When the key is lost too, the user is asked which member
they are; their partner then confirms the new key by phone (exchange.check_key).
"""

from __future__ import annotations

from workbench.store import db, keys
from workbench.store.handles import Member
from workbench.store.identity import Identity, adopt_identity, load_identity
from workbench.store.models import Person, Portfolio
from workbench.store.portfolios import members


def stamp_own_key(person: Person) -> bool:
    """Put the user's current public key on their own Person record (a change
    by its author), so a portfolio can later tell who this user is by their key.
    Called when the user writes a package; True when the record changed."""
    key = keys.remember_own_key()
    with db.database.atomic():
        record = Person.get_or_none(Person.uuid == person.uuid)
        if record is None or record.author != record.uuid or record.public_key == key:
            return False
        record.public_key = key
        record.touch()
        record.save()
    person.public_key, person.revision = key, record.revision
    return True


def portfolio_members(portfolio: Portfolio) -> list[Member]:
    """The people holding a place in the portfolio, the mentee first."""
    return [
        Member(m.person.uuid, m.person.name, m.role, m.person.public_key)
        for m in members(portfolio)
        if m.person_id
    ]


def member_with_my_key(portfolio: Portfolio) -> Member | None:
    """The member whose recorded key is one this user holds or held."""
    mine = set(keys.all_public_keys())
    current = keys.existing_public_key()
    if current:
        mine.add(current)
    for member in portfolio_members(portfolio):
        if member.public_key and member.public_key in mine:
            return member
    return None


def restore_from_key(portfolio: Portfolio) -> Identity | None:
    """With no identity here, restore it from the member holding this user's key."""
    if load_identity() is not None:
        return None
    member = member_with_my_key(portfolio)
    return adopt_identity(member.uuid, member.name) if member else None


def claim_member(portfolio: Portfolio, uuid: str) -> Identity:
    """The user says they are the member ``uuid``: become them on this computer.
    Their former key (as the portfolio recorded it) is noted as theirs, and the
    key change is noted so they are told to phone their partner."""
    member = next(m for m in portfolio_members(portfolio) if m.uuid == uuid)
    identity = adopt_identity(member.uuid, member.name)
    if member.public_key:
        keys.note_former_key(member.public_key)
    else:
        keys.remember_own_key()
    return identity
