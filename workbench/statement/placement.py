"""Where statement comments sit on later versions (derived, local, cached).

The rule. A statement comment is made on one version (its origin) with an
anchor (start, end, quote, prefix, suffix). It is carried over the versions
of its portfolio that are not deleted, in number order, from its origin to
the one shown. Its place on each of them is:

- on its origin: its own anchor;
- on the next version, when it has a place on the version before: that place
  (its words there, with their context) found again in the next text by
  ``anchoring.place_all`` (one word diff per pair of neighbouring versions,
  however many comments are carried);
- on the next version, when it is detached on the version before: where its
  original quote stands again word for word with its original context
  (``anchoring.find_verbatim``, no diff), otherwise detached still. Words
  removed in one version and brought back in the next get their comment back.

So a place is a pure function of the comment's anchor and the texts of those
versions: every machine holding the same records computes the same place,
whatever it computed before and whatever order versions and comments arrived
in. ``CommentPlacement`` (local, never shared) caches the answers and is never
more than a copy of them: dropped, it is rebuilt to the same answer. A reader
computes what is missing from the nearest cached step and stores it when it
can; when the write is refused it gives the same answer. A cached place goes
stale only when a version arrives, is deleted or comes back, or a comment's
anchor arrives: ``forget_stale`` (called by the exchange before it merges a
package) and ``forget`` drop exactly the places that depend on those.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from peewee import DatabaseError

from workbench.errors import StorageError
from workbench.statement.anchoring import Anchor, find_verbatim, make_anchor, place_all
from workbench.store import db
from workbench.store.models import Comment, CommentPlacement, StatementVersion
from workbench.store.rows import plain_rows

STATEMENT = "statement"
BATCH = 500
# What a place depends on: the fields of a version and the anchor of a comment.
VERSION_FIELDS = ("portfolio", "number", "text", "deleted")
ANCHOR_FIELDS = (
    "portfolio",
    "target_kind",
    "parent",
    "version",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
)


class Spot(NamedTuple):
    """A comment's place on one version; start and end are None when detached."""

    start: int | None
    end: int | None
    detached: bool


DETACHED = Spot(None, None, True)


def anchor_of(comment) -> Anchor:
    """The anchor of a ``Comment`` or of any record with its anchor fields."""
    return Anchor(comment.start, comment.end, comment.quote, comment.prefix, comment.suffix)


def statement_comments(portfolio_uuid: str):
    return Comment.select().where(
        Comment.portfolio == portfolio_uuid,
        Comment.target_kind == STATEMENT,
        Comment.parent.is_null(),
        Comment.version.is_null(False),
        ~Comment.deleted,
    )


def version_numbers(portfolio_uuid: str) -> dict[str, int]:
    query = StatementVersion.select(StatementVersion.uuid, StatementVersion.number).where(
        StatementVersion.portfolio == portfolio_uuid, ~StatementVersion.deleted
    )
    return dict(plain_rows(query))


# The rule ----------------------------------------------------------------------------------


def placements(comments: list, version: StatementVersion) -> dict[str, Spot]:
    """comment uuid -> its place on ``version``, for the comments made on earlier versions
    (``Comment`` records, or plain ones with ``uuid``, ``version_id`` and the anchor).

    Comments made on this version, a later one or a deleted one have no entry.
    """
    chain = _chain(version)
    at = {uuid: i for i, uuid in enumerate(chain)}
    last = len(chain) - 1
    wanted = {c.uuid: c for c in comments if at.get(c.version_id, last) < last}
    found = {u: spot for u, spot in _cached(version.uuid).items() if u in wanted}
    missing = [c for u, c in wanted.items() if u not in found]
    if missing:
        computed = _walk(chain, _starts(missing, chain, at), wanted)
        found.update((u, spot) for (u, v), spot in computed.items() if v == version.uuid)
        _remember(computed)
    return found


