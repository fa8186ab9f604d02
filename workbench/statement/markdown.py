"""The statement's Markdown subset, parsed into blocks of styled spans.

The subset (DESIGN.md, Text): ``#``/``##`` headings (deeper ones read as ``##``),
paragraphs, ``*em*``, ``**strong**``, ``- `` list items, ``> `` quotations and evidence citations
``[E12]``. Each non-blank line is one block, as the mentee sees it in the
editor. Every span keeps the offsets of its text in the source, and its text is
exactly ``source[start:end]``, so a comment anchored to source offsets can be
laid onto the spans (markers such as ``**`` belong to no span).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CITATION = re.compile(r"\[E(\d{1,4})\]")
_BLOCK_PREFIX = re.compile(r"(#{1,6}) +|- +|\* +|> ?")

PARAGRAPH = "paragraph"
HEADING1 = "heading1"
HEADING2 = "heading2"
BULLET = "bullet"
QUOTE = "quote"


@dataclass(frozen=True)
class Span:
    text: str
    start: int  # offset of text[0] in the source
    bold: bool = False
    italic: bool = False
    citation: int | None = None  # the evidence number of a citation span

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
        )


@dataclass
class Block:
    kind: str
    start: int  # offset of the line in the source
    spans: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def parse(source: str) -> list[Block]:
    """The blocks of a statement, one per non-blank line."""
    blocks = []
    offset = 0
    for line in source.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            blocks.append(_parse_line(body, offset))
        offset += len(line)
    return blocks


def _parse_line(line: str, offset: int) -> Block:
    indent = len(line) - len(line.lstrip(" "))
    match = _BLOCK_PREFIX.match(line, indent)
    kind, content_start = PARAGRAPH, indent
    if match:
        marker = match.group(0).strip()
        kind = {"#": HEADING1, "-": BULLET, "*": BULLET, ">": QUOTE}.get(marker, HEADING2)
        content_start = match.end()
    content_end = len(line.rstrip())
    spans = _inline(line[content_start:content_end], offset + content_start)
    return Block(kind, offset, spans)


def _inline(text: str, offset: int) -> list[Span]:
    """Spans of one line: emphasis markers toggle styles, citations stand alone."""
    spans: list[Span] = []
    bold = italic = False
    plain_from = 0
    i = 0

    def flush(upto: int) -> None:
        if upto > plain_from:
            spans.append(Span(text[plain_from:upto], offset + plain_from, bold, italic))

    while i < len(text):
        if text.startswith("**", i) and (bold or "**" in text[i + 2 :]):
            flush(i)
            bold = not bold
            i += 2
            plain_from = i
        elif text[i] == "*" and (italic or _closes(text, i + 1)):
            flush(i)
            italic = not italic
            i += 1
            plain_from = i
        elif text[i] == "[" and (found := CITATION.match(text, i)):
            flush(i)
            spans.append(Span(found.group(0), offset + i, bold, italic, int(found.group(1))))
            i = plain_from = found.end()
        else:
            i += 1
    flush(len(text))
    return spans


def _closes(text: str, start: int) -> bool:
    """A single ``*`` opens emphasis only if a lone ``*`` closes it later."""
    j = start
    while (j := text.find("*", j)) != -1:
        if not text.startswith("**", j):
            return True
        j += 2
    return False


def citations(source: str) -> list[int]:
    """Every evidence number cited, in order of first appearance."""
    seen: dict[int, None] = {}
    for found in CITATION.finditer(source):
        seen.setdefault(int(found.group(1)), None)
    return list(seen)


def split_at(spans: list[Span], cuts: set[int]) -> list[Span]:
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


def block_prefix(kind: str) -> str:
    return {HEADING1: "# ", HEADING2: "## ", BULLET: "- ", QUOTE: "> "}.get(kind, "")
