"""The statement's Markdown subset: the one reading of it, with source offsets.

The editor's highlighter, the word count, the Word export, the Word import and
the redline all read the statement through this module (DESIGN.md, rule 8), so
what the mentee sees styled, what is counted and what Word prints are the same.

The rules
---------

Lines and blocks
    Lines end at ``"\\n"`` (a ``"\\r"`` before it is trailing space). Each line
    that holds anything but whitespace is one block, exactly as the editor
    shows it; blank lines separate nothing more than that.

Block markers: at the very start of the line, then a space
    A marker counts only in the first column and only when one or more spaces
    or tabs and then some text follow it:

    - ``#`` is a heading of level 1, ``##`` of level 2; ``###`` to ``######``
      are headings of that depth that Word shows as level 2 (``level`` keeps
      the depth, ``kind`` is ``heading1`` or ``heading2``). Seven ``#`` or
      more, ``#text`` and a ``#`` alone are paragraph text. Trailing ``#``
      are part of the heading's text.
    - ``- `` or ``* `` is a list item.
    - ``> `` is a quotation.

    An indented line is a paragraph, whatever it starts with: ``  # Title``
    is the text "# Title". (So a leading space is how to write a paragraph
    that starts with "# ", and how the Word import keeps one.)

Inline: emphasis and strong
    A run of ``*`` may open emphasis when the character after it is not
    whitespace, and may close when the character before it is not whitespace
    (the ends of the line count as whitespace). ``2 * 3 * 4`` is therefore
    plain text, ``2*3*4`` puts "3" in italics. Runs are read left to right:
    a run that may close first closes the innermost open markers while they
    fit in it (``*`` needs one star, ``**`` two); what is left of it, if it
    may open, opens ``**`` markers, and a last ``*`` if the count is odd (so
    ``***both***`` is strong and emphasised). A marker never closes within
    the run that opened it, so emphasis is never empty. Markers left open at
    the end of the line are plain text. Strong and emphasis nest freely.

Inline: citations
    ``[E`` then 1 to 4 digits without a leading zero, then ``]``: ``[E1]`` to
    ``[E9999]``. ``[E12345]``, ``[E0]``, ``[E012]`` and ``[e12]`` are plain
    text. A citation is one span carrying its number; it takes the emphasis
    around it.

Inline: quoted words
    Text between straight double quotes ``"…"`` or curly ones ``“…”`` on one
    line (marks included) is marked ``quoted``: it looks like any other text
    but a route may leave it out of the word count, as it does ``> ``
    quotations. An unmatched mark quotes nothing.

Spans
    A block's ``spans`` cover its text in order; each span's text is exactly
    ``source[start:end]``, so a comment anchored to source offsets can be laid
    onto them. Block markers, the spaces after them and matched emphasis
    markers belong to no span (``Block.markers`` lists them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

CITATION = re.compile(r"\[E([1-9]\d{0,3})\]")
QUOTATION = re.compile(r"\"[^\"\n]*\"|\u201c[^\u201d\n]*\u201d")
_HEADING = re.compile(r"(#{1,6})[ \t]+(?=\S)")
_BULLET = re.compile(r"[-*][ \t]+(?=\S)")
_QUOTE = re.compile(r">[ \t]+(?=\S)")
_STARS = re.compile(r"\*+")
_SPECIAL = re.compile('[*\\["\u201c]')

PARAGRAPH = "paragraph"
HEADING1 = "heading1"
HEADING2 = "heading2"
BULLET = "bullet"
QUOTE = "quote"
HEADINGS = (HEADING1, HEADING2)


@dataclass(frozen=True)
class Span:
    text: str
    start: int  # offset of text[0] in the source
    bold: bool = False
    italic: bool = False
    citation: int | None = None  # the evidence number of a citation span
    quoted: bool = False  # between quotation marks on the line

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def slice(self, start: int, end: int) -> Span:
        """The part of this span between two source offsets (clipped to it)."""
        start, end = max(start, self.start), min(end, self.end)
        return Span(
            self.text[start - self.start : end - self.start],
            start,
            self.bold,
            self.italic,
            self.citation,
            self.quoted,
        )


@dataclass(frozen=True)
class Emphasis:
    """A matched pair of markers: ``start:inner_start`` opens, ``inner_end:end`` closes."""

    strong: bool
    start: int
    inner_start: int
    inner_end: int
    end: int


@dataclass(frozen=True)
class Block:
    """One line's reading; immutable, as ``parse_line`` hands the same one to its readers."""

    kind: str
    start: int  # offset of the line in the source
    spans: tuple[Span, ...] = ()
    level: int = 0  # a heading's number of "#"
    end: int = 0  # offset just after the line's last non-space character
    content_start: int = 0  # offset of the text after the block marker
    marker_end: int = 0  # end of the block marker itself ("#", "-", ">"), 0 if none
    emphasis: tuple[Emphasis, ...] = ()

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def markers(self) -> list[tuple[int, int]]:
        """Source ranges of markup: the block marker and every matched emphasis marker."""
        found = [(self.start, self.marker_end)] if self.marker_end else []
        for pair in self.emphasis:
            found += [(pair.start, pair.inner_start), (pair.inner_end, pair.end)]
        return sorted(found)


