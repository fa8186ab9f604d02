"""Records signed by their author, so a partner can hand them back after a loss.

Each record travels with its author's Ed25519 signature over its canonical
line (``signatures`` entry of a package). The receiver keeps those signatures
(``RecordSignature``, local). Every package also says what its sender holds of
their *own* records (``own`` in the manifest, digests per uuid bucket). When
that differs from what we hold of their records, as after they restored a
backup or lost their copy, our next package relays their records back
(``relayed`` entry), each with the author's signature. A receiver accepts a
relayed record only if it is their own and the signature is made by one of
their keys; the usual rule (the highest revision of each uuid wins) applies.

Nobody can pass off a relayed record as someone else's: only its author's key
can sign it, and only its author accepts it.
"""

from __future__ import annotations

import json

from workbench.exchange.records import bucket_of, to_json_line
from workbench.store import db, keys
from workbench.store.models import RecordSignature, Setting, shared_models

SIGNED_PREFIX = b"mentoring-workbench record\n"
BATCH = 500
OWN_KEY = "exchange.own."  # + person uuid: what they say they hold of their own records


def signed_bytes(model, row: dict) -> bytes:
    return SIGNED_PREFIX + to_json_line(model, row).encode("utf-8", "surrogatepass")


def sign_rows(rows: list[tuple[type, dict]], key) -> list[str]:
    """The author's signature of each row, signed once per revision and kept."""
    known = _stored([row["uuid"] for _m, row in rows])
    out, fresh = [], []
    for model, row in rows:
        found = known.get(row["uuid"])
        if found and found[0] == row["revision"]:
            out.append(found[1])
            continue
        signature = keys.sign_with(key, signed_bytes(model, row))
        fresh.append((row["uuid"], row["revision"], signature))
        out.append(signature)
    remember(fresh)
    return out


def _stored(uuids: list[str]) -> dict[str, tuple[int, str]]:
    found = {}
    for start in range(0, len(uuids), BATCH):
        query = RecordSignature.select(
            RecordSignature.uuid, RecordSignature.revision, RecordSignature.signature
        ).where(RecordSignature.uuid.in_(uuids[start : start + BATCH]))
        for uuid, revision, signature in query.tuples():
            found[uuid] = (revision, signature)
    return found


def remember(items: list[tuple[str, int, str]]) -> None:
    """Keep (uuid, revision, signature) of records now held here (one prepared
    statement for all: building a large INSERT in peewee costs far more)."""
    if items:
        table = RecordSignature._meta.table_name
        sql = f'INSERT OR REPLACE INTO "{table}" (uuid, revision, signature) VALUES (?, ?, ?)'
        with db.database.atomic():  # one transaction, not one per row (peewee autocommits)
            db.database.cursor().executemany(sql, items)


def their_word(person: str) -> dict[str, str] | None:
    """What ``person`` last said they hold of their own records; None if never."""
    setting = Setting.get_or_none(Setting.key == OWN_KEY + person)
    try:
        value = json.loads(setting.value) if setting else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def rows_to_relay(person: str, word: dict | None, ours: dict[str, str], full: bool) -> list:
    """``person``'s records held here in the buckets where they hold something else.

    Without word from them yet, a full package hands back all of them (a partner
    rebuilding their copy reads it) and a package of changes none. Returns
    (model, row, signature) for each record whose signature is kept.
    """
    if word is None and not full:
        return []
    word = word or {}
    stale = {prefix for prefix, digest in ours.items() if word.get(prefix) != digest}
    if not stale:
        return []
    out = []
    for model in shared_models():
        rows = [
            row
            for row in model.select().where(model.author == person).dicts()
            if bucket_of(row["uuid"]) in stale
        ]
        known = _stored([row["uuid"] for row in rows])
        for row in rows:
            found = known.get(row["uuid"])
            if found and found[0] == row["revision"]:
                out.append((model, row, found[1]))
    return out


def verified_own(relayed: list, me: str) -> list[tuple[type, dict, str]]:
    """The relayed records that are the receiver's own, signed by one of their keys."""
    mine = [item for item in relayed if item[1]["author"] == me]
    if not mine:
        return []
    my_keys = [keys.my_public_key(), *keys.former_public_keys()]
    return [
        (model, row, signature)
        for model, row, signature in mine
        if any(keys.verify(k, signature, signed_bytes(model, row)) for k in my_keys)
    ]
