"""One reading of the statement's Markdown (DESIGN.md, rule 8).

The tokenizer (``workbench.statement.markdown``) says what is a heading, a list
item, a quotation, emphasis, strong and a citation. Here the editor's real
highlighter, the word count and the real Word export (read back with
python-docx) are checked against it, on random texts of the subset's pieces
and noise, and on the cases where they once disagreed.
"""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.hyperlink import Hyperlink
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QPalette, QTextCharFormat

from ui.statement.editor import BLOCK_KIND, StatementEditor
from workbench.frameworks.routes import CountRules
from workbench.statement import markdown
from workbench.statement.wordcount import count_statement
from workbench.word.export import (
    STATEMENT_BOOKMARK,
    SUBMISSION,
    EvidenceRow,
    ExportContent,
    ExportOptions,
    export_docx,
)
from workbench.word.reading import read_docx

KNOWN = {1, 2, 3, 12, 40}  # evidence items that exist: their citations become links
PIECES = [
    "# ", "## ", "### ", "- ", "* ", "> ", "  ", "**", "*", "***",
    "[E12]", "[E3]", "[E40]", "[E7]", "[E12345]", "[E0]", "[E012]", '"', "\u201c", "\u201d",
    "alpha", "beta ", "well-being", "2 * 3 * 4", " word", "\n", "\n\n",
]  # fmt: skip
NOISE = list("*#[]E0123456789 \n>-\t")
TEXTS = st.lists(st.sampled_from(PIECES) | st.sampled_from(NOISE), max_size=40).map("".join)
RULES = st.builds(CountRules, st.booleans(), st.booleans(), st.booleans())
STYLE_OF = {
    markdown.PARAGRAPH: "Normal",
    markdown.HEADING1: "Heading 1",
    markdown.HEADING2: "Heading 2",
    markdown.BULLET: "List Bullet",
    markdown.QUOTE: "Quote",
}
EXAMPLES = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# What each reader says, as (kind of block, per character of its text) -------------------


def tokenizer_reading(text: str) -> list[tuple[str, list[tuple[str, bool, bool, int | None]]]]:
    """Per block: its kind and (character, bold, italic, linked citation) of its text."""
    reading = []
    for block in markdown.parse(text):
        chars = []
        for span in block.spans:
            linked = span.citation if span.citation in KNOWN else None
            chars += [(ch, span.bold, span.italic, linked) for ch in span.text]
        reading.append((block.kind, chars))
    return reading


def word_reading(path) -> list[tuple[str, list[tuple[str, bool, bool, int | None]]]]:
    """The statement's paragraphs of an exported file: style, and each run's character."""
    doc = Document(path)
    reading = []
    for paragraph in statement_paragraphs(doc):
        kind = next(k for k, style in STYLE_OF.items() if style == paragraph.style.name)
        chars = []
        for item in paragraph.iter_inner_content():
            linked = None
            runs = [item]
            if isinstance(item, Hyperlink):
                linked = int(re.fullmatch(r"Evidence_E(\d+)", item._hyperlink.anchor).group(1))
                runs = item.runs
            for run in runs:
                chars += [(ch, bool(run.bold), bool(run.italic), linked) for ch in run.text]
        reading.append((kind, chars))
    return reading


def statement_paragraphs(doc) -> list:
    """The paragraphs inside the export's statement bookmark."""
    found, mark = [], None
    for paragraph in doc.paragraphs:
        p = paragraph._p
        if mark is None:
            starts = p.xpath(f'./w:bookmarkStart[@w:name="{STATEMENT_BOOKMARK}"]')
            if not starts:
                continue
            mark = starts[0].get(qn("w:id"))
        found.append(paragraph)
        if p.xpath(f'./w:bookmarkEnd[@w:id="{mark}"]'):
            return found
    raise AssertionError("the statement bookmark is not closed")


