"""Reading comments: the comments on a version of the statement (anchored where
they sit on it), on a skill, an evidence item or a meeting, each with its
replies and the state in force.

Where a statement comment sits on a later version is derived by
``comment_placement`` (its module docstring holds the rule), so nothing the
mentor wrote is ever rewritten. A comment that cannot be placed is *detached*:
listed with its original quote, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple

from peewee import JOIN

from workbench.statement.authorship import is_mentors, shown_author
from workbench.statement.placement import STATEMENT, placements, statement_comments, version_numbers
from workbench.statement.versions import get_version, latest_version
from workbench.store.models import Comment, CommentState, Person, Portfolio, StatementVersion
from workbench.store.portfolios import MENTEE, MENTOR
from workbench.store.roles import role_of
from workbench.store.rows import plain_rows
from workbench.store.states import oldest_first

SKILL, EVIDENCE, MEETING = "skill", "evidence", "meeting"
TARGET_KINDS = (STATEMENT, SKILL, EVIDENCE)  # the kinds whose comments are resolved
OPEN, RESOLVED, DETACHED = "open", "resolved", "detached"


@dataclass(frozen=True)
class ReplyView:
    uuid: str
    author: str
    author_name: str
    created: datetime
    text: str
    word_author: str = ""  # the name in the Word file it came from (author_name shows it)
    word_date: datetime | None = None


@dataclass(frozen=True)
class CommentView:
    """A comment as shown: where it sits on the version asked for, and its thread."""

    uuid: str
    author: str
    author_name: str
    created: datetime
    text: str
    target_kind: str
    target_uuid: str | None
    origin_version: str | None  # uuid of the version it was made on
    origin_number: int | None
    version: str | None  # uuid of the version the anchor below refers to
    version_number: int | None
    start: int | None
    end: int | None
    quote: str  # the text covered now (the original quote when detached)
    original_quote: str
    resolved: bool
    detached: bool
    state_by: str  # who resolved or reopened it last ("" if never)
    reason: str
    # The thread; None when it was not read (``with_replies`` reads it).
    replies: tuple[ReplyView, ...] | None = ()
    word_author: str = ""  # the name in the Word file it came from (author_name shows it)
    word_date: datetime | None = None

    @property
    def state(self) -> str:
        if self.resolved:
            return RESOLVED
        return DETACHED if self.detached else OPEN


class CommentRecord(NamedTuple):
    """The fields of a comment that reading and placing it use, as a plain tuple
    (thousands of model objects cost more than the query that reads them)."""

    uuid: str
    author: str
    updated_at: datetime
    text: str
    target_kind: str
    target_uuid: str | None
    version_id: str | None
    start: int | None
    end: int | None
    quote: str
    prefix: str
    suffix: str
    word_author: str
    word_date: datetime | None


RECORD_COLUMNS = (
    Comment.uuid,
    Comment.author,
    Comment.updated_at,
    Comment.text,
    Comment.target_kind,
    Comment.target_uuid,
    Comment.version,
    Comment.start,
    Comment.end,
    Comment.quote,
    Comment.prefix,
    Comment.suffix,
    Comment.word_author,
    Comment.word_date,
)


def _records(query) -> list[CommentRecord]:
    """The comments a query selects, oldest first, as plain records: one query."""
    ordered = query.select(*RECORD_COLUMNS).order_by(Comment.updated_at, Comment.uuid)
    return [CommentRecord(*values) for values in plain_rows(ordered)]


def current_states(ids, names: dict[str, str] | None = None) -> dict[str, tuple[bool, str, str]]:
    """comment uuid -> (resolved, who set the state, reason) of the state in force.

    ``ids``: a list of comment uuids, or a query selecting them (a subquery keeps
    thousands of uuids out of the statement)."""
    names = _names() if names is None else names
    states: dict[str, tuple[bool, str, str]] = {}
    query = CommentState.select(
        CommentState.comment, CommentState.state, CommentState.author, CommentState.reason
    )
    query = _among(query, CommentState.comment, ids)
    query = query.where(~CommentState.deleted).order_by(*oldest_first(CommentState))
    for comment, state, author, reason in plain_rows(query):  # the state in force comes last
        states[comment] = (state == RESOLVED, names.get(author, "someone"), reason)
    return states


def _among(query, column, ids):
    """``query`` narrowed to the rows whose ``column`` is one of ``ids`` (a list of uuids,
    or a query selecting them: joined, which SQLite reads faster than ``IN`` a subquery)."""
    if isinstance(ids, list | tuple | set | frozenset):
        return query.where(column.in_(ids))
    picked = ids.alias("picked")
    return query.join(picked, on=(column == picked.c.uuid))


def _names() -> dict[str, str]:
    return {p.uuid: p.name for p in Person.select(Person.uuid, Person.name)}


def _replies(ids, names: dict[str, str] | None = None) -> dict[str, list[ReplyView]]:
    """comment uuid -> its replies, oldest first. Without ``names`` (person uuid -> name),
    the names of the replies' authors are read with them, in the same query."""
    found: dict[str, list[ReplyView]] = {}
    columns = [
        Comment.uuid,
        Comment.author,
        Comment.updated_at,
        Comment.text,
        Comment.parent,
        Comment.word_author,
        Comment.word_date,
    ]
    query = Comment.select(*columns) if names is not None else _with_author_names(columns)
    query = _among(query, Comment.parent, ids)
    query = query.where(~Comment.deleted).order_by(Comment.updated_at, Comment.uuid)
    rows = plain_rows(query)
    if names is None:
        names = {row[1]: row[-1] for row in rows if row[-1] is not None}
    for uuid, author, updated_at, text, parent, word_author, word_date, *_ in rows:
        shown = shown_author(author, word_author, names)
        view = ReplyView(uuid, author, shown, updated_at, text, word_author, word_date)
        thread = found.get(parent)
        if thread is None:
            found[parent] = [view]
        else:
            thread.append(view)
    return found


