"""Our own export read back gives the same text: a property over statements of the subset."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbench.statement import drafts, markdown
from workbench.word.export import REVIEW, ExportContent, export_docx
from workbench.word.gather import gather_content
from workbench.word.reading import read_docx
from workbench.word.review import apply_review, preview_review
from workbench.word.source_form import restore

WORDS = st.sampled_from(["library", "wiki", "drop-in", "2", "students'", "café", "E1", "—"])
INLINE = st.one_of(
    WORDS,
    WORDS.map(lambda w: f"**{w}**"),
    WORDS.map(lambda w: f"*{w}*"),
    WORDS.map(lambda w: f"***{w}***"),
    st.sampled_from(["[E1]", "[E12]", "“quoted words”", '"plain quote"', "2 * 3", "a\tb"]),
)
TEXT = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)
PREFIX = st.sampled_from(["", "", "# ", "## ", "### ", "#\t", "- ", "* ", "-\t", "> ", "  "])
LINE = st.tuples(PREFIX, TEXT).map("".join)
GAP = st.sampled_from(["\n", "\n\n", "\n\n", "\n\n\n"])
STATEMENTS = st.tuples(
    st.lists(st.tuples(LINE, GAP), min_size=1, max_size=8), st.sampled_from(["", "\n"])
).map(lambda t: "".join(line + gap for line, gap in t[0][:-1]) + t[0][-1][0] + t[1])


def meaning(text: str) -> list:
    """Each block's kind and its words with their emphasis and citations."""
    return [
        (b.kind, [(s.text, s.bold, s.italic, s.citation) for s in b.spans if s.text])
        for b in markdown.parse(text)
    ]


def exported(statement: str, folder: Path) -> Path:
    content = ExportContent(
        title="Statement",
        candidate="Jordan Ellis",
        route="Chartership (MCLIP)",
        when=date(2026, 11, 29),
        statement=statement,
        word_count=1,
        word_limit=1000,
        portfolio_uuid="p-1",
        version_uuid="v-1",
    )
    return export_docx(content, folder / "review.docx", REVIEW)


def merged(blocks: list) -> list:
    """Neighbouring spans of one style joined (Word keeps styles, not where spans were cut)."""
    out = []
    for kind, spans in blocks:
        joined: list[list] = []
        for text, bold, italic, _ in spans:
            if joined and joined[-1][1:] == [bold, italic]:
                joined[-1][0] += text
            else:
                joined.append([text, bold, italic])
        out.append((kind, joined))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STATEMENTS)
@example("### library\nstudents'\n### library\n  students'")  # a twin line further on
def test_export_then_import_gives_back_the_same_text(statement):
    with tempfile.TemporaryDirectory() as folder:
        document = read_docx(exported(statement, Path(folder)))
    # What Word holds is what the Markdown means ...
    assert merged(meaning(document.markdown)) == merged(meaning(statement))
    # ... and laid against the version it came from, it is that version's text.
    assert restore(document.markdown, statement) == statement


def test_a_line_with_a_twin_further_on_keeps_its_own_spelling():
    # Matched as written, the first "students'" would pair with the last one and leave
    # the blocks between as Word spelled them.
    source = "### library\nstudents'\n### library\n  students'"
    read = "## library\n\nstudents'\n\n## library\n\nstudents'"
    assert restore(read, source) == source
    edited = "## library\n\nstudents'\n\n## library\n\nstudents, edited"
    assert restore(edited, source) == "### library\nstudents'\n### library\n\nstudents, edited"


def test_an_edited_export_differs_only_where_it_was_edited():
    statement = "# Start\n* one\n* two\n\n\n### Deeper\ntab\there\n"
    read = "# Start\n\n- one\n- two, edited\n\n## Deeper\n\ntab\there"
    assert restore(read, statement) == "# Start\n* one\n- two, edited\n\n### Deeper\ntab\there\n"


def test_taking_our_own_export_as_a_version_changes_no_text(demo, tmp_path):
    mentee = demo.portfolio.candidate
    statement = "# Start\n* one\n* two\n\n\n### Deeper\ntab\there\n"
    drafts.save_working_copy(demo.portfolio, mentee, statement)
    version = drafts.send_for_review(demo.portfolio, mentee, "odd spacing")
    path = export_docx(gather_content(demo.portfolio, REVIEW), tmp_path / "r.docx", REVIEW)
    preview = preview_review(demo.portfolio, mentee, path, as_version=True)
    assert preview.markdown == statement
    assert preview.matched_by == "same text" and preview.version_number == version.number
    apply_review(demo.portfolio, mentee, preview)
    assert drafts.latest_version(demo.portfolio).text == statement
