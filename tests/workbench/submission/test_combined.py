"""The combined PDF of the sample and of a generated portfolio, read back with pypdf,
pdfium and pdftotext: its bookmarks, page count, every citation link landing on
its item's first page and each item's link back, the text of every part, and
Word and PowerPoint evidence converted by LibreOffice.

Each portfolio is built once for the module (LibreOffice takes seconds to start).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from tests.workbench.submission.making import DOCX_WORDS, PPTX_WORDS, build_generated
from workbench.frameworks.library import builtin_framework, install_framework
from workbench.sample.build import build_demo
from workbench.statement import markdown
from workbench.store.identity import create_identity
from workbench.store.portfolios import create_portfolio, ensure_person
from workbench.submission.bundle import COMBINED, build_bundle
from workbench.submission.plan import gather_plan
from workbench.submission.sheets import sheet_marker

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
PARTS = ["Cover", "Contents", "Statement", "PKSB report", "Evidence index"]


def _build(tmp_path_factory, make):
    root = tmp_path_factory.mktemp("submission")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(root / "data"))
        opened, extra = make(root)
        try:
            plan = gather_plan(opened)
            result = build_bundle(plan, root / "Out", pdf=True)
        finally:
            opened.close()
    return plan, result, extra


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return _build(tmp_path_factory, lambda root: (build_demo(root / "demo"), None))


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    def make(root: Path):
        me = create_identity("Casey Mentee")
        opened = create_portfolio(root / "mine", me, route="chartership", mentor_name="Morgan")
        opened.portfolio.framework = install_framework(builtin_framework(), ensure_person(me))
        opened.portfolio.save()
        return opened, build_generated(opened, me, root / "files")

    return _build(tmp_path_factory, make)


def impress_installed() -> bool:
    """Whether this LibreOffice has Impress (a server install may have Writer alone)."""
    program = Path(shutil.which("soffice")).resolve().parent
    return any(program.glob("libsdlo*"))


def outline(reader: PdfReader) -> list[tuple[str, int, list]]:
    found = []
    for entry in reader.outline:
        if isinstance(entry, list):
            found[-1][2].extend((e.title, reader.get_destination_page_number(e)) for e in entry)
        else:
            found.append((entry.title, reader.get_destination_page_number(entry), []))
    return found


def links(reader: PdfReader) -> list[tuple[int, tuple[float, ...], int]]:
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    found = []
    for n, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                rect = tuple(float(v) for v in annotation["/Rect"])
                found.append((n, rect, pages[annotation["/Dest"][0].idnum]))
    return found


def words_at(pdf: Path, page: int, rect) -> str:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        text = document[page].get_textpage()
        return text.get_text_bounded(*rect).strip()
    finally:
        document.close()


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def check_structure(plan, result) -> tuple[PdfReader, dict[int, int]]:
    pdf = result.path / COMBINED
    reader = PdfReader(pdf)
    assert len(reader.pages) == result.pdf_pages
    marks = outline(reader)
    assert [title for title, _, _ in marks] == [*PARTS, "Evidence"]
    assert [page for _, page, _ in marks][:2] == [0, 1]
    children = marks[-1][2]
    assert [title for title, _ in children] == [f"{i.label} {i.title}" for i in plan.items]
    starts = {item.number: page for item, (_, page) in zip(plan.items, children, strict=True)}
    texts = page_texts(reader)
    total = max(starts)
    for number, page in starts.items():
        assert texts[page].startswith(sheet_marker(number, total)), (number, texts[page][:80])
    pages = [page for _, page, _ in marks[2:5]] + [starts[plan.items[0].number]]
    for n, stem in ((1, "02 PKSB report"), (2, "03 Evidence index")):
        assert len(PdfReader(result.path / f"{stem}.pdf").pages) == pages[n + 1] - pages[n]
    ends = [*sorted(starts.values())[1:], len(reader.pages)]
    for item, end in zip(plan.items, ends, strict=True):
        place = result.places[item.number]
        if place.file.endswith(".pdf") and "separately" not in texts[starts[item.number]]:
            own = len(PdfReader(result.path / place.file).pages)
            assert end - starts[item.number] - own in (1, 2)  # its sheet, then its pages
    return reader, starts


def check_links(plan, result, reader, starts) -> None:
    pdf = result.path / COMBINED
    statement = range(*[page for title, page, _ in outline(reader) if title in PARTS[2:4]])
    found = links(reader)
    cited = [
        n
        for n in (s.citation for s in markdown.citation_spans(plan.content.statement))
        if n in starts
    ]
    in_statement = [(page, rect, target) for page, rect, target in found if page in statement]
    assert len(in_statement) == len(cited)
    first_cited: dict[int, int] = {}
    for page, rect, target in in_statement:
        words = words_at(pdf, page, rect)
        number = int(words.strip("[]E "))
        assert target == starts[number], words
        first_cited.setdefault(number, page)
    index_page = [page for title, page, _ in outline(reader) if title == "Evidence index"][0]
    for item in plan.items:
        back = [target for page, _, target in found if page == starts[item.number]]
        assert back == [first_cited.get(item.number, index_page)], item.label
    contents = {target for page, _, target in found if page == 1}
    assert set(starts.values()) <= contents


def test_the_sample_pdf_has_its_bookmarks_pages_and_links(sample):
    plan, result, _ = sample
    reader, starts = check_structure(plan, result)
    check_links(plan, result, reader, starts)
    text = pdftotext(result.path / COMBINED)
    for words in ("Contents", "PKSB report", "Evidence index", plan.title, plan.candidate):
        assert words in text
    first = markdown.parse(plan.content.statement)[1].text.split()[:6]
    assert " ".join(first) in text
    for item in plan.items:
        assert " ".join(item.title.split()) in text
    for row in plan.content.pksb[:3]:
        assert row.name.split()[0] in text
    assert "Subject: Re: What should the staff wiki hold?" in text  # E6, an email, on its sheet
    assert "I know where to get help" in text  # E1, a text file, converted
    assert "2150" in text  # E12, a CSV file, as a table
    assert not [line for line in result.summary() if "attached separately" in line]
    # The contents give the file's pages; each part numbers its own, under its name.
    texts = page_texts(reader)
    assert not any("page 1 of" in text for text in texts[:2])  # the cover and the contents
    starts_of = {title: page for title, page, _ in outline(reader)}
    assert f"{plan.title}: statement · page 1 of" in texts[starts_of["Statement"]]
    assert "PKSB report · page 1 of" in texts[starts_of["PKSB report"]]


def test_the_generated_pdf_converts_office_files_and_names_what_it_cannot(generated):
    plan, result, numbers = generated
    reader, starts = check_structure(plan, result)
    check_links(plan, result, reader, starts)
    text = pdftotext(result.path / COMBINED)
    assert DOCX_WORDS in text
    summary = "\n".join(result.summary())
    if impress_installed():
        assert PPTX_WORDS in text
    else:  # a LibreOffice with Writer alone: the slides are named, not lost
        assert f"E{numbers['pptx']} 'slides' is attached separately" in summary
    poster = reader.pages[starts[numbers["png"]]]
    assert len(poster.images) == 1
    for key, why in (
        ("locked", "it is protected by a password"),
        ("damaged", "it cannot be read as a PDF (the file may be damaged)"),
    ):
        assert f"E{numbers[key]} '{key}' is attached separately as Evidence/E0" in summary
        assert why in summary
        assert why in page_texts(reader)[starts[numbers[key]]]
    assert "is missing from the portfolio" in summary
    assert (
        "Not in this PDF nor in the folder: not copied (500 MB)."
        in (page_texts(reader)[starts[numbers["video"]]])
    )
    for name in ("01 Statement.pdf", "02 PKSB report.pdf", "03 Evidence index.pdf"):
        assert (result.path / name).is_file()
