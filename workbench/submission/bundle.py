"""Writing the submission: one folder (or zip) from a ``SubmissionPlan``.

It reads only the plan and the stored files, so it runs in a worker. The
folder is built in a hidden sibling of the target and renamed into place at
the end (a zip is written beside it and moved the same way): a cancelled or
failed build leaves nothing half-written. A file that cannot be copied or
converted is named in ``problems``, never silently left out.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import SubmissionError, WorkbenchError
from workbench.evidence import blobs
from workbench.frameworks.routes import RESOURCES
from workbench.store.db import replacing, write_atomically
from workbench.submission import documents, names
from workbench.submission.documents import ItemPlace
from workbench.submission.office import convert_to_pdf, office_program
from workbench.submission.plan import CV, EVIDENCE, JOB, LETTER, PlanItem, SubmissionPlan
from workbench.word.export import SUBMISSION, ExportOptions, build_docx

STATEMENT, PKSB, INDEX = "01 Statement", "02 PKSB report", "03 Evidence index"
NOTES = "04 Notes and web links.docx"
PART_PREFIX = {CV: "05 Annotated CV", JOB: "06 Annotated job description"}
LETTERS, SIGNOFF = "07 Letter of support", "07 Mentor's sign-off.docx"
EVIDENCE_DIR = "Evidence"
COMBINED = "00 Whole portfolio in one PDF.pdf"
STORED = (".pdf", ".docx", ".pptx", ".xlsx", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".mp4")
MB = 1024 * 1024

Progress = Callable[[int, int], None]


class Cancelled(WorkbenchError):
    """The submission was cancelled; nothing was written."""


@dataclass
class SubmissionResult:
    path: Path
    files: list[str] = field(default_factory=list)  # relative paths, in writing order
    places: dict[int, ItemPlace] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one sentence each
    notes: list[str] = field(default_factory=list)
    pdf_pages: int = 0

    def summary(self) -> list[str]:
        made = f"{len(self.files)} files written to {self.path.name}"
        if self.pdf_pages:
            made += f", the combined PDF with {self.pdf_pages} pages"
        return [made + ".", *self.problems, *self.notes]


def largest_file() -> int:
    data = json.loads((RESOURCES / "submission.json").read_text(encoding="utf-8"))
    return int(data["largest_file_mb"]) * MB


def check_target(out: Path, replace: bool) -> None:
    out = Path(out)
    if not out.parent.is_dir():
        raise SubmissionError(f"The folder {out.parent} does not exist.")
    if out.exists() and not replace and not (out.is_dir() and not any(out.iterdir())):
        raise SubmissionError(f"{out} already exists. Choose another name, or replace it.")


def build_bundle(
    plan: SubmissionPlan,
    out: Path | str,
    *,
    pdf: bool = False,
    replace: bool = False,
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> SubmissionResult:
    """Write the bundle to ``out`` (a folder, or a zip when it ends in .zip)."""
    out = Path(out)
    check_target(out, replace)
    token = secrets.token_hex(4)
    staging = out.parent / f".{out.stem}.part-{token}"
    scratch = out.parent / f".{out.stem}.work-{token}"
    builder = _Builder(plan, staging, scratch, cancelled, progress)
    try:
        staging.mkdir()
        scratch.mkdir()
        builder.write(pdf)
        builder.check()
        if out.suffix.lower() == ".zip":
            _zip(staging, out, cancelled)
        else:
            _move_into_place(staging, out)
    except OSError as exc:
        raise SubmissionError(
            f"The submission could not be written to {out.parent} ({exc.strerror or exc})."
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
    builder.result.path = out
    return builder.result


class _Builder:
    def __init__(self, plan, staging: Path, scratch: Path, cancelled, progress):
        self.plan = plan
        self.staging = staging
        self.scratch = scratch
        self.cancelled = cancelled or (lambda: False)
        self.progress = progress or (lambda done, total: None)
        self.result = SubmissionResult(path=staging)
        self.taken: set[str] = set()
        self.width = names.label_width(item.number for item in plan.items)
        self.steps = len(plan.items) + 8
        self.renamed: list[str] = []  # items whose title a file name cannot hold as it is
        self.done = 0

    def check(self) -> None:
        if self.cancelled():
            raise Cancelled("The submission was cancelled; nothing was written.")

    def step(self) -> None:
        self.check()
        self.done += 1
        self.progress(min(self.done, self.steps), self.steps)

    def write(self, pdf: bool) -> None:
        plan = self.plan
        (self.staging / EVIDENCE_DIR).mkdir()
        letters = 0
        for item in plan.items:
            if item.part == LETTER and item.kind == "file":
                letters += 1
            self.result.places[item.number] = self._place(item, letters)
            self.step()
        if self.renamed:
            self.result.notes.append(
                f"{_listed(self.renamed)}: the file names have '-' or a space where the title "
                "holds a character that Windows, macOS or Linux does not allow in a file name "
                "(such as : / ? * < > |)."
            )
        without_file = [i for i in plan.items if i.kind != "file"]
        if without_file:
            self._write(NOTES, documents.notes_and_links(plan, without_file))
        if plan.signoff is not None:
            self._write(SIGNOFF, documents.signoff_document(plan))
        options = ExportOptions(word_count=True, evidence=True, pksb=False)
        word = {
            STATEMENT: build_docx(plan.content, SUBMISSION, options),
            PKSB: documents.pksb_report(plan),
            INDEX: documents.evidence_index(plan, self.result.places),
        }
        for stem, data in word.items():
            self._write(f"{stem}.docx", data)
        self.step()
        if pdf:
            from workbench.submission.combined import write_combined  # pypdf and pdfium

            write_combined(self, word)
        else:
            self.convert_documents(list(word))
        self.step()

    def convert_documents(self, stems: list[str], extra=None) -> dict:
        """The bundle's Word documents as PDFs too (and ``extra`` sources in the same call)."""
        if office_program() is None:
            self.result.notes.append(
                "LibreOffice is not installed, so the statement, PKSB report and evidence "
                "index are in Word format only."
            )
            return {}
        # The evidence first: a file LibreOffice cannot take is then rarely the last.
        sources = list(extra or ()) + [self.staging / f"{stem}.docx" for stem in stems]
        done = convert_to_pdf(sources, self.scratch / "pdf", self.cancelled)
        for stem in stems:
            made = done.get(self.staging / f"{stem}.docx")
            if made is None:
                self.result.problems.append(f"LibreOffice could not turn {stem}.docx into a PDF.")
                continue
            shutil.copyfile(made, self.staging / f"{stem}.pdf")
            self.result.files.append(f"{stem}.pdf")
        return done

    def _write(self, name: str, data: bytes) -> None:
        write_atomically(self.staging / name, data)
        self.result.files.append(name)

    # Evidence ----------------------------------------------------------------------------

    def _place(self, item: PlanItem, letter: int) -> ItemPlace:
        if item.kind != "file":
            return ItemPlace(item.number, where=f"in {NOTES}")
        suffix = names.safe_suffix(item.source_name)
        if item.part in PART_PREFIX:
            name = f"{PART_PREFIX[item.part]}{suffix}"
        elif item.part == LETTER:
            name = f"{LETTERS} {letter} ({item.label}){suffix}"
        else:
            name = f"{EVIDENCE_DIR}/" + names.item_file_name(
                item.number, item.title, suffix, self.width
            )
        name = names.unique(name, self.taken)
        what = f"{item.label} '{item.title}'"
        if item.blob is None or not item.blob.is_file():
            problem = (
                f"{what}: its file ({item.source_name}) is missing from the portfolio, so it is "
                "not in the bundle. Add the file again, or restore the portfolio from a backup."
            )
            self.result.problems.append(problem)
            return ItemPlace(item.number, where="missing from the portfolio", problem=problem)
        size = item.blob.stat().st_size
        if size > largest_file():
            problem = (
                f"{what} is {size / MB:,.0f} MB, more than a learning platform is likely to "
                f"take, so it is listed in the index but not copied ({item.source_name}). "
                "Share it another way, or add a shorter version."
            )
            self.result.problems.append(problem)
            return ItemPlace(
                item.number, where=f"not copied ({size / MB:,.0f} MB)", problem=problem
            )
        if item.part == EVIDENCE and names.safe_stem(item.title) != " ".join(item.title.split()):
            self.renamed.append(item.label)
        try:
            with replacing(self.staging / name) as tmp:
                sha, _ = blobs.copy_hashing(item.blob, tmp, cancelled=self.cancelled)
                if sha != item.blob_sha:
                    raise _Changed()
        except blobs.CancelledError:
            raise Cancelled("The submission was cancelled; nothing was written.") from None
        except _Changed:
            problem = (
                f"{what}: its stored file has changed on disk since it was added, so it is not "
                "in the bundle. Add the original file again."
            )
            self.result.problems.append(problem)
            return ItemPlace(item.number, where="damaged in the portfolio", problem=problem)
        self.result.files.append(name)
        return ItemPlace(item.number, file=name)


def _listed(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


class _Changed(Exception):
    pass


def _move_into_place(staging: Path, out: Path) -> None:
    if out.exists():
        old = out.parent / f".{out.name}.old-{secrets.token_hex(4)}"
        os.replace(out, old)
        os.replace(staging, out)
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink()
    else:
        os.replace(staging, out)


def _zip(staging: Path, out: Path, cancelled) -> None:
    root = out.stem
    with replacing(out) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for path in sorted(staging.rglob("*")):
            if cancelled and cancelled():
                raise Cancelled("The submission was cancelled; nothing was written.")
            if path.is_file():
                packed = zipfile.ZIP_STORED if path.suffix.lower() in STORED else None
                archive.write(
                    path,
                    f"{root}/{path.relative_to(staging).as_posix()}",
                    compress_type=packed or zipfile.ZIP_DEFLATED,
                )
