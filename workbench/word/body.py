"""Walking a Word document's body: its paragraphs, their runs, and where comments sit.

One pass over ``w:body`` collects each paragraph (its meaning from its style
and numbering, its pieces of text with their emphasis and tracked-change
state, whether it is in a table or in the statement's bookmark) and the body
positions of comment range starts, ends and reference marks.

Positions count the characters of every piece (tracked insertions and
deletions alike) plus one "\\n" after each paragraph, so ``Body.text`` is the
whole body as one string and a position is an index into it. What Word
hides is not text: hidden runs (``w:vanish``), field codes (``instrText``
and what lies between a field's begin and separate marks), drawings,
properties. Smart tags, hyperlinks, simple fields, content controls and
custom XML are walked through to the runs inside.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.word.styles import (
    BODY,
    FALSE,
    HEADING,
    LIST,
    SUBTITLE,
    TITLE,
    Styles,
    number_label,
    numbering_of,
    switched_on,
    w,
)

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
INSERTED, DELETED = "inserted", "deleted"
CHANGES = {w("ins"): INSERTED, w("moveTo"): INSERTED, w("del"): DELETED, w("moveFrom"): DELETED}
SKIPPED = {
    w(name)
    for name in (
        "pPr",
        "rPr",
        "sectPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tcPr",
        "sdtPr",
        "sdtEndPr",
        "customXmlPr",
        "smartTagPr",
        "drawing",
        "pict",
        "object",
        "footnoteReference",
        "endnoteReference",
        "rt",
    )
} | {f"{{{MC}}}Fallback"}
TEXT = {w("t"), w("delText")}
RPR, RSTYLE, VAL, ID, TYPE = w("rPr"), w("rStyle"), w("val"), w("id"), w("type")
BR, FIELD_CHAR, FIELD_CHAR_TYPE = w("br"), w("fldChar"), w("fldCharType")
REFERENCE = w("commentReference")
P, R, TBL, NAME = w("p"), w("r"), w("tbl"), w("name")
RANGE_START, RANGE_END = w("commentRangeStart"), w("commentRangeEnd")
BOOKMARK_START, BOOKMARK_END = w("bookmarkStart"), w("bookmarkEnd")
PPR, PSTYLE = w("pPr"), w("pStyle")
TOGGLES = {w("b"): "b", w("i"): "i", w("vanish"): "vanish"}
SPACES = {w("tab"): "\t", w("ptab"): "\t", w("cr"): " ", w("noBreakHyphen"): "-"}


@dataclass
class Piece:
    text: str
    bold: bool
    italic: bool
    at: int  # body position of text[0]
    change: str = ""  # INSERTED, DELETED or ""


@dataclass
class Paragraph:
    meaning: str  # styles.TITLE, SUBTITLE, HEADING, LIST, QUOTE or BODY
    level: int = 0  # a heading's level
    label: str = ""  # an ordered item's number, "3."; "" for a bullet or no list
    pieces: list[Piece] = field(default_factory=list)
    start: int = 0  # body position of its first character
    in_table: bool = False
    in_statement: bool = False  # inside the statement's bookmark
    page_break: bool = False

    @property
    def end(self) -> int:
        """Body position of its paragraph mark."""
        return self.pieces[-1].at + len(self.pieces[-1].text) if self.pieces else self.start

    def text(self, leave_out: str = DELETED) -> str:
        return "".join(p.text for p in self.pieces if p.change != leave_out)


@dataclass
class TrackedChange:
    kind: str  # INSERTED or DELETED
    author: str
    start: int
    end: int
    in_statement: bool = False


class Body:
    """The walked body. ``walk(body_element)`` once, then read the attributes."""

    def __init__(self, styles: Styles, bookmark: str):
        self.styles = styles
        self.bookmark = bookmark
        self.paragraphs: list[Paragraph] = []
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}
        self.marks: dict[str, int] = {}  # comment reference marks
        self.changes: list[TrackedChange] = []
        self.bookmark_id: str | None = None
        self._chunks: list[str] = []
        self.position = 0
        self._paragraph: Paragraph | None = None
        self._paragraph_style = ""
        self._in_region = False
        self._close_region = False
        self._tables = 0
        self._fields: list[bool] = []  # per open field: still in its code part
        self._change = ""
        self._counters: dict[tuple[str, int], int] = {}
        self._inherited: dict[tuple[str, str], tuple[bool, bool, bool]] = {}

    @property
    def text(self) -> str:
        return "".join(self._chunks)

    # Walking -----------------------------------------------------------------------------

    def walk(self, element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED:
                continue
            if tag == P:
                self._walk_paragraph(child)
            elif tag == R:
                self._run(child)
            elif tag in CHANGES:
                self._tracked(child, CHANGES[tag])
            elif tag == TBL:
                self._tables += 1
                self.walk(child)
                self._tables -= 1
            elif tag == RANGE_START:
                self.starts.setdefault(child.get(ID, ""), self.position)
            elif tag == RANGE_END:
                self.ends.setdefault(child.get(ID, ""), self.position)
            elif tag == BOOKMARK_START:
                if child.get(NAME) == self.bookmark and self.bookmark_id is None:
                    self.bookmark_id = child.get(ID)
                    self._in_region = True
            elif tag == BOOKMARK_END:
                if self.bookmark_id is not None and self.bookmark_id == child.get(ID):
                    if self._paragraph is not None:
                        self._close_region = True
                    else:
                        self._in_region = False
            else:
                self.walk(child)

    def _tracked(self, element, kind: str) -> None:
        outer, self._change = self._change, kind
        author = element.get(w("author"), "")
        start = self.position
        self.walk(element)
        self._change = outer
        if self.position > start:
            self.changes.append(TrackedChange(kind, author, start, self.position, self._in_region))

    def _walk_paragraph(self, p) -> None:
        if self._paragraph is not None:  # a paragraph inside one (a text box): its text only
            self.walk(p)
            return
        props = p.find(PPR)
        style = props.find(PSTYLE) if props is not None else None
        style_id = style.get(VAL, "") if style is not None else ""
        meaning, level = self.styles.paragraph_meaning(style_id)
        paragraph = Paragraph(meaning, level, start=self.position, in_table=self._tables > 0)
        paragraph.page_break = props is not None and bool(switched_on(props, "pageBreakBefore"))
        if meaning not in (TITLE, SUBTITLE, HEADING) and (props is not None or style_id):
            paragraph.meaning, paragraph.label = self._list(props, style_id, meaning)
        self._paragraph, self._paragraph_style = paragraph, style_id
        self._close_region = False
        was_in_region = self._in_region
        self.walk(p)
        paragraph.in_statement = self._in_region or was_in_region
        if self._close_region:
            self._in_region = False
        self._paragraph = None
        self.paragraphs.append(paragraph)
        self._chunks.append("\n")
        self.position += 1  # the paragraph mark

    def _list(self, props, style_id: str, meaning: str) -> tuple[str, str]:
        numbering = numbering_of(props)
        if numbering is None:
            numbering = self.styles.style_numbering(style_id)
        fmt = self.styles.list_format(numbering)
        if fmt is None:
            return (meaning if meaning != LIST else BODY), ""
        if fmt == "bullet":
            return LIST, ""
        num_id, level = numbering
        key = (self.styles.list_key(num_id), level)
        value = self._counters.get(key, self.styles.start_of(numbering) - 1) + 1
        self._counters[key] = value
        for deeper in [k for k in self._counters if k[0] == key[0] and k[1] > level]:
            del self._counters[deeper]
        return LIST, number_label(fmt, value)

    def _run(self, r) -> None:
        bold, italic, hidden = self._run_flags(r)
        if hidden:
            return  # hidden text is not part of what the document says
        for child in r:
            tag = child.tag
            if tag in TEXT:
                text = child.text or ""
                if self._fields and self._fields[-1]:
                    continue  # a field's code, not its result
            elif tag in SPACES:
                text = SPACES[tag]
            elif tag == BR:
                if child.get(TYPE) == "page":
                    if self._paragraph is not None:
                        self._paragraph.page_break = True
                    continue
                text = " "
            elif tag == FIELD_CHAR:
                self._field(child.get(FIELD_CHAR_TYPE))
                continue
            elif tag == REFERENCE:
                self.marks.setdefault(child.get(ID, ""), self.position)
                continue
            else:
                continue
            if text and self._paragraph is not None:
                self._paragraph.pieces.append(
                    Piece(text, bold, italic, self.position, self._change)
                )
                self._chunks.append(text)
                self.position += len(text)

    def _run_flags(self, r) -> tuple[bool, bool, bool]:
        """(bold, italic, hidden) of a run: its own properties, else its character style's,
        else (for hiding only) its paragraph style's. One pass over ``w:rPr``."""
        props = r.find(RPR)
        direct: dict[str, bool] = {}
        style_id = ""
        if props is not None:
            for child in props:
                tag = TOGGLES.get(child.tag)
                if tag is not None:
                    direct[tag] = child.get(VAL, "true").lower() not in FALSE
                elif child.tag == RSTYLE:
                    style_id = child.get(VAL, "")
        key = (style_id, self._paragraph_style)
        inherited = self._inherited.get(key)
        if inherited is None:
            styled = [self.styles.toggle(style_id, tag) if style_id else None for tag in "bi"]
            hidden = self.styles.toggle(style_id, "vanish") if style_id else None
            if hidden is None:
                # A paragraph style's look (a quote's italics) is not emphasis; hiding is.
                hidden = bool(self.styles.toggle(self._paragraph_style, "vanish"))
            inherited = self._inherited[key] = (bool(styled[0]), bool(styled[1]), hidden)
        return (
            direct.get("b", inherited[0]),
            direct.get("i", inherited[1]),
            direct.get("vanish", inherited[2]),
        )

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append(True)
        elif kind == "separate" and self._fields:
            self._fields[-1] = False
        elif kind == "end" and self._fields:
            self._fields.pop()
