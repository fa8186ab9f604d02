"""Writing comments on the statement, on PKSB skills, on evidence and on meetings:
comments, replies, resolving and reopening, editing and deleting one's own.

A comment is its author's record: only they edit or delete it. Resolving and
reopening are separate ``CommentState`` records by whoever did it; which one is
in force is decided by ``states`` (a causal sequence, never the clock). A
statement comment anchors to a range of the version it was made on. Reading
comments is in ``comment_reading``; what counts as open, in ``open_comments``.
"""

from __future__ import annotations

from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.statement.anchoring import make_anchor
from workbench.statement.authorship import shown_author
from workbench.statement.comment_reading import (
    EVIDENCE,
    MEETING,
    OPEN,
    RESOLVED,
    SKILL,
    CommentView,
    ReplyView,
    _view_of,
    current_states,
)
from workbench.statement.placement import (
    STATEMENT,
    place_on_later_versions,
)
from workbench.store import db, limits
from workbench.store.models import (
    Comment,
    CommentState,
    EvidenceItem,
    Meeting,
    Portfolio,
    Skill,
    StatementVersion,
)
from workbench.store.portfolios import MENTEE, MENTOR, require_role
from workbench.store.states import next_sequence

TARGET_MODELS = {SKILL: Skill, EVIDENCE: EvidenceItem, MEETING: Meeting}
TEXT_MAX = limits.COMMENT_MAX


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


def create_comment(
    portfolio, actor, version, start: int, end: int, text: str, word=None
) -> CommentView:
    """Comment on the words start:end (code-point offsets) of a version.

    ``word`` is (author, date) as a Word file gives them, for a comment brought
    in from one (``authorship`` says how it is shown)."""
    require_role(portfolio, actor, MENTEE, MENTOR)
    version = _version(portfolio, version)
    text = _clean_text(text)
    word_author, word_date = _word_origin(word)
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
            word_author=word_author,
            word_date=word_date,
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


def reply(portfolio, actor, parent, text: str, version=None, word=None) -> ReplyView:
    """Answer a comment. ``version`` is the one being read (it marks what was reviewed);
    ``word`` as for ``create_comment``."""
    require_role(portfolio, actor, MENTEE, MENTOR)
    word_author, word_date = _word_origin(word)
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
            word_author=word_author,
            word_date=word_date,
        )
    name = shown_author(actor.uuid, word_author, {actor.uuid: actor.name})
    return ReplyView(answer.uuid, actor.uuid, name, answer.updated_at, text, word_author, word_date)


def _word_origin(word) -> tuple[str, object]:
    """A Word author's name made a clean one-line name, and Word's date (or none)."""
    if not word or not (word[0] or "").strip():
        return "", None
    return limits.clean_name(word[0], "the Word author's name"), word[1]


def _set_state(portfolio, actor, comment, state: str, reason: str) -> str:
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
        ).uuid


def resolve(portfolio, actor, comment, reason: str = "") -> str:
    """Resolve a comment; returns the uuid of the new state record."""
    return _set_state(portfolio, actor, comment, RESOLVED, reason)


def reopen(portfolio, actor, comment, reason: str = "") -> str:
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
