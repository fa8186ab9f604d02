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

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import DocxError
from workbench.statement import comments as comment_service
from workbench.statement import drafts
from workbench.statement.anchoring import TextMapper, make_anchor, place_all
from workbench.store import db
from workbench.store.models import Comment, Person, Portfolio, StatementVersion
from workbench.store.portfolios import MENTEE, MENTOR, require_role
from workbench.word.export import DETACHED_NOTE, REPLY_PREFIX, long_date
from workbench.word.reading import WordComment, WordDocument, read_docx

EXACT, MOVED, NEAREST, REPLY = "exact", "moved", "nearest", "reply"
MATCH_TEXT = {
    "identifier": "the version this copy was made from",
    "same text": "the file has its text",
    "closest": "the closest to the file's text",
}
WORD = re.compile(r"\w+")


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
        return text + "."


@dataclass(frozen=True)
class ReviewResult:
    version_uuid: str
    version_number: int
    created: int
    skipped: int


# Preview ---------------------------------------------------------------------------------


def preview_review(
    portfolio: Portfolio,
    actor: Person,
    path: Path | str,
    as_version: bool = False,
    document: WordDocument | None = None,
) -> ReviewPreview:
    """Read a reviewed Word file and show what importing it would do (writes nothing).

    ``document`` is the file already read (``read_docx``, e.g. in a worker thread).
    """
    require_role(portfolio, actor, *((MENTEE,) if as_version else (MENTEE, MENTOR)))
    path = Path(path)
    document = document or read_docx(path)
    if as_version and not document.markdown.strip():
        raise DocxError(f"{path.name} has no text to take as a new version of the statement.")
    existing = drafts.versions(portfolio)
    preview = _match(path, document, existing, as_version)
    target_text = _target_text(preview, existing)
    known = _known_texts(portfolio)
    spots = _spots(document, target_text)
    replied_to = {c.word_id for c in document.comments if c.text.strip()}
    for word in document.comments:
        if not word.text.strip():
            continue
        text = stored_text(word, actor)
        duplicate = known.get(_strip_reply(word.text)) or known.get(text)
        item = PreviewComment(word, text, duplicate_of=duplicate)
        if word.parent_id in replied_to:
            item.placement = REPLY  # a reply sits with its comment
        else:
            item.start, item.end, item.placement = spots.get(word.word_id) or _nearest(
                word, document.markdown, target_text
            )
        preview.comments.append(item)
    moved = sum(1 for c in preview.new_comments if c.placement == NEAREST)
    if moved:
        preview.warnings.append(
            f"{moved} comment{'s are' if moved != 1 else ' is'} on words not found in the "
            "statement; they will sit on the nearest paragraph with the words quoted."
        )
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


def _match(path: Path, document: WordDocument, existing, as_version: bool) -> ReviewPreview:
    def make(version: StatementVersion | None, how: str, alike: float) -> ReviewPreview:
        return ReviewPreview(
            source=path,
            markdown=document.markdown,
            as_version=version is None,
            version_uuid=version.uuid if version else None,
            version_number=version.number if version else None,
            matched_by=how,
            similarity=alike,
        )

    same = next((v for v in reversed(existing) if v.text == document.markdown), None)
    if same is not None:
        return make(same, "same text", 1.0)
    if as_version:
        return make(None, "new version", 1.0)
    if not existing:
        raise DocxError(
            "The statement has no version yet to put these comments on; "
            "import the file as a new version instead."
        )
    by_id = next((v for v in existing if v.uuid == document.version_uuid), None)
    if by_id is not None:
        return make(by_id, "identifier", similarity(document.markdown, by_id.text))
    best = max(reversed(existing), key=lambda v: similarity(document.markdown, v.text))
    preview = make(best, "closest", similarity(document.markdown, best.text))
    if preview.similarity < 0.3 and document.comments:
        preview.warnings.append(
            f"{path.name} looks quite different from every version; the closest is "
            f"version {best.number} ({preview.similarity:.0%} of words in common)."
        )
    return preview


def similarity(a: str, b: str) -> float:
    """Share of distinct words in common (cheap, linear; enough to pick a version)."""
    first, second = set(WORD.findall(a.lower())), set(WORD.findall(b.lower()))
    if not first and not second:
        return 1.0
    return len(first & second) / len(first | second)


def _target_text(preview: ReviewPreview, existing) -> str:
    if preview.version_uuid is None:
        return preview.markdown
    return next(v.text for v in existing if v.uuid == preview.version_uuid)


def _spots(document: WordDocument, target: str) -> dict[str, tuple[int, int, str]]:
    """Where each ranged comment lands on the target text, by word id."""
    ranged = [
        c for c in document.comments if c.start is not None and c.end > c.start and c.quote.strip()
    ]
    if not ranged:
        return {}
    if document.markdown == target:
        return {c.word_id: (c.start, c.end, EXACT) for c in ranged}
    anchors = [make_anchor(document.markdown, c.start, c.end) for c in ranged]
    found = {}
    for comment, spot in zip(ranged, place_all(anchors, document.markdown, target), strict=True):
        if spot is not None and target[spot[0] : spot[1]].strip():
            exact = target[spot[0] : spot[1]] == comment.quote
            found[comment.word_id] = (spot[0], spot[1], EXACT if exact else MOVED)
    return found


def _nearest(word: WordComment, source: str, target: str) -> tuple[int, int, str]:
    """The line of the target nearest to where the comment was (the first line if unknown)."""
    at = TextMapper(source, target).map(word.start) if word.start is not None else 0
    lines = []
    offset = 0
    for line in target.splitlines(keepends=True):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            lines.append((offset + lead, offset + len(line.rstrip())))
        offset += len(line)
    if not lines:
        raise DocxError("The statement version is empty; there is nothing to comment on.")
    start, end = min(lines, key=lambda span: 0 if span[0] <= at <= span[1] else abs(span[0] - at))
    return start, end, NEAREST


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