def _chain(version: StatementVersion) -> list[str]:
    """The uuids of the versions comments are carried over up to ``version``, in order."""
    earlier = (
        StatementVersion.select(StatementVersion.uuid)
        .where(
            StatementVersion.portfolio == version.portfolio_id,
            StatementVersion.number < version.number,
            ~StatementVersion.deleted,
        )
        .order_by(StatementVersion.number)
    )
    return [uuid for (uuid,) in earlier.tuples()] + [version.uuid]


def _cached(version_uuid: str) -> dict[str, Spot]:
    query = CommentPlacement.select(
        CommentPlacement.comment,
        CommentPlacement.start,
        CommentPlacement.end,
        CommentPlacement.detached,
    ).where(CommentPlacement.version == version_uuid)
    # Plain rows: thousands of comments would otherwise build as many model objects,
    # and peewee's tuples still convert every column.
    return {c: Spot(s, e, bool(d)) for c, s, e, d in plain_rows(query)}


def _starts(missing: list[Comment], chain: list[str], at: dict[str, int]) -> dict[int, list]:
    """Where each walk begins: the nearest earlier version with a cached place, or the
    origin (``None``: the comment's own anchor). Step index -> [(comment uuid, spot)]."""
    starts: dict[int, list] = {}
    step = len(chain) - 1
    while missing:
        step -= 1
        cached = _cached(chain[step]) if any(at[c.version_id] < step for c in missing) else {}
        rest = []
        for comment in missing:
            if at[comment.version_id] == step:
                starts.setdefault(step, []).append((comment.uuid, None))
            elif comment.uuid in cached:
                starts.setdefault(step, []).append((comment.uuid, cached[comment.uuid]))
            else:
                rest.append(comment)
        missing = rest
    return starts


def _walk(chain: list[str], starts: dict[int, list], comments: dict) -> dict[tuple, Spot]:
    """Carry comments version by version from where they start; (comment, version) -> spot."""
    first = min(starts)
    texts = _texts(chain[first:])
    computed: dict[tuple, Spot] = {}
    current: dict[str, Spot | None] = {}
    for step in range(first, len(chain) - 1):
        current.update(starts.get(step, ()))
        current = _step(current, comments, texts[chain[step]], texts[chain[step + 1]])
        computed.update(((uuid, chain[step + 1]), spot) for uuid, spot in current.items())
    return computed


def _texts(uuids: list[str]) -> dict[str, str]:
    found = {}
    for batch in range(0, len(uuids), BATCH):
        query = StatementVersion.select(StatementVersion.uuid, StatementVersion.text).where(
            StatementVersion.uuid.in_(uuids[batch : batch + BATCH])
        )
        found.update(query.tuples())
    return found


def _step(current: dict, comments: dict, old: str, new: str) -> dict[str, Spot]:
    """The places on ``new`` of comments placed (or detached) on ``old``: one rule step."""
    carried, anchors, result = [], [], {}
    for uuid, spot in current.items():
        comment = comments[uuid]
        if spot is None:
            anchor = anchor_of(comment)  # on its origin
        elif spot.detached:
            again = find_verbatim(anchor_of(comment), new)
            result[uuid] = Spot(*again, False) if again else DETACHED
            continue
        else:
            anchor = make_anchor(old, spot.start, spot.end)
        carried.append(uuid)
        anchors.append(anchor)
    spots = place_all(anchors, old, new) if anchors else []
    for uuid, spot in zip(carried, spots, strict=True):
        result[uuid] = Spot(*spot, False) if spot else DETACHED
    return result


def _remember(computed: dict[tuple, Spot]) -> None:
    """Cache computed places. A refused write (read-only, busy) changes no answer."""
    table = CommentPlacement._meta.table_name
    sql = (
        f'INSERT OR REPLACE INTO "{table}" ("comment_id", "version_id", "start", "end", '
        '"detached") VALUES (?, ?, ?, ?, ?)'
    )
    rows = [(c, v, s.start, s.end, s.detached) for (c, v), s in computed.items()]
    try:
        with db.database.atomic():
            db.database.cursor().executemany(sql, rows)  # one prepared statement
    except (DatabaseError, StorageError, sqlite3.Error):
        pass  # only a cache: the next reader computes it again


