"""Time importing a 200-page reviewed Word file with 2,000 comments beside python-docx's floor.

    python bench/word_import.py [--pages 200] [--comments 2000] [--repeat 3]

The file is a review copy written by our export: a statement of about 400
words a page, with comments spread over it. "Import" is what the preview
does before anything is saved: read the file (``read_docx``), find the
version and place every comment (``build_preview``), once onto the same text
and once onto a version edited in every tenth paragraph (one word diff and a
placement per comment). The floor is python-docx merely opening the same file
(``Document(path)``), measured in the same run. Medians.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402

from bench.report import record  # noqa: E402
from workbench.word.export import REVIEW, ExportComment, ExportContent, export_docx  # noqa: E402
from workbench.word.placing import VersionText  # noqa: E402
from workbench.word.reading import read_docx  # noqa: E402
from workbench.word.review import ReviewContext, build_preview  # noqa: E402
from workbench.word.threads_here import Existing  # noqa: E402

WORDS = [
    "library",
    "students",
    "induction",
    "sessions",
    "feedback",
    "wiki",
    "service",
    "users",
    "team",
    "reflection",
    "learning",
    "practice",
    "evidence",
    "mentor",
    "skills",
    "digital",
    "literacy",
    "research",
    "data",
    "catalogue",
]


class Reader:
    """The importing person, as the preview needs them (a name)."""

    name = "Jordan Ellis"


def statement(pages: int, rng: random.Random) -> str:
    paragraphs = []
    for page in range(pages):
        paragraphs.append(f"## Part {page + 1}")
        for _ in range(5):
            words = [rng.choice(WORDS) for _ in range(80)]
            words[3] = f"**{words[3]}**"
            words[9] = f"*{words[9]}*"
            paragraphs.append(" ".join(words) + ".")
    return "\n\n".join(paragraphs)


def comments(text: str, count: int, rng: random.Random) -> list[ExportComment]:
    spots = sorted(rng.sample(range(len(text) - 40), count))
    found = []
    for at in spots:
        start = text.rfind(" ", 0, at) + 1
        end = text.find(" ", start + 12)
        found.append(
            ExportComment(
                start, end, "Ruth Adebayo", "RA", datetime(2026, 11, 20), f"Note at {start}"
            )
        )
    return found


def edited(text: str) -> str:
    lines = text.split("\n\n")
    for index in range(0, len(lines), 10):
        lines[index] = lines[index] + " An added sentence."
    return "\n\n".join(lines)


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(14)
    text = statement(args.pages, rng)
    content = ExportContent(
        title="A long statement",
        candidate="Jordan Ellis",
        route="Chartership (MCLIP)",
        when=date(2026, 11, 29),
        statement=text,
        word_count=len(text.split()),
        word_limit=1000,
        comments=comments(text, args.comments, rng),
        portfolio_uuid="p-1",
        version_uuid="v-1",
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = export_docx(content, Path(tmp) / "review.docx", REVIEW)
        size = path.stat().st_size
        print(
            f"Review copy: {args.pages} pages, {len(text.split()):,} words, "
            f"{args.comments:,} comments, {size / 2**20:.1f} MiB"
        )
        floor = median_seconds(lambda: Document(path), args.repeat)
        runs = {}
        for name, version_text in (("same text", text), ("edited version", edited(text))):
            context = ReviewContext(Reader(), [VersionText("v-1", 1, version_text)], Existing())

            def run(context=context):
                document = read_docx(path)
                preview = build_preview(context, path, document)
                assert len(preview.comments) == args.comments

            runs[name] = median_seconds(run, args.repeat)
    print(f"floor (python-docx opening the file): {floor:6.2f} s")
    for name, seconds in runs.items():
        print(f"import onto the {name:<15}: {seconds:6.2f} s  ({seconds / floor:.2f} x floor)")
        record(
            f"import a {args.pages}-page review with {args.comments:,} comments ({name})",
            seconds,
            "s",
            floor="python-docx opening the file",
            floor_value=floor,
            target="at most 5x and under 10 s",
            met=seconds <= 5 * floor and seconds < 10,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
