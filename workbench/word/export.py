"""Writing the statement to Word: a submission document or a review copy.

The writer takes plain data (``ExportContent``), so it is tested without a
portfolio; ``workbench.word.gather`` builds that data from the services. Real
Word styles are used (Title, Heading 1/2, List Bullet, Quote), citations
``[E12]`` link to a bookmark on the evidence item in the appendix, and a review
copy carries open comments as native Word comments on exactly the words they
anchor to (runs are split at every anchor edge first), each with its replies as
one Word thread (``comments_xml``), and resolved ones marked done when asked.
What the file says about itself (properties, language, compatibility mode) is
in ``properties``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, RGBColor
from docx.text.run import Run

from workbench.dates import long_date
from workbench.errors import DocxError
from workbench.statement import markdown
from workbench.store.db import write_atomically
from workbench.word.comments_xml import ExportComment, write_comments
from workbench.word.finding import word_count_line
from workbench.word.pksb import AreaNote, write_pksb
from workbench.word.properties import describe
from workbench.word.raw_xml import (
    add_field,
    bookmark_end,
    bookmark_start,
    wrap_in_link,
)

SUBMISSION = "submission"
REVIEW = "review"
KINDS = (SUBMISSION, REVIEW)

STATEMENT_BOOKMARK = "wb_statement"
IDENTIFIER_PREFIX = "workbench-statement:"
STYLE_OF_BLOCK = {
    markdown.PARAGRAPH: "Normal",
    markdown.HEADING1: "Heading 1",
    markdown.HEADING2: "Heading 2",
    markdown.BULLET: "List Bullet",
    markdown.QUOTE: "Quote",
}


@dataclass
class EvidenceRow:
    number: int
    title: str
    item_date: date | None = None
    criteria: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    description: str = ""

    @property
    def bookmark(self) -> str:
        return evidence_bookmark(self.number)


@dataclass
class PksbRow:
    code: str
    name: str
    area: str
    start: int | None
    end: int | None
    target: int | None = None

    @property
    def change(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start


@dataclass
class ExportOptions:
    """Which parts to include."""

    word_count: bool = True
    evidence: bool = True
    pksb: bool = True
    resolved: bool = False  # a review copy also carries resolved comments, marked done
    footer: str = ""  # a name before the page numbers, where the file is a part of a whole


@dataclass
class ExportContent:
    title: str
    candidate: str
    route: str
    when: date
    statement: str
    word_count: int
    word_limit: int
    count_note: str = ""
    evidence: list[EvidenceRow] = field(default_factory=list)
    pksb: list[PksbRow] = field(default_factory=list)
    pksb_start_label: str = "Start"
    pksb_end_label: str = "End"
    area_notes: list[AreaNote] = field(default_factory=list)  # the chosen areas' comments
    comments: list[ExportComment] = field(default_factory=list)
    portfolio_uuid: str = ""
    version_uuid: str = ""
    version_label: str = ""
    unsent_changes: bool = False  # the working copy differs from the version shown


def evidence_bookmark(number: int) -> str:
    return f"Evidence_E{number}"


# Warnings before export ----------------------------------------------------------------


def missing_citations(content: ExportContent) -> list[int]:
    known = {row.number for row in content.evidence}
    return [n for n in markdown.citations(content.statement) if n not in known]


def export_warnings(content: ExportContent, kind: str, options: ExportOptions) -> list[str]:
    """Leftovers a candidate should see before sending the file anywhere."""
    warnings = []
    still_open = [c for c in content.comments if not c.resolved]
    if kind == SUBMISSION and still_open:
        n = len(still_open)
        warnings.append(
            f"{n} comment{'s are' if n != 1 else ' is'} still open; resolve "
            f"{'them' if n != 1 else 'it'} before you submit."
        )
    if kind == REVIEW and content.unsent_changes:
        warnings.append(
            f"Your draft has changes not yet sent for review; this copy shows "
            f"{content.version_label.lower() or 'the latest version'}. Send the draft for "
            "review first to include them."
        )
    missing = missing_citations(content)
    if missing:
        cited = ", ".join(f"[E{n}]" for n in missing)
        warnings.append(f"The statement cites evidence that does not exist: {cited}.")
    if options.evidence is False and markdown.citations(content.statement):
        warnings.append("The evidence appendix is left out, so citations will not be links.")
    bare = [note.area for note in content.area_notes if not note.text.strip()]
    if kind == SUBMISSION and options.pksb and bare:
        warnings.append("No comment yet on how you will show learning in: " + "; ".join(bare) + ".")
    if content.word_limit and content.word_count > content.word_limit:
        over = content.word_count - content.word_limit
        warnings.append(
            f"The statement is {over} word{'s' if over != 1 else ''} over the limit "
            f"({content.word_count} of {content.word_limit})."
        )
    return warnings


# Writing ------------------------------------------------------------------------------


def export_docx(
    content: ExportContent, path: Path | str, kind: str, options: ExportOptions | None = None
) -> Path:
    """Write the document to ``path`` (atomically) and return the path."""
    if kind not in KINDS:
        raise DocxError(f"A Word export is a submission or a review copy, not '{kind}'.")
    return save_docx(build_docx(content, kind, options or ExportOptions()), path)


def save_docx(data: bytes, path: Path | str, cancelled=None) -> Path:
    """Put a built document at ``path`` whole or not at all (``cancelled`` stops it)."""
    path = Path(path)
    try:
        write_atomically(path, data, cancelled=cancelled)
    except OSError as exc:
        raise DocxError(
            f"The Word file {path} cannot be written ({exc.strerror or exc})."
        ) from None
    return path


def build_docx(content: ExportContent, kind: str, options: ExportOptions) -> bytes:
    writer = _Writer(content, kind, options)
    writer.write()
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return buffer.getvalue()


class _Writer:
    def __init__(self, content: ExportContent, kind: str, options: ExportOptions):
        self.content = content
        self.kind = kind
        self.options = options
        self.doc = Document()
        self._bookmark_id = 0
        self._linked = {row.number for row in content.evidence} if options.evidence else set()
        self._title_runs: list[Run] = []
        self._style_ids: dict[str, str] = {}

    def write(self) -> None:
        self._page_setup()
        self._properties()
        self._heading_block()
        runs = self._statement()
        if self.options.evidence and self.content.evidence:
            self._evidence_appendix()
        if self.options.pksb and self.content.pksb:
            self._pksb_table()
        if self.kind == REVIEW:
            self._comments(runs)

    # Layout and metadata ---------------------------------------------------------------

    def _page_setup(self) -> None:
        for section in self.doc.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(25)
            section.top_margin = section.bottom_margin = Mm(25)
            footer = section.footer.paragraphs[0]
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            footer.add_run(f"{self.options.footer} · page " if self.options.footer else "Page ")
            add_field(footer, "PAGE", "1")
            footer.add_run(" of ")
            add_field(footer, "NUMPAGES", "1")
        hyperlink = self.doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        hyperlink.font.underline = True
        hyperlink.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)

    def _properties(self) -> None:
        describe(
            self.doc,
            title=self.content.title,
            author=self.content.candidate,
            subject=f"{self.content.route} statement",
            keywords="review copy" if self.kind == REVIEW else "submission",
            words=self.content.word_count,
        )
        props = self.doc.core_properties
        if self.content.version_uuid:
            props.identifier = (
                f"{IDENTIFIER_PREFIX}{self.content.portfolio_uuid}:{self.content.version_uuid}"
            )
        if self.content.version_label:
            props.version = self.content.version_label

    def _heading_block(self) -> None:
        content = self.content
        title = self._paragraph("Title")
        self._title_runs.append(title.add_run(content.title))
        line = f"{content.candidate} · {content.route} · {long_date(content.when)}"
        self._paragraph("Subtitle", line)
        if self.options.word_count:
            count = word_count_line(content.word_count, content.word_limit, content.count_note)
            self._paragraph("Normal", count)

    # The statement -----------------------------------------------------------------------

    def _statement(self) -> list[tuple[markdown.Span, Run]]:
        """Write the statement; return each written span with its run, in order."""
        cuts: set[int] = set()
        if self.kind == REVIEW:
            for comment in self._review_comments():
                if comment.start is not None and comment.end is not None:
                    cuts.update((comment.start, comment.end))
        written = []
        blocks = markdown.parse(self.content.statement)
        if not blocks:
            blocks = [markdown.Block(markdown.PARAGRAPH, 0)]
        bookmark_id = self._next_bookmark_id()
        first_paragraph = None
        for block in blocks:
            paragraph = self._paragraph(STYLE_OF_BLOCK[block.kind])
            first_paragraph = first_paragraph or paragraph
            for span in markdown.split_at(block.spans, cuts):
                written.append((span, self._span_run(paragraph, span)))
        bookmark_start(first_paragraph._p, bookmark_id, STATEMENT_BOOKMARK, first=True)
        bookmark_end(paragraph._p, bookmark_id)
        return written

    def _span_run(self, paragraph, span: markdown.Span) -> Run:
        run = paragraph.add_run(span.text)
        run.bold = span.bold or None
        run.italic = span.italic or None
        if span.citation is not None and span.citation in self._linked:
            run._r.style = self._style_id("Hyperlink")
            wrap_in_link(run._r, evidence_bookmark(span.citation))
        return run

    # Appendix and table ------------------------------------------------------------------

    def _evidence_appendix(self) -> None:
        self._page_break()
        self._paragraph("Heading 1", "Evidence")
        for row in sorted(self.content.evidence, key=lambda r: r.number):
            heading = self._paragraph("Heading 2", f"E{row.number} {row.title}")
            mark = self._next_bookmark_id()
            bookmark_start(heading._p, mark, row.bookmark, first=True)
            bookmark_end(heading._p, mark)
            details = self._paragraph("Normal")
            _labelled(details, "Date", long_date(row.item_date) if row.item_date else "undated")
            _labelled(details, "Criteria", "; ".join(row.criteria) or "none linked", True)
            _labelled(details, "Skills", "; ".join(row.skills) or "none linked", True)
            if row.description.strip():
                for line in row.description.strip().splitlines():
                    if line.strip():
                        self._paragraph("Normal", line.strip())

    def _pksb_table(self) -> None:
        self._page_break()
        write_pksb(self, self.content)

    def _page_break(self) -> None:
        self._paragraph("Normal").add_run().add_break(WD_BREAK.PAGE)

    def _paragraph(self, style: str, text: str = ""):
        """A new paragraph; styles are set by id (python-docx's lookup by name is slow)."""
        paragraph = self.doc.add_paragraph(text)
        if style != "Normal":
            paragraph._p.style = self._style_id(style)
        return paragraph

    def _style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        return self._style_ids[name]

    # Comments ----------------------------------------------------------------------------

    def _review_comments(self) -> list[ExportComment]:
        return [c for c in self.content.comments if self.options.resolved or not c.resolved]

    def _comments(self, written: list[tuple[markdown.Span, Run]]) -> None:
        write_comments(self.doc, self._review_comments(), written, self._title_runs)

    def _next_bookmark_id(self) -> int:
        self._bookmark_id += 1
        return self._bookmark_id


def _labelled(paragraph, label: str, value: str, separate: bool = False) -> None:
    if separate:
        paragraph.add_run().add_break()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)