# When it is computed ----------------------------------------------------------------------


def place_comments_on(version: StatementVersion) -> None:
    """Carry every earlier comment onto a new version when it is made (one diff), so
    showing it is one read."""
    placements(list(statement_comments(version.portfolio_id)), version)


def place_on_later_versions(comment: Comment) -> None:
    """Carry a new comment made on an older version onto every later one, now."""
    latest = (
        StatementVersion.select()
        .where(StatementVersion.portfolio == comment.portfolio_id, ~StatementVersion.deleted)
        .order_by(StatementVersion.number.desc())
        .first()
    )
    if latest is not None and latest.uuid != comment.version_id:
        placements([comment], latest)


# When the cache goes stale ----------------------------------------------------------------


def forget(version_uuids: Iterable[str] = (), comment_uuids: Iterable[str] = ()) -> None:
    """Drop the cached places that depend on these versions (as stored now) or comments."""
    lowest: dict[str, int] = {}
    uuids = list(version_uuids)
    for batch in range(0, len(uuids), BATCH):
        query = StatementVersion.select(StatementVersion.portfolio, StatementVersion.number)
        for portfolio, number in query.where(
            StatementVersion.uuid.in_(uuids[batch : batch + BATCH])
        ).tuples():
            lowest[portfolio] = min(number, lowest.get(portfolio, number))
    _forget_from(lowest)
    _forget_comments(list(comment_uuids))


def forget_stale(records: Iterable[tuple[type, dict]]) -> None:
    """Before a package's records are merged: drop the cached places they would change.

    ``records`` are (model, field values) pairs. A version that is new, or whose
    number, text or tombstone differs from the one here, makes the places on it
    and on every later version stale; a comment whose anchor differs, its own.
    """
    versions = {row["uuid"]: row for model, row in records if model is StatementVersion}
    comments = {row["uuid"]: row for model, row in records if model is Comment}
    lowest: dict[str, int] = {}
    for row, here in _differing(StatementVersion, versions, VERSION_FIELDS):
        for found in (row, here):
            if found is not None:
                portfolio, number = found["portfolio"], found["number"]
                lowest[portfolio] = min(number, lowest.get(portfolio, number))
    _forget_from(lowest)
    _forget_comments([row["uuid"] for row, _ in _differing(Comment, comments, ANCHOR_FIELDS)])


def _differing(model, rows: dict[str, dict], names: tuple[str, ...]):
    """(incoming row, stored values or None) for each row that is new or differs in ``names``."""
    uuids = list(rows)
    columns = [model.uuid, *(model._meta.fields[name] for name in names)]
    stored = {}
    for batch in range(0, len(uuids), BATCH):
        query = model.select(*columns).where(model.uuid.in_(uuids[batch : batch + BATCH]))
        stored.update((found["uuid"], found) for found in query.dicts())
    for uuid, row in rows.items():
        here = stored.get(uuid)
        if here is None or any(row[n] != here.get(n) for n in names):
            yield row, here


def _forget_from(lowest: dict[str, int]) -> None:
    """Drop the places on each portfolio's versions numbered ``lowest[portfolio]`` or more."""
    for portfolio, number in lowest.items():
        later = StatementVersion.select(StatementVersion.uuid).where(
            StatementVersion.portfolio == portfolio, StatementVersion.number >= number
        )
        CommentPlacement.delete().where(CommentPlacement.version.in_(later)).execute()


def _forget_comments(uuids: list[str]) -> None:
    for batch in range(0, len(uuids), BATCH):
        chunk = uuids[batch : batch + BATCH]
        CommentPlacement.delete().where(CommentPlacement.comment.in_(chunk)).execute()
