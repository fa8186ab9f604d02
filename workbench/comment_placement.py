"""Where statement comments sit on later versions (derived, local, recomputed).

A comment keeps the anchor it was made with. Its place on a new version is
carried from its place on the version before (one word diff per new version,
however many versions there are), and cached as ``CommentPlacement``; a
comment with no place there (detached, or arrived later in a package) is
placed from its original anchor. The same versions give the same places on
every machine, and nothing the comment's author wrote is rewritten.
"""

from __future__ import annotations

from . import db
from .anchoring import Anchor, make_anchor, place_all
from .models import Comment, CommentPlacement, StatementVersion

STATEMENT = "statement"


def anchor_of(comment: Comment) -> Anchor:
    return Anchor(comment.start, comment.end, comment.quote, comment.prefix, comment.suffix)


def statement_comments(portfolio_uuid: str):
    return Comment.select().where(
        Comment.portfolio == portfolio_uuid,
        Comment.target_kind == STATEMENT,
        Comment.parent.is_null(),
        Comment.version.is_null(False),
        ~Comment.deleted,
    )


def _row(comment: Comment, target: StatementVersion, spot: tuple[int, int] | None) -> dict:
    start, end = spot if spot else (None, None)
    return {
        "comment": comment.uuid,
        "version": target.uuid,
        "start": start,
        "end": end,
        "detached": spot is None,
    }


def _store(comments: list[Comment], target: StatementVersion, rows: list[dict]) -> None:
    with db.database.atomic():
        ids = [c.uuid for c in comments]
        for batch in range(0, len(ids), 500):
            CommentPlacement.delete().where(
                CommentPlacement.version == target.uuid,
                CommentPlacement.comment.in_(ids[batch : batch + 500]),
            ).execute()
        for batch in range(0, len(rows), 200):
            CommentPlacement.insert_many(rows[batch : batch + 200]).execute()


def _place(comments: list[Comment], target: StatementVersion) -> None:
    """Place comments on ``target`` from their original anchors (one diff per origin)."""
    by_origin: dict[str, list[Comment]] = {}
    for comment in comments:
        by_origin.setdefault(comment.version_id, []).append(comment)
    rows = []
    for origin_uuid, group in by_origin.items():
        origin = StatementVersion.get_by_id(origin_uuid)
        spots = place_all([anchor_of(c) for c in group], origin.text, target.text)
        rows += [_row(c, target, spot) for c, spot in zip(group, spots, strict=True)]
    _store(comments, target, rows)


def place_comments_on(version: StatementVersion) -> None:
    """Carry every earlier comment onto a new version (called when it is made)."""
    numbers = version_numbers(version.portfolio_id)
    earlier = [
        c
        for c in statement_comments(version.portfolio_id)
        if numbers.get(c.version_id, version.number) < version.number
    ]
    previous = (
        StatementVersion.select()
        .where(
            StatementVersion.portfolio == version.portfolio_id,
            StatementVersion.number < version.number,
            ~StatementVersion.deleted,
        )
        .order_by(StatementVersion.number.desc())
        .first()
    )
    if previous is None:
        return
    on_previous = {
        p.comment_id: p
        for p in CommentPlacement.select().where(CommentPlacement.version == previous.uuid)
    }
    carried, anchors, rows, rest = [], [], [], []
    for comment in earlier:
        spot = on_previous.get(comment.uuid)
        if comment.version_id == previous.uuid:
            carried.append(comment)
            anchors.append(anchor_of(comment))
        elif spot is None:
            rest.append(comment)  # arrived in a package after the previous version
        elif spot.detached:
            rows.append(_row(comment, version, None))  # its words were gone already
        else:
            carried.append(comment)
            anchors.append(make_anchor(previous.text, spot.start, spot.end))
    spots = place_all(anchors, previous.text, version.text) if carried else []
    rows += [_row(c, version, spot) for c, spot in zip(carried, spots, strict=True)]
    _store(earlier, version, rows)
    if rest:
        _place(rest, version)


def version_numbers(portfolio_uuid: str) -> dict[str, int]:
    query = StatementVersion.select(StatementVersion.uuid, StatementVersion.number).where(
        StatementVersion.portfolio == portfolio_uuid, ~StatementVersion.deleted
    )
    return {v.uuid: v.number for v in query}


def place_on_later_versions(comment: Comment) -> None:
    origin = version_numbers(comment.portfolio_id)[comment.version_id]
    later = StatementVersion.select().where(
        StatementVersion.portfolio == comment.portfolio_id,
        StatementVersion.number > origin,
        ~StatementVersion.deleted,
    )
    for version in later:
        _place([comment], version)


def ensure_placed(comments: list[Comment], version: StatementVersion) -> dict:
    """The placements of ``comments`` on ``version``, computing any missing ones.

    Comments that arrived in a package after the version was made have none yet.
    """
    ids = [c.uuid for c in comments]
    query = CommentPlacement.select(
        CommentPlacement.comment,
        CommentPlacement.start,
        CommentPlacement.end,
        CommentPlacement.detached,
    ).where(CommentPlacement.version == version.uuid, CommentPlacement.comment.in_(ids))
    # Plain named tuples: thousands of comments would otherwise build as many model objects.
    found = {p.comment: p for p in query.namedtuples()}
    missing = [c for c in comments if c.uuid not in found]
    if missing:
        _place(missing, version)
        return ensure_placed(comments, version)
    return found
