"""The submission folder and zip, read back: every file named as promised, the index
matching the evidence, bad input named in the summary and the rest intact.

LibreOffice is switched off here (the Word files are the bundle's own); the
combined PDF is tested in test_combined.py.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.workbench.journey.helpers import join_mentor, sign_off_as
from tests.workbench.submission.making import FORBIDDEN_TITLE, build_generated, docx_file, pdf_file
from workbench.errors import SubmissionError
from workbench.evidence.files import import_files
from workbench.evidence.library import update_item
from workbench.statement import drafts
from workbench.store.models import Person
from workbench.submission import bundle, names
from workbench.submission.bundle import Cancelled, build_bundle
from workbench.submission.plan import EVIDENCE, gather_plan


@pytest.fixture(autouse=True)
def no_office(monkeypatch):
    monkeypatch.setattr(bundle, "office_program", lambda: None)


def table_rows(path: Path) -> list[list[str]]:
    table = Document(str(path)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def expected_name(item, width: int) -> str:
    suffix = names.safe_suffix(item.source_name)
    return f"Evidence/{names.item_file_name(item.number, item.title, suffix, width)}"


def test_the_sample_bundle_holds_every_part_and_item(demo, tmp_path):
    plan = gather_plan(demo)
    result = build_bundle(plan, tmp_path / "Submission")
    out = tmp_path / "Submission"
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == set(result.files)
    for part in ("01 Statement.docx", "02 PKSB report.docx", "03 Evidence index.docx"):
        assert part in written
    files = [item for item in plan.items if item.kind == "file" and item.part == EVIDENCE]
    assert files
    for item in files:
        name = expected_name(item, 2)
        assert name in written
        assert (out / name).read_bytes() == item.blob.read_bytes()
        assert name.split("/")[1].startswith(f"E{item.number:02d} ")
    rows = table_rows(out / "03 Evidence index.docx")
    assert rows[0][:3] == ["No.", "Title", "Type"]
    assert [row[0] for row in rows[1:]] == [item.label for item in plan.items]
    assert [row[1] for row in rows[1:]] == [item.title for item in plan.items]
    for row, item in zip(rows[1:], plan.items, strict=True):
        assert row[6] == ("; ".join(item.cited_in) or "not cited")
        if item.kind == "file":
            assert row[7] == expected_name(item, 2).split("/")[1]
    notes = [i for i in plan.items if i.kind != "file"]
    text = "\n".join(p.text for p in Document(str(out / bundle.NOTES)).paragraphs)
    for item in notes:
        assert f"{item.label} {item.title}" in text
    pksb = Document(str(out / "02 PKSB report.docx"))
    skills = [row.cells[0].text for row in pksb.tables[0].rows]
    for row in plan.content.pksb:
        assert f"{row.code} {row.name}" in skills
    with zipfile.ZipFile(out / "01 Statement.docx") as docx:
        statement = docx.read("word/document.xml").decode()
    assert 'w:anchor="Evidence_E1"' in statement  # linked to the appendix, as in the export
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert "LibreOffice is not installed" in " ".join(result.summary())


def test_sample_missing_parts_come_from_the_readiness_check(demo):
    plan = gather_plan(demo)
    keys = [item.key for item in plan.missing]
    assert "pksb_end" in keys and "cv" in keys
    assert all(item.place for item in plan.missing)


def test_a_zip_holds_the_same_files_under_one_folder(demo, tmp_path):
    plan = gather_plan(demo)
    result = build_bundle(plan, tmp_path / "Jordan Ellis submission.zip")
    with zipfile.ZipFile(result.path) as archive:
        listed = set(archive.namelist())
        assert archive.testzip() is None
    assert listed == {f"Jordan Ellis submission/{name}" for name in result.files}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Jordan Ellis submission.zip", "demo"]


def test_bad_input_is_named_and_the_rest_is_intact(portfolio, me, tmp_path):
    numbers = build_generated(portfolio, me, tmp_path / "files")
    plan = gather_plan(portfolio)
    out = tmp_path / "Out"
    result = build_bundle(plan, out)
    summary = "\n".join(result.summary())
    assert (
        f"E{numbers['gone']} 'gone': its file (gone.pdf) is missing from the portfolio" in summary
    )
    assert f"E{numbers['video']} 'Recording of the training session' is 500 MB" in summary
    assert "listed in the index but not copied (training.mp4)" in summary
    assert f"E{numbers['budget']}: the file names have '-'" in summary
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    budget = [n for n in written if n.startswith(f"Evidence/E{numbers['budget']:02d} ")]
    assert budget == ["Evidence/E06 Budget - Q1 draft final - con.pdf"]
    for name in written:
        assert not set('<>:"|?*\\').intersection(name)
        assert name.split("/")[-1].split(".")[0].upper() not in names.RESERVED
    for kept in ("docx", "pptx", "png", "damaged", "locked"):
        assert any(n.startswith(f"Evidence/E{numbers[kept]:02d} ") for n in written), kept
    assert not any(n.startswith(f"Evidence/E{numbers['video']:02d}") for n in written)
    rows = {row[0]: row for row in table_rows(out / "03 Evidence index.docx")[1:]}
    assert rows[f"E{numbers['video']}"][7] == "not copied (500 MB)"
    assert rows[f"E{numbers['gone']}"][7] == "missing from the portfolio"
    assert rows[f"E{numbers['budget']}"][1] == FORBIDDEN_TITLE
    assert rows[f"E{numbers['note']}"][7] == f"in {bundle.NOTES}"
    assert rows[f"E{numbers['docx']}"][6] == "Personal performance; Organisational context"
    assert rows[f"E{numbers['link']}"][6] == "not cited"


def test_safe_names_on_every_system():
    assert names.safe_stem('a<b>c:d"e/f\\g|h?i*j') == "a b c -d e-f-g h i j"
    assert names.safe_stem("Report. ") == "Report"
    assert names.safe_stem("CON") == "CON (file)"
    assert names.safe_stem("nul.txt") == "nul.txt (file)"
    assert names.safe_stem("\u0065\u0301cole") == "\u00e9cole"  # NFC, as macOS would compare
    assert names.safe_stem("???") == "Untitled"
    assert len(names.safe_stem("é" * 300).encode()) <= 255
    taken: set[str] = set()
    assert names.unique("E01 Notes.pdf", taken) == "E01 Notes.pdf"
    assert names.unique("e01 notes.PDF", taken) == "e01 notes (2).PDF"
    assert names.item_file_name(3, "Presentation to the faculty board", ".pdf") == (
        "E03 Presentation to the faculty board.pdf"
    )
    assert names.item_file_name(7, "x", ".pdf", width=3) == "E007 x.pdf"
    assert names.safe_suffix("slides.PPTX") == ".pptx"
    assert names.safe_suffix("no extension") == ""


def test_cancelling_leaves_nothing(demo, tmp_path):
    plan = gather_plan(demo)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(Cancelled):
        build_bundle(plan, tmp_path / "Out", cancelled=cancelled)
    assert os.listdir(tmp_path) == ["demo"]


def test_an_existing_folder_is_replaced_only_when_asked(demo, tmp_path):
    plan = gather_plan(demo)
    out = tmp_path / "Out"
    out.mkdir()
    (out / "old.txt").write_text("old")
    with pytest.raises(SubmissionError, match="already exists"):
        build_bundle(plan, out)
    assert (out / "old.txt").exists()
    build_bundle(plan, out, replace=True)
    assert not (out / "old.txt").exists() and (out / "01 Statement.docx").exists()
    assert sorted(os.listdir(tmp_path)) == ["Out", "demo"]


def test_the_cv_job_description_and_letters_sit_beside_the_evidence(portfolio, me, tmp_path):
    person = Person.get_by_id(me.uuid)
    files = [docx_file(tmp_path / "cv.docx"), pdf_file(tmp_path / "job.pdf")]
    files += [pdf_file(tmp_path / f"letter{n}.pdf") for n in (1, 2)]
    items = import_files(portfolio, person, files).items
    types = ("Annotated CV", "Annotated job description", "Letter of support", "Letter of support")
    for item, kind in zip(items, types, strict=True):
        update_item(item.uuid, person, evidence_type=kind)
    plan = gather_plan(portfolio)
    assert "cv" not in [i.key for i in plan.missing]
    assert "job_description" not in [i.key for i in plan.missing]
    result = build_bundle(plan, tmp_path / "Out")
    assert [result.places[i.number].file for i in items] == [
        "05 Annotated CV.docx",
        "06 Annotated job description.pdf",
        "07 Letter of support 1 (E3).pdf",
        "07 Letter of support 2 (E4).pdf",
    ]
    assert not list((tmp_path / "Out" / "Evidence").iterdir())


def test_the_mentors_verified_sign_off_is_a_document_of_its_own(portfolio, me, other, tmp_path):
    mentee, mentor = join_mentor(portfolio, me, other)
    drafts.save_working_copy(portfolio.portfolio, mentee, "# Personal performance\n\nI grew.\n")
    version = drafts.send_for_review(portfolio.portfolio, mentee, "Final")
    sign_off_as(portfolio.portfolio, mentor, version)
    plan = gather_plan(portfolio)
    assert plan.signoff is not None and plan.signoff.verified
    result = build_bundle(plan, tmp_path / "Out")
    assert bundle.SIGNOFF in result.files
    text = "\n".join(p.text for p in Document(str(tmp_path / "Out" / bundle.SIGNOFF)).paragraphs)
    assert "Mentor: Morgan Mentor" in text
    assert "Signed off: version 1" in text
    assert "I confirm the candidate's work." in text
