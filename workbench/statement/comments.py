"""Comments on the statement, on PKSB skills and on evidence, with replies and states.

A comment is its author's record: only they edit or delete it. Resolving and
reopening are separate ``CommentState`` records by whoever did it; which one is
in force is decided by ``states`` (a causal sequence, never the clock). A
statement comment anchors to a range of the version it was made on; where it
sits on each later version is derived by ``comment_placement`` (its module
docstring holds the rule), so nothing the mentor wrote is ever rewritten. A
comment that cannot be placed is *detached*: listed with its original quote,
never dropped.

What counts as an open comment is one rule, ``OPEN_COMMENTS_SQL``: a top-level,
not deleted comment on the statement (on a version that still exists), a
skill or an evidence item, whose state in force is not resolved. Detached
comments count: they still wait for an answer. Comments on meetings do not:
they are conversation, with no resolve. The readiness checklist, the Overview
and the mentor's home all count through ``count_open_comments``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.statement.anchoring import make_anchor
from workbench.statement.placement import (
    STATEMENT,
    place_on_later_versions,
    placements,
    statement_comments,
    version_numbers,
)
from workbench.statement.versions import latest_version
from workbench.store import db, limits
from workbench.store.models import (
    Comment,
    CommentState,
    EvidenceItem,
    Meeting,
    Person,
    Portfolio,
    Skill,
    StatementVersion,
)
from workbench.store.portfolios import MENTEE, MENTOR, require_role
from workbench.store.roles import role_of
from workbench.store.states import newest_first_sql, next_sequence, oldest_first

SKILL, EVIDENCE, MEETING = "skill", "evidence", "meeting"
TARGET_KINDS = (STATEMENT, SKILL, EVIDENCE)  # the kinds whose comments are resolved
TARGET_MODELS = {SKILL: Skill, EVIDENCE: EvidenceItem, MEETING: Meeting}
OPEN, RESOLVED, DETACHED = "open", "resolved", "detached"
TEXT_MAX = limits.COMMENT_MAX


@dataclass(frozen=True)
class ReplyView:
    uuid: str
    author: str
    author_name: str
    created: datetime
    text: str


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
    replies: tuple[ReplyView, ...] = ()

    @property
    def state(self) -> str:
        if self.resolved:
            return RESOLVED
        return DETACHED if self.detached else OPEN


# Writing -----------------------------------------------------------------------------------


def _clean_text(text: str, what: str = "comment") -> str:
    text = text.strip()
    if not text:
        raise ValidationError(f"The {what} is empty; please write something.")
    if len(text) > TEXT_MAX:
        raise ValidationError(f"The {what} is too long (at most {TEXT_MAX} characters).")
    return text


def _version(portfolio: Portfolio, version) -> StatementVersion:
    if isinstance(version, str):
        version = StatementVersion.get_or_none(StatementVersion.uuid == version)
    if version is None or version.deleted or version.portfolio_id != portfolio.uuid:
        raise NotFound("That version of the statement does not exist in this portfolio.")
    return version


def get_comment(portfolio: Portfolio, comment) -> Comment:
    if not isinstance(comment, str):
        comment = comment.uuid  # a Comment or a CommentView
    found = Comment.get_or_none(Comment.uuid == comment)
    if found is None or found.deleted or found.portfolio_id != portfolio.uuid:
        raise NotFound("That comment no longer exists.")
    return found


def create_comment(portfolio, actor, version, start: int, end: int, text: str) -> CommentView:
    """Comment on the words start:end (code-point offsets) of a version."""
    require_role(portfolio, actor, MENTEE, MENTOR)
    version = _version(portfolio, version)
    text = _clean_text(text)
    if not (0 <= start < end <= len(version.text)) or not version.text[start:end].strip():
        raise ValidationError("Select the words the comment is about, then add the comment.")
    anchor = make_anchor(version.text, start, end)
    with db.database.atomic():
        comment = Comment.create(
            author=actor.uuid,
            portfolio=portfolio,
            target_kind=STATEMENT,
            version=version,
            start=anchor.start,
            end=anchor.end,
            quote=anchor.quote,
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            text=text,
        )
        place_on_later_versions(comment)
    return _view_of(portfolio, comment.uuid, version)


def comment_on(portfolio, actor, target_kind: str, target_uuid: str, text: str) -> CommentView:
    """Comment on a PKSB skill, an evidence item or a meeting (the same comment model)."""
    require_role(portfolio, actor, MENTEE, MENTOR)
    model = TARGET_MODELS.get(target_kind)
    if model is None:
        raise ValidationError(
            f"Comments can be made on a skill, evidence or a meeting, not '{target_kind}'."
        )
    if model.get_or_none(model.uuid == target_uuid) is None:
        raise NotFound(f"The {target_kind} to comment on no longer exists.")
    text = _clean_text(text)
    with db.database.atomic():
        comment = Comment.create(
            author=actor.uuid,
            portfolio=portfolio,
            target_kind=target_kind,
            target_uuid=target_uuid,
            text=text,
        )
    return _view_of(portfolio, comment.uuid, None)


def reply(portfolio, actor, parent, text: str, version=None) -> ReplyView:
    """Answer a comment. ``version`` is the one being read (it marks what was reviewed)."""
    require_role(portfolio, actor, MENTEE, MENTOR)
    parent = get_comment(portfolio, parent)
    if parent.parent_id:
        parent = get_comment(portfolio, parent.parent_id)
    text = _clean_text(text, "reply")
    shown = _version(portfolio, version) if version is not None else None
    with db.database.atomic():
        answer = Comment.create(
            author=actor.uuid,
            portfolio=portfolio,
            target_kind=parent.target_kind,
            target_uuid=parent.target_uuid,
            version=shown,
            text=text,
            parent=parent,
        )
    return ReplyView(answer.uuid, actor.uuid, actor.name, answer.updated_at, text)


def _set_state(portfolio, actor, comment, state: str, reason: str) -> CommentState:
    role = require_role(portfolio, actor, MENTEE, MENTOR)
    comment = get_comment(portfolio, comment)
    if comment.parent_id:
        raise ValidationError("Replies are resolved with the comment they answer.")
    reason = " ".join(reason.split())
    if state == RESOLVED and role == MENTEE and not reason:
        raise ValidationError("Please say briefly why the comment is resolved.")
    now_resolved = current_states([comment.uuid]).get(comment.uuid, (False, "", ""))[0]
    if now_resolved == (state == RESOLVED):
        already = "resolved" if now_resolved else "open"
        raise ValidationError(f"The comment is already {already}.")
    with db.database.atomic():
        sequence = next_sequence(CommentState, CommentState.comment == comment.uuid)
        return CommentState.create(
            author=actor.uuid, comment=comment, state=state, reason=reason, revision=sequence
        )


def resolve(portfolio, actor, comment, reason: str = "") -> CommentState:
    return _set_state(portfolio, actor, comment, RESOLVED, reason)


def reopen(portfolio, actor, comment, reason: str = "") -> CommentState:
    return _set_state(portfolio, actor, comment, OPEN, reason)


def _own(portfolio, actor, comment) -> Comment:
    require_role(portfolio, actor, MENTEE, MENTOR)
    comment = get_comment(portfolio, comment)
    if comment.author != actor.uuid:
        raise PermissionDenied(f"{actor.name} may change only their own comments.")
    return comment


def edit_comment(portfolio, actor, comment, text: str) -> None:
    comment = _own(portfolio, actor, comment)
    comment.text = _clean_text(text)
    comment.touch()
    with db.database.atomic():
        comment.save()


def delete_comment(portfolio, actor, comment) -> None:
    """Tombstone one's own comment (shared records are never removed)."""
    comment = _own(portfolio, actor, comment)
    comment.deleted = True
    comment.touch()
    with db.database.atomic():
        comment.save()