def parse(source: str) -> list[Block]:
    """The blocks of a statement, one per non-blank line."""
    return _blocks(source, 0)


def blocks_between(source: str, start: int, end: int) -> list[Block]:
    """The blocks of the lines that the range ``start:end`` of the source touches."""
    first = source.rfind("\n", 0, start) + 1
    last = source.find("\n", end)
    return _blocks(source[first : len(source) if last == -1 else last], first)


def _blocks(lines: str, offset: int) -> list[Block]:
    blocks = []
    for line in lines.split("\n"):
        block = parse_line(line, offset)
        if block is not None:
            blocks.append(block)
        offset += len(line) + 1
    return blocks


# The last line read is kept: on a keystroke the highlighter and the word count
# both read the line it changed.
@lru_cache(maxsize=1)
def parse_line(line: str, offset: int = 0) -> Block | None:
    """The block of one line (without its newline) starting at ``offset``; None if blank.

    This is the entry point for a reader that works line by line, such as the
    editor's highlighter (one text block at a time) and the word count.
    """
    end = len(line.rstrip())
    if not end:
        return None
    kind, level, marker_end, content = _block_marker(line)
    spans, emphasis = _inline(line[content:end], offset + content)
    return Block(
        kind,
        offset,
        spans,
        level,
        offset + end,
        offset + content,
        offset + marker_end if marker_end else 0,
        emphasis,
    )


def _block_marker(line: str) -> tuple[str, int, int, int]:
    """(kind, level, end of the marker or 0, start of the text) of a non-blank line."""
    kind, level, marker_end, content = PARAGRAPH, 0, 0, len(line) - len(line.lstrip())
    if content == 0:
        first = line[0]
        found = None
        if first == "#":
            found = _HEADING.match(line)
            if found:
                level = len(found.group(1))
                kind = HEADING1 if level == 1 else HEADING2
                marker_end = level
        elif first in "-*":
            found = _BULLET.match(line)
            kind, marker_end = (BULLET, 1) if found else (kind, 0)
        elif first == ">":
            found = _QUOTE.match(line)
            kind, marker_end = (QUOTE, 1) if found else (kind, 0)
        if found:
            content = found.end()
    return kind, level, marker_end, content


