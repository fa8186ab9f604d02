"""The whole portfolio as one PDF: cover, contents, statement, PKSB report, evidence
index, the mentor's sign-off, then every item of evidence behind its sheet.

The parts are Word documents turned into PDF by LibreOffice (one call for all
of them and the Word, PowerPoint, Excel and ODF evidence), joined with pypdf.
The contents' page numbers are known only once the parts are converted, so
the cover is converted last. Links are laid over the words the pages show:
each citation ``[E3]`` in the statement opens its item's sheet, each sheet's
"Back to …" line returns to the statement page citing it (or the index), and
the index and the contents open what they list. Bookmarks mirror the contents.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, NameObject, NumberObject

from workbench.statement import markdown
from workbench.store.db import replacing
from workbench.submission import bundle as layout
from workbench.submission.office import OFFICE_SUFFIXES, convert_to_pdf, office_program
from workbench.submission.pdf_text import PdfText, first_page_with
from workbench.submission.sheets import (
    BACK_TO_INDEX,
    BACK_TO_STATEMENT,
    ContentsLine,
    SheetContent,
    contents_pages_guess,
    cover_document,
    csv_rows,
    email_text,
    image_fits,
    mark_citations,
    plain_text,
    sheet_marker,
    sheets_document,
)
from workbench.word.export import SUBMISSION, ExportOptions, build_docx

# pypdf logs what it repairs in a damaged file; the summary already names the file.
logging.getLogger("pypdf").setLevel(logging.ERROR)
MM = 72 / 25.4
CONTENTS_LABEL_RIGHT = (25 + 32 + 3) * MM  # the contents' first column ends here
INDEX_LABEL_RIGHT = (25 + 12 + 3) * MM  # and the index's (landscape)
# A damaged PDF can fail pypdf in many ways; each becomes one sentence in the summary.
PDF_FAULTS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError)
TEXT_SUFFIXES = (".txt", ".md", ".text", ".log")  # shown on the sheet, as written
PART_TITLES = {
    layout.STATEMENT: ("Statement", "The reflective statement"),
    layout.PKSB: ("PKSB report", "Start, end and target ratings; how I show learning in each area"),
    layout.INDEX: ("Evidence index", "Every item: criteria, skills and where it is cited"),
    "signoff": ("Sign-off", "The mentor's completion statement"),
}


@dataclass
class _Part:
    key: str
    pdf: Path
    pages: int = 0
    start: int = 0  # 0-based page of the combined PDF


@dataclass
class _Item:
    number: int
    label: str
    title: str
    sheet: SheetContent
    pdf: Path | None = None  # its own pages (a PDF, or converted)
    office: Path | None = None  # to convert
    sheet_pages: tuple[int, int] = (0, 0)  # in the sheets PDF, end exclusive
    pages: int = 0
    start: int = 0
    extra: list = field(default_factory=list)


def pdf_pages(path: Path) -> tuple[int, str]:
    """A PDF's page count, or 0 and why it cannot be joined (protected, damaged)."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            return 0, "it is protected by a password"
        for page in reader.pages:
            page.mediabox  # noqa: B018  (reading it fails on a damaged page)
            page.get_contents()
        count = len(reader.pages)
    except PDF_FAULTS:
        return 0, "it cannot be read as a PDF (the file may be damaged)"
    return (count, "") if count else (0, "it has no pages")


def write_combined(builder, word: dict[str, bytes]) -> None:
    """Add the combined PDF to the bundle ``builder`` is writing (or say why not)."""
    result = builder.result
    if office_program() is None:
        builder.convert_documents(list(word))
        result.problems.append(
            "The combined PDF needs LibreOffice, which is not installed: the folder holds the "
            "Word files and the evidence, but no combined PDF."
        )
        return
    _Combiner(builder, word).write()


