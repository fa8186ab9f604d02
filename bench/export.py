"""Time the Word export of the sample statement beside python-docx's floor.

    python bench/export.py [--repeat 20]

The export writes the demo's statement with its styles, evidence appendix
(bookmarks, links) and PKSB table, as a submission and as a review copy with
native comments. The floor is python-docx writing the same paragraphs and
table cells with no formatting at all, measured in the same run. Medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402

from bench.report import record  # noqa: E402
from workbench.sample.build import build_demo  # noqa: E402
from workbench.statement import markdown  # noqa: E402
from workbench.word.export import REVIEW, SUBMISSION, ExportContent, export_docx  # noqa: E402
from workbench.word.gather import gather_content  # noqa: E402


def plain_floor(content: ExportContent, path: Path) -> None:
    """The same words as unformatted paragraphs and a bare table."""
    doc = Document()
    doc.add_paragraph(content.title)
    for block in markdown.parse(content.statement):
        doc.add_paragraph(block.text)
    for row in content.evidence:
        doc.add_paragraph(f"E{row.number} {row.title}")
        doc.add_paragraph(f"{row.item_date} {'; '.join(row.criteria)} {'; '.join(row.skills)}")
        doc.add_paragraph(row.description)
    table = doc.add_table(rows=len(content.pksb) + 1, cols=5)
    for cells, row in zip(table.rows[1:], content.pksb, strict=True):
        values = (row.code, row.area, str(row.start), str(row.end), str(row.change))
        for cell, text in zip(cells.cells, values, strict=True):
            cell.text = text
    doc.save(path)


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with build_demo(folder / "demo") as opened:
            submission = gather_content(opened.portfolio, SUBMISSION)
            review = gather_content(opened.portfolio, REVIEW)
        words = len(submission.statement.split())
        print(
            f"Demo statement: {words} words, {len(submission.evidence)} evidence items, "
            f"{len(submission.pksb)} PKSB rows, {len(review.comments)} open comments"
        )
        floor = median_seconds(lambda: plain_floor(submission, folder / "floor.docx"), args.repeat)
        runs = {
            "submission": median_seconds(
                lambda: export_docx(submission, folder / "s.docx", SUBMISSION), args.repeat
            ),
            "review copy": median_seconds(
                lambda: export_docx(review, folder / "r.docx", REVIEW), args.repeat
            ),
        }
    print(f"floor (python-docx, same paragraphs, no formatting): {floor * 1000:7.1f} ms")
    for name, seconds in runs.items():
        print(f"export {name:<12}: {seconds * 1000:7.1f} ms  ({seconds / floor:.2f} x floor)")
        record(
            f"export the {name} docx of the demo",
            seconds,
            "s",
            floor="python-docx, same paragraphs, plain",
            floor_value=floor,
            target="at most 3x",
            met=seconds <= 3 * floor,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