def _with_author_names(columns: list):
    """A query of comments' ``columns`` and, last, the name of each one's author."""
    return Comment.select(*columns, Person.name).join(
        Person, JOIN.LEFT_OUTER, on=(Comment.author == Person.uuid)
    )


def with_replies(views: list[CommentView]) -> list[CommentView]:
    """The views with their threads, for views read without them (one query for all;
    a view whose thread was read is kept as it is)."""
    unread = [v.uuid for v in views if v.replies is None]
    if not unread:
        return views
    found = _replies(unread)
    return [
        replace(v, replies=tuple(found.get(v.uuid, ()))) if v.replies is None else v for v in views
    ]


def _views(
    comments: list[CommentRecord],
    version: StatementVersion | None,
    numbers: dict[str, int] | None = None,
    among=None,
    threads: bool = True,
) -> list[CommentView]:
    """``numbers``: version uuid -> number (``version_numbers``), when already read;
    ``among``: a query selecting the uuids of these comments (or more), to read their
    states and replies by instead of listing every uuid; ``threads=False``: the
    replies are not read (each view's ``replies`` is None)."""
    ids = [c.uuid for c in comments] if among is None else among
    names = _names()
    states = current_states(ids, names)
    replies = _replies(ids, names) if threads else {}
    placed = {}
    shown_uuid = shown_number = text = None
    if version is not None:
        shown_uuid, shown_number, text = version.uuid, version.number, version.text
        earlier = [c for c in comments if c.version_id and c.version_id != shown_uuid]
        placed = placements(earlier, version) if earlier else {}
        if numbers is None:
            numbers = version_numbers(version.portfolio_id)
    numbers = numbers or {}
    no_state, no_replies = (False, "", ""), (() if threads else None)
    views = []
    # Thousands of comments on a long statement: the loop reads plain values only, and
    # builds each view from its fields in order (as many keywords cost more).
    for c in comments:
        uuid, start, end, quote, detached = c.uuid, c.start, c.end, c.quote, False
        spot = placed.get(uuid)
        if spot is not None:
            detached = spot.detached
            if not detached:
                start, end = spot.start, spot.end
                quote = text[start:end]
            else:
                start = end = None
        resolved, state_by, reason = states.get(uuid, no_state)
        thread = replies.get(uuid)
        views.append(
            CommentView(
                uuid,
                c.author,
                shown_author(c.author, c.word_author, names),
                c.updated_at,
                c.text,
                c.target_kind,
                c.target_uuid,
                c.version_id,
                numbers.get(c.version_id),
                shown_uuid,
                shown_number,
                start,
                end,
                quote,
                c.quote,
                resolved,
                detached,
                state_by,
                reason,
                tuple(thread) if thread else no_replies,
                c.word_author,
                c.word_date,
            )
        )
    return views


def comments_for_version(
    version: StatementVersion | str, threads: bool = True
) -> list[CommentView]:
    """Every comment made on this version or an earlier one, anchored on this one.

    ``threads=False`` leaves the replies unread (``replies`` is None), for a list that
    shows a few comments at a time: ``with_replies`` reads the threads of those."""
    version = get_version(version)
    numbers = version_numbers(version.portfolio_id)
    on_portfolio = statement_comments(version.portfolio_id)
    comments = [
        c
        for c in _records(on_portfolio)
        if numbers.get(c.version_id, version.number + 1) <= version.number
    ]
    views = _views(comments, version, numbers, on_portfolio.select(Comment.uuid), threads)
    return sorted(views, key=lambda v: (v.start is None, v.start or 0, v.created))


def comments_for_target(portfolio: Portfolio, target_kind: str, target_uuid: str):
    """The comments on one skill or evidence item, oldest first."""
    comments = _records(
        Comment.select().where(
            Comment.portfolio == portfolio,
            Comment.target_kind == target_kind,
            Comment.target_uuid == target_uuid,
            Comment.parent.is_null(),
            ~Comment.deleted,
        )
    )
    return _views(comments, None)


def all_comments(portfolio: Portfolio) -> list[CommentView]:
    """Statement comments anchored on the latest version, then those on skills,
    evidence and meetings."""

    latest = latest_version(portfolio)
    found = comments_for_version(latest) if latest else []
    others = _records(
        Comment.select().where(
            Comment.portfolio == portfolio,
            Comment.target_kind != STATEMENT,
            Comment.parent.is_null(),
            ~Comment.deleted,
        )
    )
    return found + _views(others, None)


def latest_version_commented_by(portfolio: Portfolio, mentors: dict[str, str]):
    """The highest-numbered version on which a mentor commented or replied
    (``mentors``: uuid -> name; whose comment it is follows ``authorship``)."""
    if not mentors:
        return None
    query = (
        StatementVersion.select(StatementVersion.uuid, Comment.author, Comment.word_author)
        .join(Comment, on=(Comment.version == StatementVersion.uuid))
        .where(
            StatementVersion.portfolio == portfolio,
            ~Comment.deleted,
            ~StatementVersion.deleted,
        )
        .order_by(StatementVersion.number.desc())
    )
    for uuid, author, word_author in query.tuples():
        if is_mentors(author, word_author, mentors):
            return StatementVersion.get_by_id(uuid)
    return None


def _view_of(portfolio, uuid: str, version) -> CommentView:
    return _views(_records(Comment.select().where(Comment.uuid == uuid)), version)[0]


def can_comment(portfolio: Portfolio, person: Person | None) -> bool:
    return role_of(portfolio, person) in (MENTEE, MENTOR)
