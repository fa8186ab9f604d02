"""Reading a Word document: its statement as Markdown and its comments with their ranges.

The file is untrusted; ``word.untrusted`` checks the zip and refuses DTDs before
any XML is parsed. python-docx is not used here: it does not expose where a
comment starts and ends, which we read from ``w:commentRangeStart``/``End``.

The Markdown written is checked against ``workbench.statement.markdown``, the
one reading of the subset: a Word paragraph in the Normal style whose text
begins like a block marker ("# ", "- ", "> ") gets a leading space, so it
reads back as the paragraph it was; a comment range is widened along the
emphasis markers that reading pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from workbench.statement import markdown
from workbench.word.export import IDENTIFIER_PREFIX, STATEMENT_BOOKMARK
from workbench.word.threads import parse_date, read_threads
from workbench.word.untrusted import (
    COMMENTS,
    COMMENTS_EXTENDED,
    COMMENTS_IDS,
    CORE,
    DOCUMENT,
    STYLES,
    parse_xml,
    read_parts,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DC = "http://purl.org/dc/elements/1.1/"
FALSE = {"0", "false", "off", "none"}
# Elements whose content is not the document's running text.
SKIPPED = {
    f"{{{W}}}{name}"
    for name in (
        "del",
        "moveFrom",
        "pPr",
        "rPr",
        "sectPr",
        "drawing",
        "pict",
        "object",
        "instrText",
        "delText",
        "footnoteReference",
        "endnoteReference",
    )
} | {f"{{{MC}}}Fallback"}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class WordComment:
    """A comment of the Word file; offsets are in ``WordDocument.markdown``."""

    word_id: str
    author: str
    initials: str
    when: datetime | None
    text: str
    quote: str = ""  # the words it covers in the Word file
    start: int | None = None  # None: not on the statement (or its range is broken)
    end: int | None = None
    parent_id: str | None = None  # a reply in Word to another comment
    done: bool = False  # marked done (resolved); a reply is done with its thread
    durable_id: str = ""  # Word's w16cid:durableId (in a review copy, derived from our uuid)


@dataclass
class WordDocument:
    markdown: str
    comments: list[WordComment] = field(default_factory=list)
    identifier: str = ""
    title: str = ""
    modified_by: str = ""  # who saved the file last, as the file says
    had_statement_bookmark: bool = False

    @property
    def version_uuid(self) -> str:
        """The version a review copy was exported from, if it says so."""
        if not self.identifier.startswith(IDENTIFIER_PREFIX):
            return ""
        return self.identifier[len(IDENTIFIER_PREFIX) :].rpartition(":")[2]


# Reading the document -------------------------------------------------------------------


def read_docx(path: Path | str) -> WordDocument:
    """The statement of a Word file as Markdown, and its comments placed on it."""
    path = Path(path)
    parts = read_parts(path)
    trees = {part: parse_xml(data, part, path.name) for part, data in parts.items()}
    styles = _style_names(trees.get(STYLES))
    walker = _BodyWalker(styles)
    body = trees[DOCUMENT].find(w("body"))
    if body is not None:
        walker.walk(body)
    document = WordDocument(
        markdown=walker.markdown(),
        had_statement_bookmark=walker.bookmark_id is not None,
    )
    if CORE in trees:
        document.identifier = _core_text(trees[CORE], "identifier")
        document.title = _core_text(trees[CORE], "title")
        document.modified_by = _core_text(trees[CORE], "lastModifiedBy", CP)
    if COMMENTS in trees:
        threads = (trees.get(COMMENTS_EXTENDED), trees.get(COMMENTS_IDS))
        document.comments = _comments(trees[COMMENTS], threads, walker)
    return document


def _core_text(core, tag: str, namespace: str = DC) -> str:
    found = core.find(f"{{{namespace}}}{tag}")
    return (found.text or "").strip() if found is not None else ""


def _style_names(styles) -> dict[str, str]:
    names = {}
    if styles is None:
        return names
    for style in styles.iter(w("style")):
        name = style.find(w("name"))
        style_id = style.get(w("styleId"), "")
        names[style_id] = (name.get(w("val"), "") if name is not None else style_id).lower()
    return names


def _kind_of(style: str, numbered: bool) -> str:
    if style in ("title", "heading 1"):
        return markdown.HEADING1
    if style.startswith("heading "):
        return markdown.HEADING2
    if style.startswith("list bullet") or numbered or style.startswith("list number"):
        return markdown.BULLET
    if style in ("quote", "intense quote"):
        return markdown.QUOTE
    return markdown.PARAGRAPH


def _on(props, tag: str) -> bool:
    if props is None:
        return False
    found = props.find(w(tag))
    return found is not None and found.get(w("val"), "true").lower() not in FALSE


class _BodyWalker:
    """Collects paragraphs (text pieces with their style) and comment range positions.

    Positions are counted in the plain text of the whole body, one "\\n" after
    each paragraph; ``markdown`` maps them onto the Markdown it writes.
    """

    def __init__(self, styles: dict[str, str]):
        self.styles = styles
        self.position = 0
        self.paragraphs: list[tuple[str, list[tuple[str, bool, bool, int]], bool]] = []
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}
        self.bookmark_id: str | None = None
        self.region: list[int] = []  # paragraph indexes of the statement bookmark
        self._pieces: list[tuple[str, bool, bool, int]] = []
        self._in_region = False
        self._in_paragraph = False
        self._close_region = False
        self._markdown: str | None = None
        self._segments: list[tuple[int, int, int]] = []  # body offset, markdown offset, length

    def walk(self, element) -> None:
        for child in element:
            tag = child.tag
            if tag in SKIPPED or not isinstance(tag, str):
                continue
            if tag == w("p"):
                self._paragraph(child)
            elif tag == w("r"):
                self._run(child)
            elif tag == w("commentRangeStart"):
                self.starts.setdefault(child.get(w("id"), ""), self.position)
            elif tag == w("commentRangeEnd"):
                self.ends.setdefault(child.get(w("id"), ""), self.position)
            elif tag == w("bookmarkStart") and child.get(w("name")) == STATEMENT_BOOKMARK:
                self.bookmark_id = child.get(w("id"))
                self._in_region = True
            elif tag == w("bookmarkEnd") and self.bookmark_id == child.get(w("id")):
                if self._in_paragraph:
                    self._close_region = True
                else:
                    self._in_region = False
            else:
                self.walk(child)

    def _paragraph(self, p) -> None:
        props = p.find(w("pPr"))
        style_id = ""
        numbered = False
        if props is not None:
            style = props.find(w("pStyle"))
            style_id = style.get(w("val"), "") if style is not None else ""
            numbered = props.find(w("numPr")) is not None
        self._pieces = []
        self._close_region = False
        self._in_paragraph = True
        was_in_region = self._in_region
        self.walk(p)
        self._in_paragraph = False
        if self._in_region or was_in_region:
            self.region.append(len(self.paragraphs))
        if self._close_region:
            self._in_region = False
        style = self.styles.get(style_id, style_id.lower())
        is_title = style in ("title", "subtitle")
        self.paragraphs.append((_kind_of(style, numbered), self._pieces, is_title))
        self.position += 1  # the paragraph mark

    def _run(self, r) -> None:
        props = r.find(w("rPr"))
        style = props.find(w("rStyle")) if props is not None else None
        style = (style.get(w("val"), "") if style is not None else "").lower()
        bold = _on(props, "b") or style == "strong"
        italic = _on(props, "i") or style == "emphasis"
        for child in r:
            tag = child.tag
            if tag == w("t"):
                text = child.text or ""
            elif tag in (w("tab"), w("br"), w("cr")):
                text = " "
            elif tag == w("noBreakHyphen"):
                text = "-"
            else:
                continue
            if text:
                self._pieces.append((text, bold, italic, self.position))
                self.position += len(text)

    # Markdown and offsets ------------------------------------------------------------

    def markdown(self) -> str:
        if self._markdown is None:
            self._markdown = self._write_markdown()
        return self._markdown

    def _write_markdown(self) -> str:
        chosen = (
            self.region
            if self.bookmark_id is not None
            else [i for i, (_, _, is_title) in enumerate(self.paragraphs) if not is_title]
        )
        out: list[str] = []
        length = 0
        previous_kind = None
        for index in chosen:
            kind, pieces, _ = self.paragraphs[index]
            if not "".join(piece[0] for piece in pieces).strip():
                continue
            if out:
                gap = "\n" if kind == previous_kind == markdown.BULLET else "\n\n"
                out.append(gap)
                length += len(gap)
            plain = kind in markdown.HEADINGS
            merged = _merged(pieces, plain)
            line = "".join(markdown.render_inline(text, b, i) for text, b, i, _ in merged)
            prefix = markdown.block_prefix(kind)
            if not markdown.reads_as(kind, line):
                prefix = " "  # an indented line is a paragraph, whatever it starts with
            out.append(prefix)
            length += len(prefix)
            for text, bold, italic, at in merged:
                length = self._emit(out, length, text, bold, italic, at)
            previous_kind = kind
        return "".join(out)

    def _emit(self, out: list[str], length: int, text: str, bold: bool, italic: bool, at: int):
        inner = text.strip()
        if not (bold or italic) or not inner:
            return self._copy(out, length, text, at)
        lead = len(text) - len(text.lstrip())
        marker = ("**" if bold else "") + ("*" if italic else "")
        length = self._copy(out, length, text[:lead], at)
        out.append(marker)
        length = self._copy(out, length + len(marker), inner, at + lead)
        out.append(marker[::-1])
        trail = text[lead + len(inner) :]
        return self._copy(out, length + len(marker), trail, at + lead + len(inner))

    def _copy(self, out: list[str], length: int, text: str, at: int) -> int:
        if text:
            out.append(text)
            self._segments.append((at, length, len(text)))
        return length + len(text)

    def to_markdown(self, position: int, is_end: bool) -> int | None:
        """A body offset as an offset in the Markdown (None outside the statement)."""
        segments = self._segments
        lo, hi = 0, len(segments)
        while lo < hi:  # the first segment that ends at or after the position
            mid = (lo + hi) // 2
            at, _, size = segments[mid]
            if at + size < position or (not is_end and at + size == position):
                lo = mid + 1
            else:
                hi = mid
        if lo < len(segments):
            at, md, size = segments[lo]
            if at <= position:
                return md + position - at
            if not is_end:
                return md  # a start between paragraphs: the next text
        if is_end and lo > 0:
            at, md, size = segments[lo - 1]
            return md + size
        return None


def _merged(pieces, plain: bool):
    """Neighbouring pieces with the same emphasis, joined (one marker pair each)."""
    merged: list[tuple[str, bool, bool, int]] = []
    for text, bold, italic, at in pieces:
        if plain:
            bold = italic = False
        if (
            merged
            and merged[-1][1:3] == (bold, italic)
            and merged[-1][3] + len(merged[-1][0]) == at
        ):
            merged[-1] = (merged[-1][0] + text, bold, italic, merged[-1][3])
        else:
            merged.append((text, bold, italic, at))
    return merged


# Comments -------------------------------------------------------------------------------


def _comments(tree, threads, walker: _BodyWalker) -> list[WordComment]:
    text = walker.markdown()
    parents, done, durable = read_threads(tree, *threads)
    found = []
    for element in tree.iter(w("comment")):
        word_id = element.get(w("id"), "")
        paragraphs = ["".join(t.text or "" for t in p.iter(w("t"))) for p in element.iter(w("p"))]
        comment = WordComment(
            word_id=word_id,
            author=(element.get(w("author")) or "").strip() or "Unknown author",
            initials=(element.get(w("initials")) or "").strip(),
            when=parse_date(element.get(w("date"))),
            text="\n".join(paragraphs).strip(),
            parent_id=parents.get(word_id),
            done=(parents.get(word_id) or word_id) in done,
            durable_id=durable.get(word_id, ""),
        )
        start, end = walker.starts.get(word_id), walker.ends.get(word_id)
        if start is not None and end is not None and end >= start:
            md_start = walker.to_markdown(start, is_end=False)
            md_end = walker.to_markdown(end, is_end=True)
            if md_start is not None and md_end is not None and md_end >= md_start:
                comment.start, comment.end = _balance(text, md_start, md_end)
                comment.quote = text[comment.start : comment.end]
        found.append(comment)
    return found


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a range that holds one marker of an emphasis pair to the other one, when
    that marker sits right at the range's edge (the pairs are the tokenizer's)."""
    for block in markdown.blocks_between(text, start, end):
        for pair in block.emphasis:
            opens_inside = start <= pair.start and pair.inner_start <= end
            closes_inside = start <= pair.inner_end and pair.end <= end
            if opens_inside and not closes_inside and pair.inner_end == end:
                end = pair.end
            elif closes_inside and not opens_inside and pair.inner_start == start:
                start = pair.start
    return start, end
