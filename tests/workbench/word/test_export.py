"""The Word export read back with python-docx and as raw XML."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from docx import Document
from lxml import etree

from tests.workbench.word.wordfile import commented_text, read_zip, w
from workbench.errors import DocxError
from workbench.statement import markdown
from workbench.word.comments_xml import ExportComment, ExportReply
from workbench.word.export import (
    REVIEW,
    SUBMISSION,
    EvidenceRow,
    ExportContent,
    ExportOptions,
    PksbRow,
    export_docx,
    export_warnings,
)
from workbench.word.finding import WORD_COUNT_LINE
from workbench.word.pksb import AreaNote

STATEMENT = (
    "# Personal performance\n"
    "I ran **induction sessions** for *new* students [E1] and wrote it up [E2].\n"
    "\n"
    "## What changed\n"
    "- more feedback [E1]\n"
    "- a redesigned **drop-in**\n"
    "> A quotation from a colleague.\n"
    "A missing item [E9] is not linked.\n"
)


def find(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def content(**changes) -> ExportContent:
    base = ExportContent(
        title="My Chartership statement",
        candidate="Jordan Ellis",
        route="Chartership (MCLIP)",
        when=date(2026, 11, 29),
        statement=STATEMENT,
        word_count=40,
        word_limit=1000,
        count_note="headings and evidence references not counted",
        evidence=[
            EvidenceRow(
                1,
                "Feedback forms",
                date(2026, 5, 13),
                ["C1 Personal performance"],
                ["10.4 Teaching"],
                "Summary of 86 forms.",
            ),
            EvidenceRow(2, "Drop-in report", None, [], [], ""),
        ],
        pksb=[
            PksbRow("10.2", "Digital literacy", "Literacies and learning", 2, 3, 4),
            PksbRow("11.0", "Leadership", "Leadership", 1, None, 3),
        ],
        pksb_start_label="Start (Mar 2026)",
        pksb_end_label="End",
        portfolio_uuid="p-1",
        version_uuid="v-1",
        version_label="Version 1",
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def comment(words: str, text: str, **extra) -> ExportComment:
    start, end = find(STATEMENT, words)
    return ExportComment(
        start,
        end,
        extra.pop("author", "Ruth Adebayo"),
        "RA",
        extra.pop("when", datetime(2026, 11, 3, 14, 5)),
        text,
        **extra,
    )


def test_submission_has_real_styles_and_emphasis(tmp_path):
    path = export_docx(content(), tmp_path / "out.docx", SUBMISSION)
    doc = Document(path)
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert styles[0] == ("Title", "My Chartership statement")
    assert styles[1] == ("Subtitle", "Jordan Ellis · Chartership (MCLIP) · 29 November 2026")
    assert ("Heading 1", "Personal performance") in styles
    assert ("Heading 2", "What changed") in styles
    assert ("List Bullet", "more feedback [E1]") in styles
    assert ("Quote", "A quotation from a colleague.") in styles
    count_line = next(text for _, text in styles if text.startswith("Word count: 40 of 1,000"))
    assert "(headings" in count_line
    assert WORD_COUNT_LINE.match(count_line)  # so reading the document back skips it
    body = next(p for p in doc.paragraphs if p.text.startswith("I ran"))
    assert body.text == "I ran induction sessions for new students [E1] and wrote it up [E2]."
    bold = [r.text for r in body.runs if r.bold]
    italic = [r.text for r in body.runs if r.italic]
    assert bold == ["induction sessions"] and italic == ["new"]
    assert "**" not in "".join(p.text for p in doc.paragraphs)


def test_citations_link_to_bookmarks_on_the_evidence(tmp_path):
    path = export_docx(content(), tmp_path / "out.docx", SUBMISSION)
    root = etree.fromstring(read_zip(path)["word/document.xml"])
    bookmarks = {b.get(w("name")) for b in root.iter(w("bookmarkStart"))}
    links = [(h.get(w("anchor")), "".join(h.itertext())) for h in root.iter(w("hyperlink"))]
    assert links == [("Evidence_E1", "[E1]"), ("Evidence_E2", "[E2]"), ("Evidence_E1", "[E1]")]
    assert {"Evidence_E1", "Evidence_E2", "wb_statement"} <= bookmarks
    # The bookmark sits on the appendix heading of its item.
    mark = next(b for b in root.iter(w("bookmarkStart")) if b.get(w("name")) == "Evidence_E1")
    heading = mark.getparent()
    assert "".join(heading.itertext()) == "E1 Feedback forms"
    assert heading.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "Heading2"
    # A citation of a missing item stays plain text.
    assert "Evidence_E9" not in {a for a, _ in links}
    doc = Document(path)
    texts = [p.text for p in doc.paragraphs]
    assert "Date: 13 May 2026\nCriteria: C1 Personal performance\nSkills: 10.4 Teaching" in texts
    assert "Summary of 86 forms." in texts


def test_pksb_table_page_setup_and_properties(tmp_path):
    path = export_docx(content(), tmp_path / "out.docx", SUBMISSION)
    doc = Document(path)
    table = doc.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Skill", "Start (Mar 2026)", "End", "Target", "Change"]
    assert rows[1] == ["Literacies and learning"] * 5  # the area row spans the table
    assert rows[2] == ["10.2 Digital literacy", "2", "3", "4", "+1"]
    assert rows[3] == ["Leadership"] * 5
    assert rows[4] == ["11.0 Leadership", "1", "–", "3", "–"]
    explained = [p.text for p in doc.paragraphs if "Change column" in p.text]
    assert explained[0].endswith("the Change column is End minus Start (Mar 2026).")
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = read_zip(path)["word/footer1.xml"].decode()
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert doc.core_properties.title == "My Chartership statement"
    assert doc.core_properties.author == "Jordan Ellis"
    assert doc.core_properties.identifier == "workbench-statement:p-1:v-1"


def test_options_leave_parts_out(tmp_path):
    options = ExportOptions(word_count=False, evidence=False, pksb=False)
    path = export_docx(content(), tmp_path / "out.docx", SUBMISSION, options)
    doc = Document(path)
    texts = [p.text for p in doc.paragraphs]
    assert not doc.tables
    assert not any(t.startswith(("Word count", "E1 ", "Date:")) for t in texts)
    root = etree.fromstring(read_zip(path)["word/document.xml"])
    assert not list(root.iter(w("hyperlink")))  # nothing to link to


def test_review_copy_puts_comments_on_exact_words(tmp_path):
    notes = [
        comment("induction sessions", "Which ones?"),
        # Overlapping the first, and nested inside the second.
        comment("sessions** for *new* students", "Numbers?", author="Jordan Ellis"),
        comment("new", "Define new."),
        # Across two lines (paragraphs).
        comment(
            "more feedback [E1]\n- a redesigned",
            "Across lines",
            replies=[ExportReply("Jordan Ellis", "JE", datetime(2026, 11, 4), "Will do")],
        ),
        ExportComment(
            None,
            None,
            "Ruth Adebayo",
            "RA",
            datetime(2026, 11, 1),
            "Gone now",
            quote="an old sentence",
        ),
    ]
    path = export_docx(content(comments=notes), tmp_path / "review.docx", REVIEW)
    doc = Document(path)
    by_text = {c.text: c for c in doc.comments}
    covered = commented_text(path)
    assert covered[str(by_text["Which ones?"].comment_id)] == "induction sessions"
    assert covered[str(by_text["Numbers?"].comment_id)] == "sessions for new students"
    assert covered[str(by_text["Define new."].comment_id)] == "new"
    assert covered[str(by_text["Across lines"].comment_id)] == "more feedback [E1]a redesigned"
    reply = by_text["Will do"]  # a Word reply on its comment's words (threads: test_threads)
    assert covered[str(reply.comment_id)] == "more feedback [E1]a redesigned"
    assert reply.author == "Jordan Ellis" and reply.initials == "JE"
    first = by_text["Which ones?"]
    assert (first.author, first.initials) == ("Ruth Adebayo", "RA")
    assert first.timestamp.replace(tzinfo=None) == datetime(2026, 11, 3, 14, 5)
    detached = next(c for c in doc.comments if c.text.endswith("Gone now"))
    assert "an old sentence" in detached.text
    assert covered[str(detached.comment_id)] == "My Chartership statement"
    # The emphasis survived the split runs.
    body = next(p for p in doc.paragraphs if p.text.startswith("I ran"))
    assert "".join(r.text for r in body.runs if r.bold) == "induction sessions"
    assert len([r for r in body.runs if r.bold]) == 2  # split where "sessions" begins


def test_a_submission_carries_no_comments(tmp_path):
    path = export_docx(content(comments=[comment("new", "x")]), tmp_path / "s.docx", SUBMISSION)
    assert "word/comments.xml" not in read_zip(path)


def test_warnings_name_the_leftovers():
    over = content(word_count=1012, comments=[comment("new", "x")])
    warnings = export_warnings(over, SUBMISSION, ExportOptions())
    assert warnings[0] == "1 comment is still open; resolve it before you submit."
    assert "The statement cites evidence that does not exist: [E9]." in warnings
    assert "The statement is 12 words over the limit (1012 of 1000)." in warnings
    review = export_warnings(content(comments=[comment("new", "x")]), REVIEW, ExportOptions())
    assert not any("still open" in text for text in review)


def test_unwritable_target_is_a_clear_error(tmp_path):
    with pytest.raises(DocxError, match="cannot be written"):
        export_docx(content(), tmp_path / "missing" / "out.docx", SUBMISSION)
    with pytest.raises(DocxError, match="not 'letter'"):
        export_docx(content(), tmp_path / "out.docx", "letter")


def test_spans_keep_source_offsets():
    for block in markdown.parse(STATEMENT):
        for span in block.spans:
            assert STATEMENT[span.start : span.end] == span.text
    assert markdown.citations(STATEMENT) == [1, 2, 9]


def test_empty_statement_still_exports(tmp_path):
    path = export_docx(content(statement="", evidence=[], pksb=[]), tmp_path / "e.docx", REVIEW)
    doc = Document(path)
    assert doc.paragraphs[0].text == "My Chartership statement"
    assert not doc.tables


def test_the_pksb_table_fits_a4_portrait_with_set_widths(tmp_path):
    doc = Document(export_docx(content(), tmp_path / "out.docx", SUBMISSION))
    table = doc.tables[0]
    assert len(table.columns) == 5
    assert not table.autofit
    grid = [round(column.width.mm) for column in table.columns]
    assert grid == [80, 20, 20, 20, 20]
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(column.width for column in table.columns) - text_width) < 36_000  # 1 mm
    skill_row = table.rows[2]
    assert [round(cell.width.mm) for cell in skill_row.cells] == grid
    area_row = table.rows[1]._tr.tc_lst
    assert len(area_row) == 1 and area_row[0].grid_span == 5
    assert round(table.rows[1].cells[0].width.mm) == 160


def test_each_chosen_areas_comment_follows_the_table(tmp_path):
    notes = [
        AreaNote("Literacies and learning", "I will show how my sessions changed.\nWith forms."),
        AreaNote("Leadership", ""),
    ]
    doc = Document(export_docx(content(area_notes=notes), tmp_path / "out.docx", SUBMISSION))
    body = doc.element.body
    table_at = list(body).index(doc.tables[0]._tbl)
    after = [p for p in doc.paragraphs if list(body).index(p._p) > table_at]
    texts = [(p.style.name, p.text) for p in after]
    assert texts == [
        ("Heading 2", "How I will show learning in each area"),
        ("Heading 3", "Literacies and learning"),
        ("Normal", "I will show how my sessions changed."),
        ("Normal", "With forms."),
        ("Heading 3", "Leadership"),
        ("Normal", "No comment written yet."),
    ]


def test_a_chosen_area_without_a_comment_is_pointed_out():
    notes = [AreaNote("Research", "Through my survey."), AreaNote("Leadership", " ")]
    found = export_warnings(content(area_notes=notes), SUBMISSION, ExportOptions())
    assert "No comment yet on how you will show learning in: Leadership." in found
    left_out = export_warnings(content(area_notes=notes), SUBMISSION, ExportOptions(pksb=False))
    assert not any("show learning" in text for text in left_out)


def test_the_sample_submission_carries_every_chosen_areas_comment(demo, tmp_path):
    from workbench.sample.build import AREA_COMMENTS
    from workbench.word.gather import gather_content

    gathered = gather_content(demo.portfolio, SUBMISSION)
    assert len(gathered.area_notes) == len(AREA_COMMENTS)
    doc = Document(export_docx(gathered, tmp_path / "sample.docx", SUBMISSION))
    texts = {p.text for p in doc.paragraphs}
    assert set(AREA_COMMENTS.values()) <= texts
    assert doc.tables[0].rows[0].cells[3].text == "Target"
