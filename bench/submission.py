"""Time the submission of the large portfolio beside copying its evidence with ``cp``.

    python bench/submission.py [--scale 1.0] [--no-pdf]

The large portfolio (bench/make_large.py: 300 evidence files, a statement of
5,000 words citing them, 200 skills) is written first. Then, each in a fresh
folder: the bundle (reading the portfolio, copying and checking every
evidence file, the statement, PKSB report and index as Word and, with
LibreOffice, PDF), the bundle with the combined PDF (every text item
converted by LibreOffice, joined, bookmarked and linked), and the floor: the
same stored evidence files copied with ``cp`` into a folder, in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import record  # noqa: E402


def cp_floor(blobs: list[Path], target: Path) -> float:
    target.mkdir()
    began = time.perf_counter()
    subprocess.run(["cp", *map(str, blobs), str(target)], check=True)
    return time.perf_counter() - began


def timed_bundle(root: Path, out: Path, pdf: bool):
    from workbench.store.portfolios import open_portfolio
    from workbench.submission.bundle import build_bundle
    from workbench.submission.plan import gather_plan

    began = time.perf_counter()
    with open_portfolio(root, holder="benchmark", backup=False) as opened:
        plan = gather_plan(opened)
    result = build_bundle(plan, out, pdf=pdf)
    return time.perf_counter() - began, result, plan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the large portfolio")
    parser.add_argument("--no-pdf", action="store_true", help="skip the combined PDF")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = tmp
        from workbench.store.identity import create_identity

        create_identity("Benchmark User")
        from bench.make_large import build

        root = build(folder / "large", args.scale)
        stored = sorted(p for p in (root / "blobs").rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in stored)
        floor = cp_floor(stored, folder / "cp")
        from workbench.submission import bundle

        with_office = bundle.office_program
        bundle.office_program = lambda: None  # the Word files alone first
        word_only, _, _ = timed_bundle(root, folder / "word-only", pdf=False)
        bundle.office_program = with_office
        seconds, result, plan = timed_bundle(root, folder / "bundle", pdf=False)
        cited = sum(1 for item in plan.items if item.cited_in)
        print(
            f"Large portfolio: {len(plan.items)} items ({size / 1024:,.0f} KiB stored), "
            f"{cited} cited, {len(plan.content.pksb)} PKSB rows"
        )
        print(f"floor (cp of the {len(stored)} stored files): {floor:7.3f} s")
        print(
            f"bundle (folder, Word files only): {word_only:7.3f} s "
            f"({word_only / floor:.1f} x floor)"
        )
        record(
            "submission folder of the large portfolio, Word files only",
            word_only,
            "s",
            floor="cp of the same evidence files",
            floor_value=floor,
            target="at most 5 s",
            met=word_only <= 5,
        )
        print(
            f"bundle (folder, {len(result.files)} files, PDFs by LibreOffice): {seconds:7.3f} s "
            f"({seconds / floor:.1f} x floor)"
        )
        record(
            "submission folder of the large portfolio",
            seconds,
            "s",
            floor="cp of the same evidence files",
            floor_value=floor,
            target="at most 10 s",
            met=seconds <= 10,
        )
        if not args.no_pdf and shutil.which("soffice"):
            seconds, result, _ = timed_bundle(root, folder / "with-pdf", pdf=True)
            print(
                f"bundle and combined PDF ({result.pdf_pages} pages): {seconds:7.3f} s "
                f"({seconds / floor:.1f} x floor)"
            )
            for line in result.summary()[1:4]:
                print(f"  {line}")
            record(
                "submission with the combined PDF of the large portfolio",
                seconds,
                "s",
                floor="cp of the same evidence files",
                floor_value=floor,
                target="at most 2 min (LibreOffice converts)",
                met=seconds <= 120,
            )
        elif not args.no_pdf:
            print("LibreOffice (soffice) is not installed: no combined PDF measured.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