def restore_comment(portfolio, actor, comment) -> None:
    """Bring back one's own deleted comment (the Undo of a delete)."""
    require_role(portfolio, actor, MENTEE, MENTOR)
    uuid = comment if isinstance(comment, str) else comment.uuid
    found = Comment.get_or_none(Comment.uuid == uuid)
    if found is None or found.portfolio_id != portfolio.uuid:
        raise NotFound("That comment no longer exists.")
    if found.author != actor.uuid:
        raise PermissionDenied(f"{actor.name} may change only their own comments.")
    if found.deleted:
        found.deleted = False
        found.touch()
        with db.database.atomic():
            found.save()


# Reading -----------------------------------------------------------------------------------


def current_states(ids: list[str]) -> dict[str, tuple[bool, str, str]]:
    """comment uuid -> (resolved, who set the state, reason) of the state in force."""
    names = _names()
    states: dict[str, tuple[bool, str, str]] = {}
    query = (
        CommentState.select(
            CommentState.comment, CommentState.state, CommentState.author, CommentState.reason
        )
        .where(CommentState.comment.in_(ids), ~CommentState.deleted)
        .order_by(*oldest_first(CommentState))
    )
    for comment, state, author, reason in query.tuples():  # the state in force comes last
        states[comment] = (state == RESOLVED, names.get(author, "someone"), reason)
    return states


def _names() -> dict[str, str]:
    return {p.uuid: p.name for p in Person.select(Person.uuid, Person.name)}


def _replies(ids: list[str], names: dict[str, str]) -> dict[str, list[ReplyView]]:
    found: dict[str, list[ReplyView]] = {}
    query = (
        Comment.select(
            Comment.uuid, Comment.author, Comment.updated_at, Comment.text, Comment.parent
        )
        .where(Comment.parent.in_(ids), ~Comment.deleted)
        .order_by(Comment.updated_at, Comment.uuid)
    )
    for uuid, author, updated_at, text, parent in query.tuples():
        view = ReplyView(uuid, author, names.get(author, "someone"), updated_at, text)
        found.setdefault(parent, []).append(view)
    return found


