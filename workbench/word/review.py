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

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import DocxError
from workbench.statement import comments as comment_service
from workbench.statement import drafts
from workbench.statement.authorship import mentor_named, same_name
from workbench.store import db
from workbench.store.models import Person, Portfolio
from workbench.store.portfolios import MENTEE, MENTOR, require_role
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
from workbench.word.threads_here import NEAREST_NOTE, RESOLVED_IN_WORD, Existing, words_of

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
    outside: list[PreviewComment] = field(default_factory=list)  # shown, not imported
    tracked: str = ACCEPT  # what is done with the file's tracked changes
    changes: list = field(default_factory=list)  # reading.Change, the file's tracked changes
    found_by: str = BOOKMARK  # how the statement was found in the file
    text_differs: bool = False  # the file's text is not the version's: offer a new version
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
    resolved: int = 0

    def summary(self, source: str) -> str:
        text = f"Imported {self.created} comment{'s' if self.created != 1 else ''} from {source}"
        if self.resolved:
            text += f" and marked {self.resolved} resolved"
        return text + f" onto version {self.version_number}."


# Preview ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewContext:
    """What the preview needs from the portfolio, read once on the caller's thread."""

    actor: Person
    versions: list[VersionText]
    here: Existing  # the portfolio's comments and threads, to find what is already here
    mentors: list[str] = field(default_factory=list)  # the portfolio's mentors' names

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(v.text for v in self.versions)


def review_context(portfolio: Portfolio, actor: Person, as_version: bool) -> ReviewContext:
    """Check the role and read the versions and known comments (the preview's database part)."""
    require_role(portfolio, actor, *((MENTEE,) if as_version else (MENTEE, MENTOR)))
    versions = [VersionText(v.uuid, v.number, v.text) for v in drafts.versions(portfolio)]
    mentors = list(drafts.mentor_names(portfolio).values())
    return ReviewContext(actor, versions, Existing.of_portfolio(portfolio), mentors)


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
        resolved_by=document.modified_by,
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
    items = []
    for word in on_statement:
        item = PreviewComment(word, stored_text(word, context.actor))
        item.word_author = "" if same_name(word.author, context.actor.name) else word.author
        item.mentor = mentor_named(word.author, context.mentors)
        items.append(item)
    _thread(items, context.here)
    for item in items:
        word = item.word
        answers_here = item.placement == REPLY and item.reply_to is not None
        if word.outside or (word.parent_id in outside_ids and not answers_here):
            item.placement = OUTSIDE  # one already here stays listed with the others
            (preview.comments if item.duplicate_of else preview.outside).append(item)
            continue
        if item.placement != REPLY:
            item.start, item.end, item.placement = spots[word.word_id]
        preview.comments.append(item)
    preview.warnings += explain(preview, document, path)
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
