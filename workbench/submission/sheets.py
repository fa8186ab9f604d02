"""The pages the combined PDF adds: a cover with its contents, and each item's sheet.

Every item of evidence opens with a sheet: its number and title, what it is,
the criteria and skills it shows, where the statement cites it, and a line
leading back there. A note's text and a web link's address are on the sheet
itself, an image is placed on it, and an item that cannot become PDF pages is
named as attached separately. All sheets are one Word document, each starting
on a new page with a line (``sheet_marker``) by which its first page is found.
"""

from __future__ import annotations

import csv
import io
import struct
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path

from docx import Document
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.shared import Mm, Pt, RGBColor

from workbench.dates import long_date
from workbench.errors import WorkbenchError
from workbench.journey.cpd_csv import decode_csv
from workbench.statement import markdown
from workbench.submission.documents import DocumentWriter, _type_of
from workbench.submission.plan import SubmissionPlan

IMAGE_BOX_MM = (160, 150)  # the room under an item's details on A4 portrait
TABLE_ROWS, TABLE_COLUMNS, CSV_BYTES = 200, 8, 2 * 1024 * 1024  # a CSV's rows shown
EMAIL_CHARS = 6000  # of an email's text shown on its sheet
TEXT_CHARS = 20000  # of a text file's
FIXED_FONT = "Liberation Mono"  # LibreOffice's metric twin of Courier New
BACK_TO_STATEMENT = "Back to where the statement cites it"
BACK_TO_INDEX = "Back to the evidence index"
GREY = RGBColor(0x55, 0x5B, 0x66)
LINK_BLUE = RGBColor(0x05, 0x63, 0xC1)


def sheet_marker(number: int, total: int) -> str:
    return f"Evidence item {number} of {total}"


def back_text(cited: bool) -> str:
    return BACK_TO_STATEMENT if cited else BACK_TO_INDEX


@dataclass(frozen=True)
class SheetContent:
    """What an item's sheet says about its own pages."""

    number: int
    status: str  # "Its 3 pages follow." or "Attached separately as …"
    image: str = ""  # path of an image to place on the sheet
    table: tuple[tuple[str, ...], ...] = ()  # a CSV file's first rows, shown as a table
    text: str = ""  # an email's headers and plain text, or a text file, shown as lines
    fixed: bool = False  # in a fixed-width font (a text file's columns line up)


@dataclass(frozen=True)
class ContentsLine:
    label: str  # "Statement" or "E3"
    title: str
    page: int  # 1-based page of the combined PDF


def sheets_document(plan: SubmissionPlan, sheets: dict[int, SheetContent]) -> bytes:
    writer = DocumentWriter(f"{plan.title}: evidence", plan.candidate, numbered=False)
    total = max((item.number for item in plan.items), default=0)
    for n, item in enumerate(plan.items):
        if n:
            writer.page_break()
        sheet = sheets[item.number]
        marker = writer._paragraph("Normal")
        run = marker.add_run(sheet_marker(item.number, total))
        run.font.size, run.font.color.rgb = Pt(9), GREY
        writer._paragraph("Heading 1", f"{item.label}  {item.title}")
        writer.labelled("Type", _type_of(item))
        writer.labelled("Date", long_date(item.item_date) if item.item_date else "undated")
        writer.labelled("Criteria", "; ".join(item.criteria) or "none linked")
        writer.labelled("Skills", "; ".join(item.skills) or "none linked")
        writer.labelled("Cited in", "; ".join(item.cited_in) or "not cited in the statement")
        if item.url:
            writer.labelled("Address", item.url)
        back = writer._paragraph("Normal")
        back_run = back.add_run(f"← {back_text(bool(item.cited_in))}")
        back_run.font.color.rgb, back_run.font.underline = LINK_BLUE, True
        writer.lines(item.description)
        if item.kind == "note" and item.reflection.strip():
            writer._paragraph("Heading 3", "Reflection")
            writer.lines(item.reflection)
        status = writer._paragraph("Normal")
        status.add_run(sheet.status).italic = True
        if sheet.image:
            _picture(writer, sheet.image)
        if sheet.table:
            _table(writer, sheet.table)
        for line in sheet.text.splitlines():
            paragraph = writer._paragraph("Normal")
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run(line.rstrip())
            if sheet.fixed:
                run.font.name, run.font.size = FIXED_FONT, Pt(9)
    return writer.data()


def image_fits(path: str) -> bool:
    """Whether python-docx can read the image (PNG, JPEG, GIF, BMP, TIFF) to place it."""
    try:
        image = Image.from_file(path)
        return image.px_width > 0 and image.px_height > 0
    except (UnrecognizedImageError, OSError, ValueError, struct.error, ZeroDivisionError):
        return False


