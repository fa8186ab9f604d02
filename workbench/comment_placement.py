"""Where statement comments sit on later versions (derived, local, recomputed).

A comment keeps the anchor it was made with. Its place on every later version
is computed from that anchor alone (one word diff per pair of versions) and
cached as ``CommentPlacement``, so the same texts always give the same places
on every machine, and nothing the comment's author wrote is rewritten.
"""

from __future__ import annotations

from . import db
from .anchoring import Anchor, place_all
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


def _place(comments: list[Comment], target: StatementVersion) -> None:
    """Compute and store where each comment sits on ``target`` (one diff per origin)."""
    by_origin: dict[str, list[Comment]] = {}
    for comment in comments:
        by_origin.setdefault(comment.version_id, []).append(comment)
    rows = []
    for origin_uuid, group in by_origin.items():
        origin = StatementVersion.get_by_id(origin_uuid)
        spots = place_all([anchor_of(c) for c in group], origin.text, target.text)
        for comment, spot in zip(group, spots, strict=True):
            start, end = spot if spot else (None, None)
            rows.append(
                {
                    "comment": comment.uuid,
                    "version": target.uuid,
                    "start": start,
                    "end": end,
                    "detached": spot is None,
                }
            )
    with db.database.atomic():
        ids = [c.uuid for c in comments]
        CommentPlacement.delete().where(
            CommentPlacement.version == target.uuid, CommentPlacement.comment.in_(ids)
        ).execute()
        for batch in range(0, len(rows), 200):
            CommentPlacement.insert_many(rows[batch : batch + 200]).execute()


def place_comments_on(version: StatementVersion) -> None:
    """Carry every earlier comment onto a new version (called when it is made)."""
    numbers = version_numbers(version.portfolio_id)
    earlier = [
        c
        for c in statement_comments(version.portfolio_id)
        if numbers.get(c.version_id, version.number) < version.number
    ]
    _place(earlier, version)


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
    found = {
        p.comment_id: p
        for p in CommentPlacement.select().where(
            CommentPlacement.version == version.uuid, CommentPlacement.comment.in_(ids)
        )
    }
    missing = [c for c in comments if c.uuid not in found]
    if missing:
        _place(missing, version)
        return ensure_placed(comments, version)
    return found
