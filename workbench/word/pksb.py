"""The PKSB section of the submission: the chosen skills by area, then the area comments.

The table fits A4 portrait: one wide column for the skill and four narrow ones
for the ratings (start, end, target, change). Each area is a shaded row over its
skills, so the area needs no column of its own. Widths are set on every cell
and on the grid, because Word reads the cells and LibreOffice the grid.
After the table, each chosen area's comment on how the candidate will show
their learning, which assessors read as closely as the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from workbench.word.raw_xml import repeat_header

TEXT_WIDTH_MM = 160  # A4 (210 mm) less two 25 mm margins
RATING_WIDTH_MM = 20
SKILL_WIDTH_MM = TEXT_WIDTH_MM - 4 * RATING_WIDTH_MM
AREA_SHADE = "E7ECF2"
NO_COMMENT = "No comment written yet."


@dataclass
class AreaNote:
    """One chosen area and the candidate's comment on it (may be empty)."""

    area: str
    text: str


def column_widths_mm() -> tuple[int, ...]:
    return (SKILL_WIDTH_MM, *(RATING_WIDTH_MM,) * 4)


def write_pksb(writer, content) -> None:
    """The table and the area comments, through the export writer's paragraph helper."""
    writer._paragraph("Heading 1", "PKSB: the skills I chose")
    writer._paragraph(
        "Normal",
        "Ratings on the framework's scale of 0 (none) to 4 (expert); the Change column is "
        f"{content.pksb_end_label} minus {content.pksb_start_label}.",
    )
    _table(writer.doc, content)
    notes = [note for note in content.area_notes if note.area]
    if notes:
        writer._paragraph("Heading 2", "How I will show learning in each area")
        for note in notes:
            writer._paragraph("Heading 3", note.area)
            _comment_paragraphs(writer, note.text)


def _table(doc, content) -> None:
    headers = ("Skill", content.pksb_start_label, content.pksb_end_label, "Target", "Change")
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _write(cell, text, bold=True, centred=cell is not table.rows[0].cells[0])
    repeat_header(table.rows[0])
    area = None
    for row in content.pksb:
        if row.area != area:
            area = row.area
            _area_row(table, area)
        values = (
            f"{row.code} {row.name}",
            _level(row.start),
            _level(row.end),
            _level(row.target),
            _change(row.change),
        )
        cells = table.add_row().cells
        for n, (cell, text) in enumerate(zip(cells, values, strict=True)):
            _write(cell, text, centred=n > 0)
    _set_widths(table)


def _area_row(table, area: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    _write(merged, area, bold=True)
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), AREA_SHADE)
    merged._tc.get_or_add_tcPr().append(shade)


def _write(cell, text: str, bold: bool = False, centred: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.size = Pt(10)
    paragraph.paragraph_format.space_after = Pt(0)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _set_widths(table) -> None:
    for column, width in zip(table.columns, column_widths_mm(), strict=True):
        column.width = Mm(width)  # the grid (LibreOffice)
    for row in table.rows:
        cells = row._tr.tc_lst
        at = 0
        for tc in cells:  # a merged area row is one cell spanning the grid
            span = tc.grid_span
            tc.get_or_add_tcPr().width = Mm(sum(column_widths_mm()[at : at + span]))
            at += span


def _comment_paragraphs(writer, text: str) -> None:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        writer._paragraph("Normal").add_run(NO_COMMENT).italic = True
        return
    for line in lines:
        writer._paragraph("Normal", line)


def _level(value: int | None) -> str:
    return "–" if value is None else str(value)


def _change(value: int | None) -> str:
    if value is None:
        return "–"
    return f"+{value}" if value > 0 else str(value)