def _picture(writer: DocumentWriter, path: str) -> None:
    image = Image.from_file(path)
    width_mm, height_mm = IMAGE_BOX_MM
    ratio = image.px_height / image.px_width
    if width_mm * ratio > height_mm:
        width_mm = height_mm / ratio
    writer._paragraph("Normal").add_run().add_picture(path, width=Mm(width_mm))


def csv_rows(path: str) -> tuple[tuple[tuple[str, ...], ...], int]:
    """The first rows of a CSV file (at most TABLE_COLUMNS wide) and how many rows it has."""
    raw = Path(path).read_bytes()[:CSV_BYTES]
    try:
        text = decode_csv(raw, Path(path).name)
        rows = [
            tuple(cell[:80] for cell in row[:TABLE_COLUMNS])
            for row in csv.reader(io.StringIO(text))
        ]
    except (WorkbenchError, csv.Error):
        return (), 0
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    return tuple(rows[:TABLE_ROWS]), len(rows)


def plain_text(path: str) -> str:
    """A text file's words (UTF-8, UTF-16 or Windows-1252, as a CSV is read), or ""."""
    try:
        with open(path, "rb") as handle:
            text = decode_csv(handle.read(CSV_BYTES), Path(path).name)
    except (OSError, WorkbenchError):
        return ""
    text = text.replace("\t", "    ").strip("\n")
    if len(text) > TEXT_CHARS:
        text = text[:TEXT_CHARS].rsplit("\n", 1)[0] + "\n… (the rest is in the attached file)"
    return text


def email_text(path: str) -> str:
    """An email's sender, recipients, date and subject, then its plain text ("" if none)."""
    try:
        with open(path, "rb") as handle:
            message = BytesParser(policy=policy.default).parsebytes(handle.read(CSV_BYTES))
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
    except (OSError, ValueError, LookupError, AttributeError):
        return ""
    if not text.strip():
        return ""
    heads = [
        f"{name}: {message[name]}" for name in ("From", "To", "Date", "Subject") if message[name]
    ]
    attached = sum(1 for _ in message.iter_attachments())
    if attached:
        heads.append(f"({attached} attachment{'s' if attached > 1 else ''} in the original file)")
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    shown = "\n".join(lines)
    if len(shown) > EMAIL_CHARS:
        shown = shown[:EMAIL_CHARS].rsplit(" ", 1)[0] + " … (the rest is in the attached file)"
    return "\n".join([*heads, "", shown])


def _table(writer: DocumentWriter, rows) -> None:
    columns = max(len(row) for row in rows)
    padded = [tuple(row) + ("",) * (columns - len(row)) for row in rows]
    width = IMAGE_BOX_MM[0] / columns
    writer.table(padded[0], padded[1:], (width,) * columns, size=8)


def mark_citations(data: bytes, numbers: set[int]) -> bytes:
    """The statement's citations of ``numbers`` shown as links (blue, underlined): the
    combined PDF makes them links. A citation of no item stays plain text."""
    document = Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            cited = markdown.CITATION.fullmatch(run.text.strip())
            if cited and int(cited.group(1)) in numbers:
                run.font.underline = True
                run.font.color.rgb = LINK_BLUE
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cover_document(plan: SubmissionPlan, lines: list[ContentsLine]) -> bytes:
    """The cover (one page) and the contents with each part's page in the combined PDF."""
    writer = DocumentWriter(plan.title, plan.candidate, numbered=False)  # a cover has none
    for _ in range(6):
        writer._paragraph("Normal")
    writer._paragraph("Title", plan.title)
    writer._paragraph("Subtitle", plan.route)
    writer._paragraph("Normal", plan.candidate).runs[0].font.size = Pt(16)
    writer._paragraph("Normal", f"Submitted {long_date(plan.when)}")
    writer._paragraph("Normal")
    items = [item for item in plan.items]
    writer._paragraph(
        "Normal",
        f"The reflective statement, the PKSB report, the evidence index and "
        f"{len(items)} items of evidence in one file. Each citation such as [E3] in the "
        "statement opens its item; each item leads back to the statement. The contents give "
        "the pages of this file; the statement, the PKSB report and the index also number "
        "their own.",
    )
    writer.page_break()
    writer._paragraph("Heading 1", "Contents")
    rows = [(line.label, line.title, str(line.page)) for line in lines]
    writer.table(("Part", "Title", "Page"), rows, (32, 113, 15), size=9)  # of the whole file
    return writer.data()


def contents_pages_guess(lines: int) -> int:
    """How many pages the contents will take (checked after converting)."""
    first, later = 58, 63  # rows of one line each, as LibreOffice lays them out
    return 1 + -(-max(0, lines - first) // later)
