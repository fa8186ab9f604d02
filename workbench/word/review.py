"""Bringing a mentor's reviewed Word file back: a preview first, then one transaction.

``preview_review`` reads the file, finds the version it came from (the id a
review copy carries, else the same text, else the closest version) and works
out where each Word comment lands; nothing is written. ``apply_review`` then
creates the comments through the comments service, all or nothing.

Authorship: a comment record is always the importing person's (records are
single-writer and travel in their author's packages, so we never write a record
in someone else's name). When the Word author is someone else, the comment text
starts with their name and the date, e.g. "Ruth Adebayo in Word, 3 November
2026: …", so the mentor's words stay attributed to the mentor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import DocxError
from workbench.statement import comments as comment_service
from workbench.statement import drafts
from workbench.store import db
from workbench.store.models import Comment, Person, Portfolio
from workbench.store.portfolios import MENTEE, MENTOR, require_role
from workbench.word.export import DETACHED_NOTE, REPLY_PREFIX, long_date
from workbench.word.finding import BOOKMARK
from workbench.word.matching import KEEP, TRACKED, explain, match_version
from workbench.word.placing import (
    EXACT,
    MOVED,
    NEAREST,
    POINT,
    VersionText,
    place_comments,
    similarity,
)
from workbench.word.reading import WordComment, WordDocument, read_docx
from workbench.word.render import ACCEPT, REJECT

__all__ = ["EXACT", "MOVED", "NEAREST", "POINT", "REPLY", "OUTSIDE", "KEEP", "similarity"]
REPLY, OUTSIDE = "reply", "outside"
MATCH_TEXT = {
    "identifier": "the version this copy was made from",
    "same text": "the file has its text",
    "closest": "the closest to the file's text",
}


@dataclass
class PreviewComment:
    word: WordComment
    text: str  # as it will be stored
    start: int | None = None  # on the target text
    end: int | None = None
    placement: str = EXACT
    duplicate_of: str | None = None  # an existing comment with the same words

    @property
    def quote(self) -> str:
        return self.word.quote

    @property
    def is_new(self) -> bool:
        return self.duplicate_of is None


@dataclass
class ReviewPreview:
    source: Path
    markdown: str
    as_version: bool
    version_uuid: str | None  # None when a new version will be made
    version_number: int | None
    matched_by: str  # "identifier", "same text", "closest" or "new version"
    similarity: float
    comments: list[PreviewComment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outside: list[PreviewComment] = field(default_factory=list)  # shown, not imported
    tracked: str = ACCEPT  # what is done with the file's tracked changes
    changes: list = field(default_factory=list)  # reading.Change, the file's tracked changes
    found_by: str = BOOKMARK  # how the statement was found in the file
    text_differs: bool = False  # the file's text is not the version's: offer a new version

    @property
    def new_comments(self) -> list[PreviewComment]:
        return [c for c in self.comments if c.is_new]

    def by_author(self) -> Counter:
        return Counter(c.word.author for c in self.new_comments)

    def summary(self) -> str:
        n = len(self.new_comments)
        authors = ", ".join(f"{name} ({count})" for name, count in self.by_author().items())
        target = (
            "a new version made from the file"
            if self.as_version
            else f"version {self.version_number} ({MATCH_TEXT.get(self.matched_by, '')})"
        )
        text = f"{n} comment{'s' if n != 1 else ''} to import onto {target}"
        if authors:
            text += f", by {authors}"
        skipped = len(self.comments) - n
        if skipped:
            text += f"; {skipped} {'are' if skipped != 1 else 'is'} already in the workbench"
        if self.outside:
            k = len(self.outside)
            text += f"; {k} {'are' if k != 1 else 'is'} outside the statement (shown, not imported)"
        return text + "."


@dataclass(frozen=True)
class ReviewResult:
    version_uuid: str
    version_number: int
    created: int
    skipped: int


# Preview ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewContext:
    """What the preview needs from the portfolio, read once on the caller's thread."""

    actor: Person
    versions: list[VersionText]
    known: dict[str, str]  # comment text -> uuid of its top-level comment

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(v.text for v in self.versions)


def review_context(portfolio: Portfolio, actor: Person, as_version: bool) -> ReviewContext:
    """Check the role and read the versions and known comments (the preview's database part)."""
    require_role(portfolio, actor, *((MENTEE,) if as_version else (MENTEE, MENTOR)))
    versions = [VersionText(v.uuid, v.number, v.text) for v in drafts.versions(portfolio)]
    return ReviewContext(actor, versions, _known_texts(portfolio))


def preview_review(
    portfolio: Portfolio,
    actor: Person,
    path: Path | str,
    as_version: bool = False,
    document: WordDocument | None = None,
    tracked: str = ACCEPT,
) -> ReviewPreview:
    """Read a reviewed Word file and show what importing it would do (writes nothing).

    ``document`` is the file already read (``read_docx``, e.g. in a worker thread).
    """
    context = review_context(portfolio, actor, as_version and tracked != KEEP)
    path = Path(path)
    document = document or read_docx(path, known=context.texts)
    return build_preview(context, path, document, as_version, tracked)


