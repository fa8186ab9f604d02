"""A screenshot of the submission's PKSB table as a printed page: the sample's
submission exported to Word, turned into a PDF by LibreOffice and the page with
the table drawn to a PNG. Without LibreOffice (``soffice``) it is skipped, in
one printed line."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from workbench.submission import office
from workbench.word.export import SUBMISSION, ExportOptions, export_docx
from workbench.word.gather import gather_content

PKSB_PAGE = "submission-pksb.png"
PKSB_HEADING = "PKSB: the skills I chose"
SCALE = 1.5  # 72 dpi × 1.5: an A4 page about 890 pixels wide


def save_pksb_page(opened, folder: Path) -> Path | None:
    """submission-pksb.png of the open portfolio, or None (and one line) without soffice."""
    program = office.office_program()
    if program is None:
        print("LibreOffice (soffice) is not installed: no picture of the PKSB page.")
        return None
    work = Path(tempfile.mkdtemp(prefix="workbench-shots-"))
    docx = export_docx(
        gather_content(opened.portfolio, SUBMISSION),
        work / "submission.docx",
        SUBMISSION,
        ExportOptions(),
    )
    pdf = office.convert_to_pdf([docx], work, program=program).get(docx)
    if pdf is None:
        print("LibreOffice did not turn the submission into a PDF: no picture of the PKSB page.")
        return None
    target = Path(folder) / PKSB_PAGE
    render_page(pdf, page_with(pdf, PKSB_HEADING), target)
    shutil.rmtree(work, ignore_errors=True)
    return target


def page_with(pdf: Path, words: str) -> int:
    """The index of the first page whose text holds ``words`` (the last page if none)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            text = document[index].get_textpage().get_text_range()
            if words in " ".join(text.split()):
                return index
        return len(document) - 1
    finally:
        document.close()


def render_page(pdf: Path, index: int, target: Path) -> None:
    """Page ``index`` of ``pdf`` as a PNG, on a grey surround so it reads as a sheet."""
    import pypdfium2
    from PySide6.QtGui import QColor, QImage, QPainter

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        page = document[index]
        bitmap = page.render(scale=SCALE, prefer_bgrx=True)
        sheet = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32
        ).copy()  # own the pixels before the bitmap is freed
        bitmap.close()
        page.close()
    finally:
        document.close()
    margin = 24
    picture = QImage(
        sheet.width() + 2 * margin, sheet.height() + 2 * margin, QImage.Format.Format_RGB32
    )
    picture.fill(QColor("#8a8f96"))
    painter = QPainter(picture)
    painter.fillRect(margin + 4, margin + 4, sheet.width(), sheet.height(), QColor("#5c6066"))
    painter.drawImage(margin, margin, sheet)
    painter.end()
    picture.save(str(target))
