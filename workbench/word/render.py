"""Writing chosen paragraphs of a walked body as the statement's Markdown, with offsets.

The Markdown written is checked against ``workbench.statement.markdown``, the
one reading of the subset: a Word paragraph whose text begins like a block
marker ("# ", "- ", "> ") gets a leading space, so it reads back as the
paragraph it was. A heading's level becomes its number of "#", a bullet
"- ", an ordered item a paragraph that starts with its number ("2. "), since
the subset has no ordered lists.

``Rendering`` maps body positions to Markdown offsets: every piece of text
copied is a segment (body position, Markdown offset, length).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from workbench.statement import markdown
from workbench.word.body import DELETED, INSERTED, Body, Paragraph
from workbench.word.styles import HEADING, LIST, QUOTE, SUBTITLE, TITLE

ACCEPT, REJECT = "accept", "reject"  # tracked changes: the text after them, or before
LEFT_OUT = {ACCEPT: DELETED, REJECT: INSERTED}


@dataclass
class Rendering:
    markdown: str
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    # (body start, body end, markdown start, markdown end) of each paragraph written
    paragraphs: list[tuple[int, int, int, int]] = field(default_factory=list)

    def covers(self, start: int, end: int) -> bool:
        """Whether the body range (or point) touches a paragraph written here."""
        index = bisect_right(self._starts, end) - 1
        if index < 0:
            return False
        body_start, body_end, _, _ = self.paragraphs[index]
        return body_end >= start if end > start else body_start <= start <= body_end

    @property
    def _starts(self) -> list[int]:
        if not hasattr(self, "_cached_starts"):
            self._cached_starts = [p[0] for p in self.paragraphs]
        return self._cached_starts

    def to_markdown(self, position: int, is_end: bool) -> int | None:
        """A body offset as an offset in the Markdown (None outside it)."""
        segments = self.segments
        if not hasattr(self, "_ends"):
            self._ends = [at + size for at, _, size in segments]
        # The first segment that ends at or after the position (a start: after it).
        lo = (bisect_left if is_end else bisect_right)(self._ends, position)
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


def kind_of(paragraph: Paragraph) -> tuple[str, int]:
    """The Markdown block kind (and heading level) a paragraph reads as."""
    if paragraph.meaning in (TITLE, HEADING):
        level = 1 if paragraph.meaning == TITLE else max(1, min(paragraph.level, 6))
        return (markdown.HEADING1 if level == 1 else markdown.HEADING2), level
    if paragraph.meaning == LIST and not paragraph.label:
        return markdown.BULLET, 0
    if paragraph.meaning == QUOTE:
        return markdown.QUOTE, 0
    return markdown.PARAGRAPH, 0


def render(body: Body, chosen: list[int], mode: str = ACCEPT) -> Rendering:
    """The Markdown of the chosen paragraphs, tracked changes accepted or rejected."""
    leave_out = LEFT_OUT[mode]
    rendering = Rendering("")
    out: list[str] = []
    length = 0
    previous = None
    for index in chosen:
        paragraph = body.paragraphs[index]
        pieces = [p for p in paragraph.pieces if p.change != leave_out]
        if not "".join(p.text for p in pieces).strip():
            continue
        kind, level = kind_of(paragraph)
        listed = paragraph.meaning == LIST
        if out:
            gap = "\n" if listed and previous else "\n\n"
            out.append(gap)
            length += len(gap)
        merged = _merged(pieces)
        line = "".join(
            markdown.render_inline("".join(t for t, _ in parts), b, i) for parts, b, i in merged
        )
        prefix = markdown.block_prefix(kind, level)
        if paragraph.label:
            prefix = paragraph.label + " "
        elif not markdown.reads_as(kind, line, level):
            prefix = " "  # an indented line is a paragraph, whatever it starts with
        out.append(prefix)
        length += len(prefix)
        md_start = length
        for parts, bold, italic in merged:
            length = _emit(rendering, out, length, parts, bold, italic)
        rendering.paragraphs.append((paragraph.start, paragraph.end, md_start, length))
        previous = listed
    rendering.markdown = "".join(out)
    return rendering


def _emit(rendering, out: list[str], length: int, parts, bold: bool, italic: bool) -> int:
    """Copy a group of pieces, with emphasis markers hugging its words."""
    text = "".join(t for t, _ in parts)
    inner = text.strip()
    if not (bold or italic) or not inner:
        return _copy(rendering, out, length, parts, 0, len(text))
    lead = len(text) - len(text.lstrip())
    marker = ("**" if bold else "") + ("*" if italic else "")
    length = _copy(rendering, out, length, parts, 0, lead)
    out.append(marker)
    length = _copy(rendering, out, length + len(marker), parts, lead, lead + len(inner))
    out.append(marker[::-1])
    return _copy(rendering, out, length + len(marker), parts, lead + len(inner), len(text))


def _copy(rendering: Rendering, out: list[str], length: int, parts, start: int, end: int):
    """Copy characters start:end of the group's text, one segment per piece touched."""
    if len(parts) == 1:  # the usual case: one piece
        text, at = parts[0]
        if start < end:
            out.append(text[start:end])
            rendering.segments.append((at + start, length, end - start))
        return length + max(0, end - start)
    offset = 0
    for text, at in parts:
        a, b = max(start, offset), min(end, offset + len(text))
        if a < b:
            out.append(text[a - offset : b - offset])
            rendering.segments.append((at + a - offset, length, b - a))
            length += b - a
        offset += len(text)
        if offset >= end:
            break
    return length


def _merged(pieces) -> list[tuple[list[tuple[str, int]], bool, bool]]:
    """Neighbouring pieces with the same emphasis, grouped (one marker pair each).

    A group keeps its pieces (text, body position) apart, so a paragraph split
    into tens of thousands of runs costs its length, not its length squared,
    and a group that spans a tracked deletion still maps each piece.
    """
    groups: list[tuple[list[tuple[str, int]], bool, bool]] = []
    for piece in pieces:
        bold, italic = piece.bold, piece.italic  # direct or from a character style
        if groups and groups[-1][1:] == (bold, italic):
            groups[-1][0].append((piece.text, piece.at))
        else:
            groups.append(([(piece.text, piece.at)], bold, italic))
    return groups


def is_title(paragraph: Paragraph) -> bool:
    return paragraph.meaning in (TITLE, SUBTITLE)
