"""Reading a Word document: its statement as Markdown and its comments with their ranges.

The file is untrusted; ``word.untrusted`` checks the zip and refuses DTDs before
any XML is parsed. python-docx is not used here: it does not expose where a
comment starts and ends, which we read from ``w:commentRangeStart``/``End``
(``word.body`` walks the body, ``word.styles`` says what styles and numbering
mean, ``word.finding`` finds the statement, ``word.render`` writes it).

The statement is written twice when the file holds tracked changes: with them
accepted (``markdown``, what Word shows) and rejected (``original``, the text
the reviewer started from); each comment has its offsets in both. A comment
outside the statement (the title, a table, the appendix) keeps the words it
covers and says where it is; a comment at a single point is put on the word
at its reference mark. Its thread (parent, done mark, durable id) is read by
``word.threads``, and the file's last saver beside the title.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from workbench.statement import markdown
from workbench.word.body import Body
from workbench.word.export import IDENTIFIER_PREFIX, STATEMENT_BOOKMARK
from workbench.word.finding import statement_paragraphs
from workbench.word.render import ACCEPT, REJECT, Rendering, is_title, render
from workbench.word.styles import HEADING, Styles, w
from workbench.word.threads import parse_date, read_threads
from workbench.word.untrusted import (
    COMMENTS,
    COMMENTS_EXTENDED,
    COMMENTS_IDS,
    CORE,
    DOCUMENT,
    NUMBERING,
    STYLES,
    parse_xml,
    read_parts,
)

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
QUOTE_LIMIT = 200  # characters of a long range shown as its words


@dataclass
class WordComment:
    """A comment of the Word file; offsets are in ``WordDocument.markdown``."""

    word_id: str
    author: str
    initials: str
    when: datetime | None
    text: str
    quote: str = ""  # the words it covers in the statement's Markdown
    start: int | None = None  # None: not on the statement (or its range is broken)
    end: int | None = None
    parent_id: str | None = None  # a reply in Word to another comment
    done: bool = False  # marked done (resolved); a reply is done with its thread
    durable_id: str = ""  # Word's w16cid:durableId (in a review copy, derived from our uuid)
    words: str = ""  # the words it covers as the file shows them, wherever they are
    outside: str = ""  # where it is when not on the statement: "on the title", …
    point: bool = False  # made at a point (no selection): on the word at its mark
    original_start: int | None = None  # offsets in ``WordDocument.original``
    original_end: int | None = None


@dataclass(frozen=True)
class Change:
    """A tracked change in the statement, as the preview lists it."""

    kind: str  # "inserted" or "deleted"
    author: str
    text: str


@dataclass
class WordDocument:
    markdown: str
    comments: list[WordComment] = field(default_factory=list)
    identifier: str = ""
    title: str = ""
    modified_by: str = ""  # who saved the file last, as the file says
    had_statement_bookmark: bool = False
    found_by: str = ""  # finding.BOOKMARK, BEST_MATCH or HEADINGS
    original: str | None = None  # the statement with its tracked changes rejected
    changes: list[Change] = field(default_factory=list)

    def __post_init__(self):
        if self.original is None:
            self.original = self.markdown

    @property
    def version_uuid(self) -> str:
        """The version a review copy was exported from, if it says so."""
        if not self.identifier.startswith(IDENTIFIER_PREFIX):
            return ""
        return self.identifier[len(IDENTIFIER_PREFIX) :].rpartition(":")[2]

    def text_for(self, tracked: str) -> str:
        """The statement with tracked changes accepted or rejected."""
        return self.original if tracked == REJECT else self.markdown

    def spot(self, comment: WordComment, tracked: str) -> tuple[int | None, int | None]:
        if tracked == REJECT:
            return comment.original_start, comment.original_end
        return comment.start, comment.end


# Reading the document -------------------------------------------------------------------


def read_docx(path: Path | str, known: tuple[str, ...] = ()) -> WordDocument:
    """The statement of a Word file as Markdown, and its comments placed on it.

    ``known`` are the texts of the statement's versions, used to find the
    statement in a file that lost its bookmark.
    """
    path = Path(path)
    parts = read_parts(path)
    trees = {part: parse_xml(data, part, path.name) for part, data in parts.items()}
    styles = Styles(trees.get(STYLES), trees.get(NUMBERING))
    body = Body(styles, STATEMENT_BOOKMARK)
    element = trees[DOCUMENT].find(w("body"))
    if element is not None:
        body.walk(element)
    chosen, found_by = statement_paragraphs(body, known)
    accepted = render(body, chosen, ACCEPT)
    rejected = render(body, chosen, REJECT) if body.changes else accepted
    document = WordDocument(
        markdown=accepted.markdown,
        had_statement_bookmark=body.bookmark_id is not None,
        found_by=found_by,
        original=rejected.markdown,
        changes=[
            Change(change.kind, change.author, body.text[change.start : change.end])
            for change in body.changes
            if rejected.covers(change.start, change.end)
            or accepted.covers(change.start, change.end)
        ],
    )
    if CORE in trees:
        document.identifier = _core_text(trees[CORE], "identifier")
        document.title = _core_text(trees[CORE], "title")
        document.modified_by = _core_text(trees[CORE], "lastModifiedBy", CP)
    if COMMENTS in trees:
        places = _Places(body, accepted, rejected)
        threads = (trees.get(COMMENTS_EXTENDED), trees.get(COMMENTS_IDS))
        document.comments = _comments(trees[COMMENTS], threads, places)
    return document


def _index_at(starts: list[int], position: int) -> int | None:
    index = bisect_right(starts, position) - 1
    return index if index >= 0 else None


def _core_text(core, tag: str, namespace: str = DC) -> str:
    found = core.find(f"{{{namespace}}}{tag}")
    return (found.text or "").strip() if found is not None else ""


# Where a comment is -------------------------------------------------------------------------


class _Places:
    """Puts a comment's body range on each rendering, or says where it is instead."""

    def __init__(self, body: Body, accepted: Rendering, rejected: Rendering):
        self.body = body
        self.accepted = accepted
        self.rejected = rejected
        self.text = body.text
        self.starts = [p.start for p in body.paragraphs]
        self.sections: list[str] = []  # the heading each paragraph sits under
        heading = ""
        for paragraph in body.paragraphs:
            if paragraph.meaning == HEADING and not paragraph.in_table:
                heading = paragraph.text().strip()
            self.sections.append(heading)

    def place(self, comment: WordComment, start: int | None, end: int | None) -> None:
        mark = self.body.marks.get(comment.word_id)
        if start is None or end is None or end < start:
            if mark is None:
                return  # a broken range and no mark: kept, on nothing
            start = end = mark
        comment.point = not self.text[start:end].strip()
        comment.words = " ".join(self.text[start:end].split())[:QUOTE_LIMIT]
        spot = _on(self.accepted, start, end, comment.point)
        if spot is None:
            comment.outside = self._where(start)
            if not comment.words:
                index = _index_at(self.starts, start)
                paragraph = self.body.paragraphs[index] if index is not None else None
                comment.words = paragraph.text().strip()[:QUOTE_LIMIT] if paragraph else ""
            return
        comment.start, comment.end = spot
        comment.quote = self.accepted.markdown[spot[0] : spot[1]]
        if comment.words and self.accepted.to_markdown(start, False) == self.accepted.to_markdown(
            end, True
        ):
            comment.point = True  # its words were all deleted: it sits where they were
        again = _on(self.rejected, start, end, comment.point)
        if again is not None:
            comment.original_start, comment.original_end = again

    def _where(self, position: int) -> str:
        index = _index_at(self.starts, position)
        if index is None:
            return "before the statement"
        paragraph = self.body.paragraphs[index]
        if is_title(paragraph):
            return "on the title"
        section = self.sections[index]
        under = f" under the heading “{section}”" if section else ""
        if paragraph.in_table:
            return "in a table" + under
        return ("outside the statement" + under) if under else "outside the statement"