def _views(comments: list[Comment], version: StatementVersion | None) -> list[CommentView]:
    ids = [c.uuid for c in comments]
    names = _names()
    states = current_states(ids)
    replies = _replies(ids, names)
    numbers = {}
    placed = {}
    if version is not None:
        earlier = [c for c in comments if c.version_id and c.version_id != version.uuid]
        placed = placements(earlier, version) if earlier else {}
        numbers = version_numbers(version.portfolio_id)
    views = []
    for c in comments:
        start, end, quote, detached = c.start, c.end, c.quote, False
        if c.uuid in placed:
            spot = placed[c.uuid]
            detached = spot.detached
            if not detached:
                start, end = spot.start, spot.end
                quote = version.text[start:end]
            else:
                start = end = None
        resolved, state_by, reason = states.get(c.uuid, (False, "", ""))
        views.append(
            CommentView(
                uuid=c.uuid,
                author=c.author,
                author_name=names.get(c.author, "someone"),
                created=c.updated_at,
                text=c.text,
                target_kind=c.target_kind,
                target_uuid=c.target_uuid,
                origin_version=c.version_id,
                origin_number=numbers.get(c.version_id),
                version=version.uuid if version else None,
                version_number=version.number if version else None,
                start=start,
                end=end,
                quote=quote,
                original_quote=c.quote,
                resolved=resolved,
                detached=detached,
                state_by=state_by,
                reason=reason,
                replies=tuple(replies.get(c.uuid, ())),
            )
        )
    return views


def comments_for_version(version: StatementVersion) -> list[CommentView]:
    """Every comment made on this version or an earlier one, anchored on this one."""
    numbers = version_numbers(version.portfolio_id)
    comments = [
        c
        for c in statement_comments(version.portfolio_id).order_by(Comment.updated_at, Comment.uuid)
        if numbers.get(c.version_id, version.number + 1) <= version.number
    ]
    views = _views(comments, version)
    return sorted(views, key=lambda v: (v.start is None, v.start or 0, v.created))


def comments_for_target(portfolio: Portfolio, target_kind: str, target_uuid: str):
    """The comments on one skill or evidence item, oldest first."""
    comments = list(
        Comment.select()
        .where(
            Comment.portfolio == portfolio,
            Comment.target_kind == target_kind,
            Comment.target_uuid == target_uuid,
            Comment.parent.is_null(),
            ~Comment.deleted,
        )
        .order_by(Comment.updated_at, Comment.uuid)
    )
    return _views(comments, None)


OPEN_COMMENTS_SQL = f"""
    SELECT COUNT(*) FROM comment c
    LEFT JOIN statement_version v ON v.uuid = c.version_id
    WHERE c.portfolio_id = ? AND c.deleted = 0 AND c.parent_id IS NULL
      AND c.target_kind IN ({", ".join(f"'{kind}'" for kind in TARGET_KINDS)})
      AND (c.target_kind != '{STATEMENT}' OR (v.uuid IS NOT NULL AND v.deleted = 0))
      AND COALESCE((
          SELECT s.state FROM comment_state s WHERE s.comment_id = c.uuid AND s.deleted = 0
          ORDER BY {newest_first_sql("s")} LIMIT 1), '{OPEN}') != '{RESOLVED}'
"""


def count_open_comments(execute, portfolio_uuid: str) -> int:
    """How many comments are open (the rule above), through any DB-API ``execute``.

    The mentor's home reads other portfolios with plain sqlite3, the open
    portfolio goes through peewee: both run this one query.
    """
    return execute(OPEN_COMMENTS_SQL, (portfolio_uuid,)).fetchone()[0]


def open_comment_count(portfolio: Portfolio) -> int:
    """How many comments of the open portfolio still wait for an answer."""
    return count_open_comments(db.database.execute_sql, portfolio.uuid)


def all_comments(portfolio: Portfolio) -> list[CommentView]:
    """Statement comments anchored on the latest version, then those on skills,
    evidence and meetings."""

    latest = latest_version(portfolio)
    found = comments_for_version(latest) if latest else []
    others = list(
        Comment.select()
        .where(
            Comment.portfolio == portfolio,
            Comment.target_kind != STATEMENT,
            Comment.parent.is_null(),
            ~Comment.deleted,
        )
        .order_by(Comment.updated_at, Comment.uuid)
    )
    return found + _views(others, None)


def latest_version_commented_by(portfolio: Portfolio, authors: set[str]):
    """The highest-numbered version on which any of ``authors`` commented or replied."""
    if not authors:
        return None
    return (
        StatementVersion.select()
        .join(Comment, on=(Comment.version == StatementVersion.uuid))
        .where(
            StatementVersion.portfolio == portfolio,
            Comment.author.in_(list(authors)),
            ~Comment.deleted,
            ~StatementVersion.deleted,
        )
        .order_by(StatementVersion.number.desc())
        .first()
    )


def _view_of(portfolio, uuid: str, version) -> CommentView:
    comment = Comment.get_by_id(uuid)
    return _views([comment], version)[0]


def can_comment(portfolio: Portfolio, person: Person | None) -> bool:
    return role_of(portfolio, person) in (MENTEE, MENTOR)