def export(text: str, path) -> None:
    content = ExportContent(
        title="Statement",
        candidate="Casey",
        route="Chartership",
        when=date(2026, 5, 1),
        statement=text,
        word_count=0,
        word_limit=0,
        evidence=[EvidenceRow(n, f"Item {n}") for n in sorted(KNOWN)],
    )
    export_docx(content, path, SUBMISSION, ExportOptions(word_count=False, pksb=False))


def highlighter_formats(editor: StatementEditor, text: str) -> list[list]:
    """The formats the real highlighter gave each character of each line."""
    editor.setPlainText(text)
    lines = []
    block = editor.document().firstBlock()
    while block.isValid():
        at = [None] * len(block.text())
        ranges = block.layout().formats()
        for found in ranges:
            fmt = QTextCharFormat(found.format)  # a copy outlives the range list
            for i in range(found.start, found.start + found.length):
                at[i] = fmt
        lines.append(at)
        block = block.next()
    return lines


def check_highlighter(editor: StatementEditor, text: str) -> None:
    lines = highlighter_formats(editor, text)
    marker_colour = editor.palette().color(QPalette.ColorRole.PlaceholderText)
    offsets = [0]
    for line in text.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    blocks = {block.start: block for block in markdown.parse(text)}
    for number, formats in enumerate(lines):
        block = blocks.get(offsets[number])
        if block is None:
            assert all(f is None for f in formats), f"line {number} is blank but styled"
            continue
        base = block.start
        for i, fmt in enumerate(formats):
            kind = fmt.property(BLOCK_KIND) if fmt is not None else None
            assert (kind or markdown.PARAGRAPH) == block.kind, (text, number, i)
        heading = block.kind in markdown.HEADINGS
        for span in block.spans:
            for i in range(span.start - base, span.end - base):
                fmt = formats[i]
                bold = fmt is not None and fmt.font().bold()
                italic = fmt is not None and fmt.fontItalic()
                underlined = fmt is not None and (
                    fmt.fontUnderline() or fmt.underlineStyle().value != 0
                )
                assert bold == (span.bold or heading), (text, span, i)
                assert italic == span.italic, (text, span, i)
                assert underlined == (span.citation is not None), (text, span, i)
        for start, end in block.markers:
            for i in range(start - base, end - base):
                assert formats[i] is not None and formats[i].foreground().color() == marker_colour


def words_outside_exclusions(text: str, rules: CountRules) -> int:
    """The words of the text with markers taken out and excluded spans blanked, per line."""
    total = 0
    for block in markdown.parse(text):
        if (block.kind in markdown.HEADINGS and rules.exclude_headings) or (
            block.kind == markdown.QUOTE and rules.exclude_quotations
        ):
            continue
        kept = [" "] * (block.end - block.start)
        for span in block.spans:
            out = (span.citation is not None and rules.exclude_citations) or (
                span.quoted and rules.exclude_quotations
            )
            kept[span.start - block.start : span.end - block.start] = (
                " " * len(span.text) if out else span.text
            )
        for start, end in block.markers:
            kept[start - block.start : end - block.start] = [""] * (end - start)
        tokens = "".join(kept).split()
        total += sum(1 for token in tokens if re.search(r"[^\W_]", token))
    return total


# The property ---------------------------------------------------------------------------


@pytest.fixture
def editor(qapp):
    editor = StatementEditor()
    editor.set_evidence({n: f"Item {n}" for n in KNOWN})
    yield editor
    editor.deleteLater()


@EXAMPLES
@given(text=TEXTS, rules=RULES)
def test_highlighter_word_count_and_word_export_agree(editor, tmp_path, text, rules):
    path = tmp_path / "statement.docx"
    export(text, path)
    expected = tokenizer_reading(text) or [(markdown.PARAGRAPH, [])]
    assert word_reading(path) == expected
    check_highlighter(editor, text)
    assert count_statement(text, rules, 0).words == words_outside_exclusions(text, rules)