class _Combiner:
    def __init__(self, builder, word: dict[str, bytes]):
        self.builder = builder
        self.plan = builder.plan
        self.scratch: Path = builder.scratch / "combined"
        self.scratch.mkdir()
        self.word = word
        self.items = [self._item(item) for item in self.plan.items]
        self.separately: list[str] = []

    # What each item becomes ------------------------------------------------------------

    def _item(self, item) -> _Item:
        place = self.builder.result.places[item.number]
        found = _Item(item.number, item.label, item.title, SheetContent(item.number, ""))
        path = self.builder.staging / place.file if place.file else None
        if item.kind == "note":
            status = "The record of the conversation is above."
        elif item.kind == "link":
            status = "A web page: open the address above."
        elif path is None:
            status = f"Not in this PDF nor in the folder: {place.where}."
        elif path.suffix.lower() == ".pdf":
            pages, why = pdf_pages(path)
            if pages:
                found.pdf = path
                status = f"Its {pages} pages follow." if pages > 1 else "Its page follows."
            else:
                status = self._separately(item, place.file, why)
        elif path.suffix.lower() in OFFICE_SUFFIXES:
            found.office = path
            status = "Its pages follow, turned into PDF from the original file."
        elif path.suffix.lower() == ".csv" and (table := csv_rows(str(path)))[0]:
            rows, count = table
            shown = f"the first {len(rows)} of its {count:,} rows" if count > len(rows) else "it"
            found.sheet = SheetContent(item.number, f"A table; {shown} below.", table=rows)
            return found
        elif path.suffix.lower() in TEXT_SUFFIXES and (text := plain_text(str(path))):
            found.sheet = SheetContent(item.number, "The text:", text=text, fixed=True)
            return found
        elif path.suffix.lower() == ".eml" and (message := email_text(str(path))):
            found.sheet = SheetContent(item.number, "The message:", text=message)
            return found
        elif image_fits(str(path)):
            found.sheet = SheetContent(item.number, "The image:", image=str(path))
            return found
        else:
            status = self._separately(
                item,
                place.file,
                f"a {path.suffix or 'file without an extension'} file cannot be shown as pages",
            )
        found.sheet = SheetContent(item.number, status)
        return found

    def _separately(self, item, file: str, why: str) -> str:
        self.builder.result.problems.append(
            f"{item.label} '{item.title}' is attached separately as {file}, not shown in the "
            f"combined PDF: {why}."
        )
        return f"Attached separately as {file}: {why}."

    # Converting ------------------------------------------------------------------------

    def write(self) -> None:
        plan = self.plan
        statement = self.scratch / "x-statement.docx"
        # Each part numbers its own pages, under its name; the contents give the file's.
        footer = f"{plan.title}: statement"  # as the other parts (documents.py) name theirs
        options = ExportOptions(word_count=True, evidence=False, pksb=False, footer=footer)
        numbers = {item.number for item in plan.items}
        statement.write_bytes(
            mark_citations(build_docx(plan.content, SUBMISSION, options), numbers)
        )
        sheets = self._sheets_docx()
        extra = [i.office for i in self.items if i.office] + [statement, sheets]
        signoff = self.builder.staging / layout.SIGNOFF
        if plan.signoff is not None:
            extra.append(signoff)
        done = self.builder.convert_documents(list(self.word), extra)
        self.builder.step()
        failed = False
        for item in self.items:
            if item.office is None:
                continue
            made = done.get(item.office)
            pages, why = pdf_pages(made) if made else (0, "LibreOffice could not convert it")
            if pages:
                item.pdf = made
                continue
            failed = True
            file = item.office.relative_to(self.builder.staging).as_posix()
            status = self._separately(item, file, why)
            item.sheet = SheetContent(item.number, status)
        if failed:  # the sheets say so now: make them again
            sheets = self._sheets_docx()
            again = convert_to_pdf([sheets], self.scratch / "again", self.builder.cancelled)
            done[sheets] = again.get(sheets)
        parts = [
            _Part(key, done.get(self.builder.staging / f"{key}.docx"))
            for key in (layout.STATEMENT, layout.PKSB, layout.INDEX)
        ]
        parts[0].pdf = done.get(statement)
        if plan.signoff is not None:
            parts.append(_Part("signoff", done.get(signoff)))
        if any(part.pdf is None for part in parts) or done.get(sheets) is None:
            self.builder.result.problems.append(
                "LibreOffice could not make the pages of the combined PDF, so it is left out."
            )
            return
        self._assemble(parts, done[sheets])

    def _sheets_docx(self) -> Path:
        path = self.scratch / "x-sheets.docx"
        path.write_bytes(sheets_document(self.plan, {i.number: i.sheet for i in self.items}))
        return path

    # Joining ---------------------------------------------------------------------------

    def _assemble(self, parts: list[_Part], sheets_pdf: Path) -> None:
        for part in parts:
            part.pages = len(PdfReader(part.pdf).pages)
        total = max((item.number for item in self.items), default=0)
        with PdfText(sheets_pdf) as text:
            starts, at = [], 0
            for item in self.items:  # the sheets are in order: each is found after the last
                found = first_page_with(text, sheet_marker(item.number, total), at)
                starts.append(found)
                at = found if found is not None else at
            count = len(text)
        for n, item in enumerate(self.items):
            begin = starts[n] if starts[n] is not None else 0
            end = next((s for s in starts[n + 1 :] if s is not None), count)
            item.sheet_pages = (begin, max(end, begin + 1))
            item.pages = len(PdfReader(item.pdf).pages) if item.pdf else 0
        contents_pages = contents_pages_guess(len(parts) + len(self.items))
        for _attempt in range(3):
            lines = self._lay_out(parts, 1 + contents_pages)
            cover = self._cover(lines)
            made = len(PdfReader(cover).pages) - 1
            if made == contents_pages:
                break
            contents_pages = made
        self.builder.check()
        self._join(parts, cover, sheets_pdf, lines)

    def _lay_out(self, parts: list[_Part], front: int) -> list[ContentsLine]:
        at = front
        lines = []
        for part in parts:
            part.start = at
            at += part.pages
            label, title = PART_TITLES[part.key]
            lines.append(ContentsLine(label, title, part.start + 1))
        for item in self.items:
            item.start = at
            at += item.sheet_pages[1] - item.sheet_pages[0] + item.pages
            lines.append(ContentsLine(item.label, item.title, item.start + 1))
        return lines

    def _cover(self, lines: list[ContentsLine]) -> Path:
        source = self.scratch / "x-cover.docx"
        source.write_bytes(cover_document(self.plan, lines))
        outdir = self.scratch / "cover"
        shutil.rmtree(outdir, ignore_errors=True)
        made = convert_to_pdf([source], outdir, self.builder.cancelled).get(source)
        if made is None:
            raise layout.SubmissionError("LibreOffice could not make the cover of the PDF.")
        return made

    def _join(self, parts, cover: Path, sheets_pdf: Path, lines) -> None:
        writer = PdfWriter()
        writer.append(str(cover), import_outline=False)
        for part in parts:
            writer.append(str(part.pdf), import_outline=False)
        sheets = PdfReader(sheets_pdf)
        for item in self.items:
            writer.append(sheets, pages=item.sheet_pages, import_outline=False)
            if item.pdf is not None:
                reader = PdfReader(item.pdf)
                if reader.is_encrypted:
                    reader.decrypt("")
                writer.append(reader, import_outline=False)
            self.builder.check()
        links = _Links(writer, self, parts)
        links.contents(cover, len(lines))
        links.statement(parts[0])
        links.index(parts[2])
        links.sheets(sheets_pdf)
        self._outline(writer, parts)
        writer.add_metadata({"/Title": self.plan.title, "/Author": self.plan.candidate})
        writer.page_mode = "/UseOutlines"
        target = self.builder.staging / layout.COMBINED
        with replacing(target) as tmp:
            writer.write(str(tmp))
        self.builder.result.files.append(layout.COMBINED)
        self.builder.result.pdf_pages = len(writer.pages)

    def _outline(self, writer: PdfWriter, parts: list[_Part]) -> None:
        writer.add_outline_item(title="Cover", page_number=0)
        writer.add_outline_item(title="Contents", page_number=1)
        for part in parts:
            writer.add_outline_item(title=PART_TITLES[part.key][0], page_number=part.start)
        if self.items:
            parent = writer.add_outline_item(title="Evidence", page_number=self.items[0].start)
            for item in self.items:
                writer.add_outline_item(
                    title=f"{item.label} {item.title}", page_number=item.start, parent=parent
                )


