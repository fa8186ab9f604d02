"""LibreOffice opens a review copy with its threads and resolved marks, and a copy
LibreOffice saved again comes back without anything made twice."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.workbench.word.test_soffice import OFFICE, TEXT_NS, annotations, office  # noqa: F401 - fixture
from tests.workbench.word.test_threads import content
from workbench.statement import drafts
from workbench.word.export import REVIEW, ExportOptions, export_docx
from workbench.word.gather import gather_content
from workbench.word.reading import read_docx
from workbench.word.review import preview_review

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"


def office_version() -> str:
    found = subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=60)
    return " ".join(found.stdout.split()[:2])


def resolved_marks(odt: Path) -> dict[str, str]:
    with zipfile.ZipFile(odt) as package:
        root = etree.fromstring(package.read("content.xml"))
    return {
        " ".join("".join(p.itertext()) for p in note.iter(f"{{{TEXT_NS}}}p")): note.get(
            f"{{{LOEXT}}}resolved"
        )
        for note in root.iter(f"{{{OFFICE}}}annotation")
    }


def test_libreoffice_shows_every_comment_and_the_resolved_one_resolved(tmp_path, office):  # noqa: F811
    copy = export_docx(content(), tmp_path / "review.docx", REVIEW, ExportOptions(resolved=True))
    odt = office(copy, "odt", tmp_path)
    covered = annotations(odt)
    assert covered["Which ones?"] == "induction sessions"
    assert covered["The autumn ones."] == "induction sessions"  # the reply on the same words
    assert covered["Say how many."] == "new students"
    marks = resolved_marks(odt)
    assert marks["Say how many."] == "true"
    assert marks["Which ones?"] == marks["The autumn ones."] == "false"
    # Saved as .docx again by LibreOffice: still done, and read as done.
    again = tmp_path / "again"
    again.mkdir()
    resaved = office(copy, "docx:MS Word 2007 XML", again)
    comments = {c.text: c for c in read_docx(resaved).comments}
    assert comments["Say how many."].done and not comments["Which ones?"].done


def test_libreoffice_keeps_the_reply_in_its_thread(tmp_path, office):  # noqa: F811
    copy = export_docx(content(), tmp_path / "review.docx", REVIEW)
    out = tmp_path / "out"
    out.mkdir()
    comments = {c.text: c for c in read_docx(office(copy, "docx:MS Word 2007 XML", out)).comments}
    reply = comments["The autumn ones."]
    if reply.parent_id is None:
        pytest.skip(
            f"{office_version()} writes a reply as a comment of its own on the same words "
            "(its .docx and .odt carry no thread); the import then finds it by its words"
        )
    assert reply.parent_id == comments["Which ones?"].word_id


def test_a_copy_saved_again_by_libreoffice_brings_nothing_twice(demo, tmp_path, office):  # noqa: F811
    mentee = demo.portfolio.candidate
    content_here = gather_content(demo.portfolio, REVIEW)
    copy = export_docx(content_here, tmp_path / "review.docx", REVIEW, ExportOptions(resolved=True))
    out = tmp_path / "out"
    out.mkdir()
    resaved = office(copy, "docx:MS Word 2007 XML", out)
    preview = preview_review(demo.portfolio, mentee, resaved)
    assert preview.version_number == drafts.latest_version(demo.portfolio).number
    assert len(preview.comments) == sum(1 + len(c.replies) for c in content_here.comments)
    assert preview.new_comments == [] and preview.to_resolve == []
