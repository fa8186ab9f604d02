"""Bringing a mentor's reviewed Word file back: a preview first, then one transaction.

``preview_review`` reads the file, finds the version it came from (the id a
review copy carries, else the same text, else the closest version) and works
out where each Word comment lands; nothing is written. ``apply_review`` then
creates the comments through the comments service, all or nothing.

Threads: a Word or LibreOffice reply (``commentsExtended``) becomes our reply
on the same comment, and a thread marked done resolves the comment, with
"resolved in Word by …" (who saved the file, else the comment's Word author)
as the reason. A comment, reply or done mark already here is not made again
(``threads_here`` finds them: a review copy names each comment by a durable id
derived from its uuid, else its words find it). A comment open in the file but
resolved here stays resolved: the file may be older than the resolve.
Importing the same file twice adds nothing.

Authorship: a comment record is always the importing person's (records are
single-writer and travel signed in their author's packages, so we never write
a record in someone else's name). The name and date Word gives a comment are
kept beside it (``word_author``, ``word_date``), and ``statement.authorship``
shows that name wherever the comment's author is shown; a Word author named
like the portfolio's mentor counts as the mentor's (the preview says so).
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
from workbench.statement.authorship import mentor_named, same_name
from workbench.store import db
from workbench.store.models import Person, Portfolio, StatementVersion
from workbench.store.portfolios import MENTEE, MENTOR, require_role
from workbench.word.reading import WordComment, WordDocument, read_docx
from workbench.word.threads_here import NEAREST_NOTE, RESOLVED_IN_WORD, Existing, words_of

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
    duplicate_of: str | None = None  # the comment or reply here that it is
    reply_to: str | None = None  # the comment here a reply answers (None: one made now)
    resolve: bool = False  # done in the file, open here: it will be resolved
    word_author: str = ""  # stored beside the record ("": the importer's own words)
    mentor: str | None = None  # the mentor's name, when the Word author is the mentor

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
    resolved_by: str = ""  # who saved the file (and so marked comments done), if it says

    @property
    def new_comments(self) -> list[PreviewComment]:
        return [c for c in self.comments if c.is_new]

    @property
    def to_resolve(self) -> list[PreviewComment]:
        return [c for c in self.comments if c.resolve]

    def by_author(self) -> Counter:
        return Counter(c.word.author for c in self.new_comments)

    def summary(self) -> str:
        n = len(self.new_comments)
        mentors = {c.word.author for c in self.new_comments if c.mentor}
        authors = ", ".join(
            f"{name} ({count}{', the mentor' if name in mentors else ''})"
            for name, count in self.by_author().items()
        )
        target = (
            "a new version made from the file"
            if self.as_version
            else f"version {self.version_number} ({MATCH_TEXT.get(self.matched_by, '')})"
        )
        text = f"{n} comment{'s' if n != 1 else ''} to import onto {target}"
        if authors:
            text += f", by {authors}"
        replies = sum(1 for c in self.new_comments if c.placement == REPLY)
        if replies:
            text += f"; {replies} of them {'are replies' if replies != 1 else 'is a reply'}"
        resolving = len(self.to_resolve)
        if resolving:
            text += f"; {resolving} to mark resolved, as in the file"
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
    resolved: int = 0

    def summary(self, source: str) -> str:
        text = f"Imported {self.created} comment{'s' if self.created != 1 else ''} from {source}"
        if self.resolved:
            text += f" and marked {self.resolved} resolved"
        return text + f" onto version {self.version_number}."


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
    spots = _spots(document, target_text)
    here = Existing(portfolio)
    mentors = list(drafts.mentor_names(portfolio).values())
    preview.resolved_by = document.modified_by
    for word in document.comments:
        if not word.text.strip():
            continue
        item = PreviewComment(word, stored_text(word, actor))
        item.word_author = "" if same_name(word.author, actor.name) else word.author
        item.mentor = mentor_named(word.author, mentors)
        preview.comments.append(item)
    _thread(preview.comments, here)
    for item in preview.comments:
        if item.placement != REPLY:
            item.start, item.end, item.placement = spots.get(item.word.word_id) or _nearest(
                item.word, document.markdown, target_text
            )
    moved = sum(1 for c in preview.new_comments if c.placement == NEAREST)
    if moved:
        preview.warnings.append(
            f"{moved} comment{'s are' if moved != 1 else ' is'} on words not found in the "
            "statement; they will sit on the nearest paragraph with the words quoted."
        )
    return preview


def stored_text(word: WordComment, actor: Person) -> str:
    """The comment's words as stored (who wrote them is kept apart, in ``word_author``)."""
    return word.text


def _thread(items: list[PreviewComment], here: Existing) -> None:
    """Which items are replies, which are already here, and which to resolve."""
    by_id = {item.word.word_id: item for item in items}
    roots: dict[str, str] = {}  # Word comment id -> the top-level comment here it is
    # Parents before their replies, whatever order the file lists them in.
    for item in sorted(items, key=lambda c: c.word.parent_id in by_id):
        words = words_of(item.text)
        parent = by_id.get(item.word.parent_id)
        if parent is not None:
            item.placement = REPLY  # a reply sits with its comment
            item.reply_to = roots.get(parent.word.word_id)
            item.duplicate_of = here.reply(item.word.durable_id, item.reply_to, words)
            continue
        item.duplicate_of = here.comment(item.word.durable_id, words)
        root = here.root_of(item.duplicate_of) if item.duplicate_of else None
        if root:
            roots[item.word.word_id] = root
        item.resolve = item.word.done and not (root and here.resolved_or_taken(root))


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
        created, resolved = _create_comments(portfolio, actor, version, preview)
    skipped = len(preview.comments) - created
    return ReviewResult(version.uuid, version.number, created, skipped, resolved)


def _create_comments(portfolio, actor, version, preview: ReviewPreview) -> tuple[int, int]:
    made: dict[str, str] = {}  # Word comment id -> workbench comment uuid
    created = resolved = 0
    # Parents before their replies, whatever order the file lists them in.
    for item in sorted(preview.comments, key=lambda c: c.placement == REPLY):
        word = (item.word_author, item.word.when) if item.word_author else None
        parent = item.reply_to or made.get(item.word.parent_id or "")
        if item.duplicate_of:
            made[item.word.word_id] = item.duplicate_of
        elif item.placement == REPLY and parent:
            comment_service.reply(portfolio, actor, parent, item.text, version.uuid, word=word)
            created += 1
        else:
            text = item.text
            if item.placement == NEAREST and item.quote.strip():
                text = NEAREST_NOTE.format(quote=item.quote.strip()) + text
            view = comment_service.create_comment(
                portfolio, actor, version.uuid, item.start, item.end, text, word=word
            )
            made[item.word.word_id] = view.uuid
            created += 1
        if item.resolve:
            reason = RESOLVED_IN_WORD.format(name=preview.resolved_by or item.word.author)
            comment_service.resolve(portfolio, actor, made[item.word.word_id], reason)
            resolved += 1
    return created, resolved
