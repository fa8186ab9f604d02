"""LibreOffice opens the exports: the text and the comments survive PDF, ODT and a re-save."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from lxml import etree

from tests.workbench.word.wordfile import add_comment_like_word
from workbench.word.comments_xml import ExportComment
from workbench.word.export import REVIEW, EvidenceRow, ExportContent, export_docx
from workbench.word.reading import read_docx

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STATEMENT = (
    "# Personal performance\n\n"
    "I ran **induction sessions** for new students [E1] and asked for feedback.\n\n"
    "- more feedback than before\n"
)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A converter with its own LibreOffice profile (shared by the module's tests)."""
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(source: Path, fmt: str, outdir: Path) -> Path:
        command = [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(source),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=240)
        target = outdir / f"{source.stem}.{fmt.split(':')[0]}"
        assert target.is_file(), f"LibreOffice wrote no {target.name}"
        return target

    return convert


def review_copy(folder: Path) -> Path:
    start = STATEMENT.index("induction sessions")
    content = ExportContent(
        title="Chartership statement",
        candidate="Jordan Ellis",
        route="Chartership (MCLIP)",
        when=date(2026, 11, 29),
        statement=STATEMENT,
        word_count=18,
        word_limit=1000,
        evidence=[EvidenceRow(1, "Feedback forms", date(2026, 5, 13), ["C1"], [], "86 forms")],
        comments=[
            ExportComment(
                start, start + 18, "Ruth Adebayo", "RA", datetime(2026, 11, 3), "Which ones?"
            )
        ],
        version_uuid="v-1",
    )
    return export_docx(content, folder / "review.docx", REVIEW)


def annotations(odt: Path) -> dict[str, str]:
    """Comment text -> the document text it covers, from the ODT's content.xml."""
    with zipfile.ZipFile(odt) as package:
        root = etree.fromstring(package.read("content.xml"))
    covering: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    active: set[str] = set()

    def walk(element) -> None:
        if element.tag == f"{{{OFFICE}}}annotation":
            name = element.get(f"{{{OFFICE}}}name", "")
            body = " ".join("".join(p.itertext()) for p in element.iter(f"{{{TEXT_NS}}}p"))
            names[name] = body
            covering[name] = []
            active.add(name)
        elif element.tag == f"{{{OFFICE}}}annotation-end":
            active.discard(element.get(f"{{{OFFICE}}}name", ""))
        else:
            if element.text:
                for name in active:
                    covering[name].append(element.text)
            for child in element:
                walk(child)
        if element.tail:
            for name in active:
                covering[name].append(element.tail)

    walk(root)
    return {names[name]: "".join(parts) for name, parts in covering.items()}


def test_pdf_keeps_the_text(tmp_path, office):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = office(review_copy(tmp_path), "pdf", tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Chartership statement" in text
    assert "I ran induction sessions for new students [E1]" in " ".join(text.split())
    assert "E1 Feedback forms" in text
    assert "Page 1 of" in text


def test_odt_keeps_the_comment_on_its_words(tmp_path, office):
    odt = office(review_copy(tmp_path), "odt", tmp_path)
    found = annotations(odt)
    assert found == {"Which ones?": "induction sessions"}


def test_a_file_saved_again_by_libreoffice_imports_on_the_same_words(tmp_path, office):
    reviewed = tmp_path / "reviewed.docx"
    add_comment_like_word(review_copy(tmp_path), reviewed, "asked for feedback", "When?")
    resaved_dir = tmp_path / "resaved"
    resaved_dir.mkdir()
    resaved = office(reviewed, "docx:MS Word 2007 XML", resaved_dir)
    document = read_docx(resaved)
    quotes = {c.text: c.quote for c in document.comments}
    assert quotes["When?"] == "asked for feedback"
    assert quotes["Which ones?"] == "induction sessions"
    assert "I ran **induction sessions** for new students [E1]" in document.markdown