def build_preview(
    context: ReviewContext,
    path: Path,
    document: WordDocument,
    as_version: bool = False,
    tracked: str = ACCEPT,
    check: Callable[[], None] | None = None,
) -> ReviewPreview:
    """The preview from plain data: no database, so it can run in a worker.

    ``tracked``: ACCEPT or REJECT the file's tracked changes for a new version,
    or KEEP the statement's text (the comments go onto the version it matches).
    ``check`` is called now and then and raises to stop (a cancelled job).
    """
    if tracked not in TRACKED:
        raise DocxError(f"Tracked changes are accepted, rejected or kept, not '{tracked}'.")
    path = Path(path)
    as_version = as_version and tracked != KEEP
    # Without a new version, the comments sit on the text the reviewer started from.
    reading = tracked if as_version else REJECT
    text = document.text_for(reading)
    if as_version and not text.strip():
        raise DocxError(f"{path.name} has no text to take as a new version of the statement.")
    match = match_version(path, document, context.versions, as_version, text)
    version = match.version
    preview = ReviewPreview(
        source=path,
        markdown=match.text,
        as_version=version is None,
        version_uuid=version.uuid if version else None,
        version_number=version.number if version else None,
        matched_by=match.how,
        similarity=match.similarity,
        text_differs=match.differs,
    )
    preview.tracked, preview.changes, preview.found_by = (
        tracked,
        document.changes,
        document.found_by,
    )
    target_text = version.text if version else match.text
    on_statement = [c for c in document.comments if c.text.strip()]
    outside_ids = {c.word_id for c in on_statement if c.outside}
    replied_to = {c.word_id for c in on_statement}
    ranged = [c for c in on_statement if not c.outside and c.parent_id not in replied_to]
    spots = place_comments(ranged, lambda c: document.spot(c, reading), text, target_text, check)
    for word in on_statement:
        stored = stored_text(word, context.actor)
        duplicate = context.known.get(_strip_reply(word.text)) or context.known.get(stored)
        item = PreviewComment(word, stored, duplicate_of=duplicate)
        if word.outside or word.parent_id in outside_ids:
            item.placement = OUTSIDE  # one already here stays listed with the others
            (preview.comments if duplicate else preview.outside).append(item)
            continue
        if word.parent_id in replied_to:
            item.placement = REPLY  # a reply sits with its comment
        else:
            item.start, item.end, item.placement = spots[word.word_id]
        preview.comments.append(item)
    preview.warnings += explain(preview, document, path)
    return preview


def stored_text(word: WordComment, actor: Person) -> str:
    """The comment's words, attributed to the Word author when that is someone else."""
    if _same_name(word.author, actor.name):
        return word.text
    when = f", {long_date(word.when.date())}" if word.when else ""
    return f"{word.author} in Word{when}: {word.text}"


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _strip_reply(text: str) -> str:
    """The words of a comment as the workbench wrote them into a review copy."""
    if text.startswith(REPLY_PREFIX):
        return text[len(REPLY_PREFIX) :]
    note = DETACHED_NOTE.split("{quote}")[0]
    if text.startswith(note) and "\n" in text:
        return text.split("\n", 1)[1].strip()
    return text


def _known_texts(portfolio: Portfolio) -> dict[str, str]:
    """Text -> uuid of the top-level comment it belongs to, for every live comment."""
    query = Comment.select(Comment.uuid, Comment.text, Comment.parent).where(
        Comment.portfolio == portfolio, ~Comment.deleted
    )
    return {c.text.strip(): (c.parent_id or c.uuid) for c in query}


# Applying ---------------------------------------------------------------------------------


def apply_review(portfolio: Portfolio, actor: Person, preview: ReviewPreview) -> ReviewResult:
    """Create the previewed comments (and the new version, if asked) in one transaction."""
    require_role(portfolio, actor, *((MENTEE,) if preview.as_version else (MENTEE, MENTOR)))
    with db.database.atomic():
        if preview.as_version:
            label = f"From Word: {preview.source.name}"
            version = drafts.import_version(portfolio, actor, preview.markdown, label=label)
        else:
            version = drafts.get_version(preview.version_uuid)
        created = _create_comments(portfolio, actor, version, preview)
    return ReviewResult(version.uuid, version.number, created, len(preview.comments) - created)


def _create_comments(portfolio, actor, version, preview: ReviewPreview) -> int:
    made: dict[str, str] = {}  # Word comment id -> workbench comment uuid
    created = 0
    pending = list(preview.comments)
    # Parents before their replies, whatever order the file lists them in.
    pending.sort(key=lambda c: c.word.parent_id is not None)
    for item in pending:
        if item.duplicate_of:
            made[item.word.word_id] = item.duplicate_of
            continue
        text = item.text
        if item.placement == NEAREST and item.quote.strip():
            text = f"(On the words “{item.quote.strip()}”) {text}"
        parent = made.get(item.word.parent_id) if item.placement == REPLY else None
        if parent:
            view = comment_service.reply(portfolio, actor, parent, text, version.uuid)
        else:
            view = comment_service.create_comment(
                portfolio, actor, version.uuid, item.start, item.end, text
            )
        made[item.word.word_id] = view.uuid
        created += 1
    return created