def _on(rendering: Rendering, start: int, end: int, point: bool) -> tuple[int, int] | None:
    """The Markdown range of a body range in one rendering (a point: the word there)."""
    if not rendering.covers(start, end):
        return None
    text = rendering.markdown
    md_start = rendering.to_markdown(start, is_end=False)
    md_end = rendering.to_markdown(end, is_end=True)
    if md_start is None or md_end is None:
        return None
    if point or md_end <= md_start or not text[md_start:md_end].strip():
        return _word_at(text, md_start)
    while text[md_start].isspace():  # a selection's spaces at its edges are not its words
        md_start += 1
    while text[md_end - 1].isspace():
        md_end -= 1
    return _balance(text, md_start, md_end)


def _word_at(text: str, at: int) -> tuple[int, int] | None:
    """The word at (or else just before, else just after) an offset, on its line."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end == -1 else line_end
    start = end = min(at, line_end)
    while start > line_start and _wordy(text[start - 1]):
        start -= 1
    while end < line_end and _wordy(text[end]):
        end += 1
    if end > start:
        return start, end
    back = start
    while back > line_start and not _wordy(text[back - 1]):
        back -= 1
    if back > line_start:
        start = back
        while start > line_start and _wordy(text[start - 1]):
            start -= 1
        return start, back
    forward = end
    while forward < line_end and not _wordy(text[forward]):
        forward += 1
    end = forward
    while end < line_end and _wordy(text[end]):
        end += 1
    return (forward, end) if end > forward else None


def _wordy(char: str) -> bool:
    return char.isalnum() or char in "'’-"


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a range that holds one marker of an emphasis pair to the other one, when
    that marker sits right at the range's edge (the pairs are the tokenizer's)."""
    if (
        "*" not in text[max(0, start - 3) : start + 3]
        and "*" not in text[max(0, end - 3) : end + 3]
    ):
        return start, end  # no marker near an edge: nothing to widen (and no parse)
    for block in markdown.blocks_between(text, start, end):
        for pair in block.emphasis:
            opens_inside = start <= pair.start and pair.inner_start <= end
            closes_inside = start <= pair.inner_end and pair.end <= end
            if opens_inside and not closes_inside and pair.inner_end == end:
                end = pair.end
            elif closes_inside and not opens_inside and pair.inner_start == start:
                start = pair.start
    return start, end


# The comments part ---------------------------------------------------------------------------


def _comments(tree, threads, places: _Places) -> list[WordComment]:
    parents, done, durable = read_threads(tree, *threads)
    found = []
    tags = {name: w(name) for name in ("id", "p", "t", "author", "initials", "date")}
    for element in tree.iter(w("comment")):
        word_id = element.get(tags["id"], "")
        paragraphs = [
            "".join(t.text or "" for t in p.iter(tags["t"])) for p in element.iter(tags["p"])
        ]
        comment = WordComment(
            word_id=word_id,
            author=(element.get(tags["author"]) or "").strip() or "Unknown author",
            initials=(element.get(tags["initials"]) or "").strip(),
            when=parse_date(element.get(tags["date"])),
            text="\n".join(paragraphs).strip(),
            parent_id=parents.get(word_id),
            done=(parents.get(word_id) or word_id) in done,
            durable_id=durable.get(word_id, ""),
        )
        places.place(comment, places.body.starts.get(word_id), places.body.ends.get(word_id))
        found.append(comment)
    return found