@EXAMPLES
@given(text=TEXTS)
def test_spans_are_the_source_and_cover_it_with_the_markers(text):
    for block in markdown.parse(text):
        pieces = [(s.start, s.end) for s in block.spans] + block.markers
        covered = sorted(pieces)
        for (_, end), (start, _) in zip(covered, covered[1:], strict=False):
            assert end <= start  # spans and markers never overlap
        for span in block.spans:
            assert text[span.start : span.end] == span.text
        inner = "".join(text[a:b] for a, b in covered if a >= block.content_start)
        assert inner == text[block.content_start : block.end]


def test_a_line_read_again_is_the_same_reading_and_cannot_be_changed():
    block = markdown.parse_line("Some *words* [E1]")
    assert markdown.parse_line("Some *words* [E1]") is block
    assert isinstance(block.spans, tuple) and isinstance(block.emphasis, tuple)
    with pytest.raises(FrozenInstanceError):
        block.kind = markdown.HEADING1


# The cases that once read three ways ----------------------------------------------------

ALL_IN = CountRules(exclude_headings=False, exclude_citations=False, exclude_quotations=False)
ALL_OUT = CountRules(exclude_headings=True, exclude_citations=True, exclude_quotations=True)


def one_line(editor, tmp_path, text):
    """Tokenizer, Word and highlighter readings of a one-line statement."""
    export(text, tmp_path / "one.docx")
    check_highlighter(editor, text)
    (word,) = word_reading(tmp_path / "one.docx")
    (block,) = markdown.parse(text)
    assert word == tokenizer_reading(text)[0]
    return block, word


def test_two_times_three_times_four_is_plain(editor, tmp_path):
    block, (kind, chars) = one_line(editor, tmp_path, "It is 2 * 3 * 4 in all.")
    assert [s.text for s in block.spans] == ["It is 2 * 3 * 4 in all."]
    assert not any(italic or bold for _, bold, italic, _ in chars)
    assert count_statement("2 * 3 * 4", ALL_OUT, 0).words == 3


def test_an_indented_heading_is_a_paragraph(editor, tmp_path):
    block, (kind, _) = one_line(editor, tmp_path, "  # Not a heading")
    assert block.kind == kind == markdown.PARAGRAPH
    assert block.text == "# Not a heading"
    assert count_statement("  # Not a heading", ALL_OUT, 0).words == 3
    assert count_statement("# A heading", ALL_OUT, 0).words == 0


def test_an_indented_heading_comes_back_from_word_as_a_paragraph(tmp_path):
    export("  # Not a heading\n\n# A heading", tmp_path / "back.docx")
    text = read_docx(tmp_path / "back.docx").markdown
    assert [(b.kind, b.text) for b in markdown.parse(text)] == [
        (markdown.PARAGRAPH, "# Not a heading"),
        (markdown.HEADING1, "A heading"),
    ]


def test_a_five_digit_citation_is_plain_text(editor, tmp_path):
    editor.set_evidence({12345: "Too many", **{n: "" for n in KNOWN}})
    block, (_, chars) = one_line(editor, tmp_path, "See [E12345] and [E12].")
    assert [s.citation for s in block.spans] == [None, 12, None]
    assert "".join(ch for ch, _, _, linked in chars if linked) == "[E12]"
    assert markdown.citations("[E12345] [E0] [E012] [E9999]") == [9999]
    assert count_statement("See [E12345] and [E12].", ALL_OUT, 0).words == 3
    assert count_statement("See [E12345] and [E12].", ALL_IN, 0).words == 4


def test_emphasis_nests_and_unmatched_markers_stay_text():
    (block,) = markdown.parse("***both*** **s *e* s** *open")
    styled = [(s.text, s.bold, s.italic) for s in block.spans]
    assert styled == [
        ("both", True, True),
        (" ", False, False),
        ("s ", True, False),
        ("e", True, True),
        (" s", True, False),
        (" *open", False, False),
    ]