class _Links:
    """The combined PDF's internal links, laid over words found on the parts' pages."""

    def __init__(self, writer: PdfWriter, combiner: _Combiner, parts: list[_Part]):
        self.writer = writer
        self.items = {item.number: item for item in combiner.items}
        self.parts = parts
        self.first_citation: dict[int, int] = {}  # number -> page of the combined PDF
        self.statement_text = combiner.plan.content.statement
        self.cited = {item.number for item in combiner.plan.items if item.cited_in}

    def add(self, page: int, rect, target: int) -> None:
        left, bottom, right, top = rect
        link = Link(rect=(left - 1, bottom - 2, right + 1, top + 2), target_page_index=target)
        link[NameObject("/Border")] = ArrayObject([NumberObject(0)] * 3)
        self.writer.add_annotation(page_number=page, annotation=link)

    def contents(self, cover: Path, lines: int) -> None:
        targets = {part_label: part.start for part_label, part in self._part_labels()}
        targets.update({item.label: item.start for item in self.items.values()})
        with PdfText(cover) as text:
            for page in range(1, len(text)):
                for label, target in targets.items():
                    for rect in text.find(page, label, whole_word=True):
                        if rect[0] < CONTENTS_LABEL_RIGHT:
                            self.add(page, rect, target)

    def _part_labels(self):
        return [(PART_TITLES[part.key][0], part) for part in self.parts]

    def statement(self, part: _Part) -> None:
        cited = [n for n in markdown.citations(self.statement_text) if n in self.items]
        with PdfText(part.pdf) as text:
            for page in range(len(text)):
                for number in cited:
                    for rect in text.find(page, f"[E{number}]"):
                        self.first_citation.setdefault(number, part.start + page)
                        self.add(part.start + page, rect, self.items[number].start)

    def index(self, part: _Part) -> None:
        with PdfText(part.pdf) as text:
            for page in range(len(text)):
                for item in self.items.values():
                    for rect in text.find(page, item.label, whole_word=True):
                        if rect[0] < INDEX_LABEL_RIGHT:
                            self.add(part.start + page, rect, item.start)

    def sheets(self, sheets_pdf: Path) -> None:
        index_start = self.parts[2].start
        with PdfText(sheets_pdf) as text:
            for item in self.items.values():
                page = item.sheet_pages[0]
                target = self.first_citation.get(item.number, index_start)
                words = BACK_TO_STATEMENT if item.number in self.cited else BACK_TO_INDEX
                for rect in text.find(page, words)[:1]:
                    self.add(item.start, rect, target)
