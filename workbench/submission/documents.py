"""The Word documents of the bundle beside the statement: the PKSB report, the
evidence index, the notes and web links, and the mentor's sign-off.

Each is built from plain data with python-docx in the Word export's styles
(A4, page numbers, real headings) and returned as bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt, RGBColor

from workbench.dates import long_date
from workbench.submission.plan import PlanItem, SubmissionPlan
from workbench.word.pksb import write_pksb
from workbench.word.raw_xml import add_field, bookmark_end, bookmark_start, repeat_header

INDEX_COLUMNS_MM = (12, 45, 24, 22, 36, 42, 26, 40)  # 247 mm: landscape A4 less margins
INDEX_HEADERS = ("No.", "Title", "Type", "Date", "Criteria", "Skills", "Cited in", "File")
NOT_CITED = "not cited"


@dataclass(frozen=True)
class ItemPlace:
    """Where an item is in the bundle: its file, or why it is not there."""

    number: int
    file: str = ""  # relative path in the bundle ("Evidence/E03 Title.pdf")
    where: str = ""  # shown instead of a file ("In 04 Notes and web links.docx")
    problem: str = ""  # one sentence for the summary ("" when all is well)


class DocumentWriter:
    """A python-docx document set up like the Word export (A4, page numbers, styles)."""

    def __init__(self, title: str, author: str, landscape: bool = False, numbered: bool = True):
        self.doc = Document()
        self._style_ids: dict[str, str] = {}
        self._bookmark = 0
        section = self.doc.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(20 if landscape else 25)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(title)
        if numbered:  # (an item's sheet in the combined PDF has no page count of its own)
            footer.add_run(" · page ")
            add_field(footer, "PAGE", "1")
            footer.add_run(" of ")
            add_field(footer, "NUMPAGES", "1")
        link = self.doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.underline = True
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        props = self.doc.core_properties
        props.title, props.author, props.last_modified_by = title, author, author

    def _paragraph(self, style: str, text: str = ""):
        paragraph = self.doc.add_paragraph(text)
        if style != "Normal":
            if style not in self._style_ids:
                self._style_ids[style] = self.doc.styles[style].style_id
            paragraph._p.style = self._style_ids[style]
        return paragraph

    def heading(self, plan: SubmissionPlan, title: str) -> None:
        self._paragraph("Title", title)
        self._paragraph("Subtitle", f"{plan.candidate} · {plan.route} · {long_date(plan.when)}")

    def labelled(self, label: str, value: str) -> None:
        paragraph = self._paragraph("Normal")
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    def lines(self, text: str, style: str = "Normal") -> None:
        for line in (text or "").strip().splitlines():
            if line.strip():
                self._paragraph(style, line.strip())

    def bookmark(self, paragraph, name: str) -> None:
        self._bookmark += 1
        bookmark_start(paragraph._p, self._bookmark, name, first=True)
        bookmark_end(paragraph._p, self._bookmark)

    def page_break(self) -> None:
        self._paragraph("Normal").add_run().add_break(WD_BREAK.PAGE)

    def table(self, headers, rows, widths_mm, size: float = 9):
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            _cell_text(cell, text, size, bold=True)
        repeat_header(table.rows[0])
        for values in rows:
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row on one page
            for cell, text in zip(row.cells, values, strict=True):
                _cell_text(cell, text, size)
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        for row in table.rows:
            for tc, width in zip(row._tr.tc_lst, widths_mm, strict=True):
                tc.get_or_add_tcPr().width = Mm(width)
        return table

    def data(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _cell_text(cell, text: str, size: float, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold or None


# The documents -------------------------------------------------------------------------


def pksb_report(plan: SubmissionPlan) -> bytes:
    writer = DocumentWriter(f"{plan.title}: PKSB report", plan.candidate)
    writer.heading(plan, "PKSB report")
    if plan.content.pksb:
        write_pksb(writer, plan.content)
    else:
        writer._paragraph("Normal", "No skills have been chosen and rated yet.")
    return writer.data()


def index_rows(plan: SubmissionPlan, places: dict[int, ItemPlace]) -> list[tuple[str, ...]]:
    """One row per item: number, title, type, date, criteria, skills, cited in, file."""
    rows = []
    for item in plan.items:
        place = places.get(item.number, ItemPlace(item.number))
        rows.append(
            (
                item.label,
                item.title,
                _type_of(item),
                long_date(item.item_date) if item.item_date else "undated",
                "; ".join(item.criteria) or "none linked",
                "; ".join(item.skills) or "none linked",
                "; ".join(item.cited_in) or NOT_CITED,
                place.file.rpartition("/")[2] or place.where,
            )
        )
    return rows


def evidence_index(plan: SubmissionPlan, places: dict[int, ItemPlace]) -> bytes:
    writer = DocumentWriter(f"{plan.title}: evidence index", plan.candidate, landscape=True)
    writer.heading(plan, "Evidence index")
    cited = sum(1 for item in plan.items if item.cited_in)
    writer._paragraph(
        "Normal",
        f"{len(plan.items)} items, {cited} of them cited in the statement. "
        "Each file in the Evidence folder starts with its number.",
    )
    writer.table(INDEX_HEADERS, index_rows(plan, places), INDEX_COLUMNS_MM, size=8)
    return writer.data()


def _type_of(item: PlanItem) -> str:
    kind = {"note": "note", "link": "web link"}.get(item.kind, "")
    return f"{item.evidence_type} ({kind})" if kind else item.evidence_type


def notes_and_links(plan: SubmissionPlan, items: list[PlanItem]) -> bytes:
    """The evidence without a file: records of conversations and web links, one after another."""
    writer = DocumentWriter(f"{plan.title}: notes and web links", plan.candidate)
    writer.heading(plan, "Notes and web links")
    for item in items:
        writer._paragraph("Heading 2", f"{item.label} {item.title}")
        writer.labelled("Type", _type_of(item))
        writer.labelled("Date", long_date(item.item_date) if item.item_date else "undated")
        if item.url:
            writer.labelled("Address", item.url)
        writer.lines(item.description)
        if item.reflection.strip():
            writer._paragraph("Heading 3", "Reflection")
            writer.lines(item.reflection)
    return writer.data()


def signoff_document(plan: SubmissionPlan) -> bytes:
    signoff = plan.signoff
    writer = DocumentWriter(f"{plan.title}: mentor's sign-off", plan.candidate)
    writer.heading(plan, "Mentor's sign-off")
    writer.labelled("Mentor", signoff.mentor)
    writer.labelled("Signed off", f"version {signoff.version_number}, on {signoff.signed_at}")
    writer.labelled("Key fingerprint", signoff.fingerprint)
    writer._paragraph("Heading 2", "Completion statement")
    writer.lines(signoff.statement)
    return writer.data()