def _inline(text: str, offset: int) -> tuple[tuple[Span, ...], tuple[Emphasis, ...]]:
    """The spans and matched emphasis of a block's text (see the module's rules)."""
    if not _SPECIAL.search(text):
        return (Span(text, offset),), ()
    pairs = _match_stars(text)
    events = [(a, b, 0, strong) for a, b, _, _, strong in pairs]  # openers
    events += [(c, d, 1, strong) for _, _, c, d, strong in pairs]  # closers
    events += [(m.start(), m.end(), 2, int(m.group(1))) for m in CITATION.finditer(text)]
    events.sort()
    quotes = (
        [(m.start(), m.end()) for m in QUOTATION.finditer(text)]
        if '"' in text or ("\u201c" in text)
        else []
    )
    spans: list[Span] = []
    strong = em = 0
    at = 0
    for start, end, what, data in events:
        _plain(spans, text, offset, at, start, strong > 0, em > 0, quotes)
        if what == 2:
            quoted = any(a <= start < b for a, b in quotes)
            spans.append(Span(text[start:end], offset + start, strong > 0, em > 0, data, quoted))
        elif data:
            strong += 1 if what == 0 else -1
        else:
            em += 1 if what == 0 else -1
        at = end
    _plain(spans, text, offset, at, len(text), False, False, quotes)
    emphasis = tuple(
        Emphasis(strong, offset + a, offset + b, offset + c, offset + d)
        for a, b, c, d, strong in sorted(pairs)
    )
    return tuple(spans), emphasis


def _plain(spans, text, offset, start, end, bold, italic, quotes) -> None:
    """Add ``text[start:end]`` as spans of one style, cut where quoted words begin and end."""
    if start >= end:
        return
    for a, b in quotes:
        if b <= start or a >= end:
            continue
        if a > start:
            spans.append(Span(text[start:a], offset + start, bold, italic))
            start = a
        cut = min(b, end)
        spans.append(Span(text[start:cut], offset + start, bold, italic, quoted=True))
        start = cut
        if start >= end:
            return
    spans.append(Span(text[start:end], offset + start, bold, italic))


def _match_stars(text: str) -> list[tuple[int, int, int, int, bool]]:
    """Matched marker pairs as (open start, open end, close start, close end, strong)."""
    pairs = []
    stack: list[tuple[int, int]] = []  # (size, position) of open markers, innermost last
    last = len(text)
    for run in _STARS.finditer(text):
        start, end = run.span()
        left = end - start
        if start and not text[start - 1].isspace():  # may close
            while left and stack and stack[-1][0] <= left:
                size, opened = stack.pop()
                pairs.append((opened, opened + size, start, start + size, size == 2))
                start += size
                left -= size
        if left and end < last and not text[end].isspace():  # may open
            sizes = [2] * (left // 2) + [1] * (left % 2)
            for size in sizes:
                stack.append((size, start))
                start += size
    return pairs


def citations(source: str) -> list[int]:
    """Every evidence number cited, in order of first appearance."""
    seen: dict[int, None] = {}
    for block in parse(source):
        for span in block.spans:
            if span.citation is not None:
                seen.setdefault(span.citation, None)
    return list(seen)


def citation_spans(source: str) -> list[Span]:
    """Every citation span, in source order."""
    return [s for block in parse(source) for s in block.spans if s.citation is not None]


def split_at(spans: Iterable[Span], cuts: set[int]) -> list[Span]:
    """The spans cut at the given source offsets, so a range covers whole spans."""
    result = []
    for span in spans:
        inner = sorted(c for c in cuts if span.start < c < span.end)
        edges = [span.start, *inner, span.end]
        result.extend(span.slice(a, b) for a, b in zip(edges, edges[1:], strict=False))
    return result


# Writing the subset back (import of a Word document) ------------------------------------


def render_inline(text: str, bold: bool, italic: bool) -> str:
    """Markdown of a run of text; markers hug the words, spaces stay outside."""
    if not text.strip() or not (bold or italic):
        return text
    stripped = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    marker = ("**" if bold else "") + ("*" if italic else "")
    return f"{lead}{marker}{stripped}{marker[::-1]}{trail}"


def block_prefix(kind: str, level: int = 0) -> str:
    """The marker that starts a block of this kind (a heading's ``level`` is its depth)."""
    if kind in HEADINGS and level:
        return "#" * max(1, min(level, 6)) + " "
    return {HEADING1: "# ", HEADING2: "## ", BULLET: "- ", QUOTE: "> "}.get(kind, "")


def reads_as(kind: str, text: str, level: int = 0) -> bool:
    """Whether ``block_prefix(kind, level) + text`` reads back as a block of that kind."""
    line = block_prefix(kind, level) + text
    return bool(line.strip()) and _block_marker(line)[0] == kind
