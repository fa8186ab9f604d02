"""Screenshots of the submission: the Prepare submission dialog, its summary, and
pages of the sample's combined PDF as an assessor sees them (the cover, the
contents, a statement page with its links, the PKSB report, the evidence
index, an item's sheet and its first page). The PDF pages need LibreOffice;
without it they are skipped in one printed line, as the PKSB page is."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pypdf import PdfReader

from ui.shell import screenshots_pksb
from ui.submission.dialog import SubmissionDialog, SummaryDialog
from workbench.submission import office
from workbench.submission.bundle import COMBINED, build_bundle
from workbench.submission.plan import gather_plan

DIALOG, SUMMARY = "submission-dialog.png", "submission-summary.png"
ITEM_SHOWN = 3  # E3, the presentation: a PDF of its own after its sheet


def save_submission(window, folder: Path, settle) -> None:
    dialog = SubmissionDialog(window.session, window)
    dialog.resize(680, dialog.sizeHint().height())
    dialog.show()
    settle()
    dialog.grab().save(str(folder / DIALOG))
    dialog.close()
    if office.office_program() is None:
        print("LibreOffice (soffice) is not installed: no pictures of the combined PDF.")
        return
    work = Path(tempfile.mkdtemp(prefix="workbench-shots-"))
    result = build_bundle(gather_plan(window.session.opened), work / "Submission", pdf=True)
    summary = SummaryDialog(result, window)
    summary.show()
    settle()
    summary.grab().save(str(folder / SUMMARY))
    summary.close()
    pdf = result.path / COMBINED
    for name, page in pages_to_show(pdf).items():
        screenshots_pksb.render_page(pdf, page, folder / f"submission-pdf-{name}.png")


def pages_to_show(pdf: Path) -> dict[str, int]:
    reader = PdfReader(pdf)
    marks = {}
    for entry in reader.outline:
        if isinstance(entry, list):
            for child in entry:
                marks[child.title.split()[0]] = reader.get_destination_page_number(child)
        else:
            marks[entry.title] = reader.get_destination_page_number(entry)
    sheet = marks.get(f"E{ITEM_SHOWN}", marks["Evidence index"])
    return {
        "1-cover": 0,
        "2-contents": 1,
        "3-statement": marks["Statement"],
        "4-pksb": marks["PKSB report"],
        "5-index": marks["Evidence index"],
        "6-evidence-sheet": sheet,
        "7-evidence-page": min(sheet + 1, len(reader.pages) - 1),
    }
