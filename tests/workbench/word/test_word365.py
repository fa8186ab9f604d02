"""Files written the way Word 365 writes them: each comment on its words, each text its meaning."""

from __future__ import annotations

import pytest

from main import main as run_main
from tests.workbench.word.word365 import Word365, el, resave_like_word365
from tests.workbench.word.word365_editing import Word365File
from tests.workbench.word.wordfile import add_comment_like_word
from workbench.sample.build import build_demo
from workbench.statement import drafts
from workbench.store.portfolios import open_portfolio
from workbench.word.export import REVIEW, export_docx
from workbench.word.finding import BEST_MATCH, BOOKMARK, HEADINGS
from workbench.word.gather import gather_content
from workbench.word.reading import read_docx
from workbench.word.render import REJECT
from workbench.word.review import KEEP, OUTSIDE, POINT, REPLY, apply_review, preview_review

STATEMENT = (
    "# Personal performance\n\n"
    "I ran **induction sessions** for new students in Leeds.\n\n"
    "On 3 March 2026 I updated the wiki page for staff.\n\n"
    "The team ran weekly drop-in clinics, which were useful.\n\n"
    "It ended there.\n\n"
    "The next term began with reflection and a new plan.\n\n"
    "Only a paragraph, not a list.\n\n"
    "1. first step\n"
    "2. second step\n"
    "- a bullet"
)
ORIGINAL = STATEMENT.replace("ran weekly drop-in", "ran drop-in").replace(
    "which were useful", "which were very useful"
)


def word365_file(path, bookmark: bool = True):
    """A statement with every kind of markup Word 365 writes, and nine comments."""
    doc = Word365()
    doc.style("Standard", "Normal")
    doc.style("Titel", "Title", based_on="Standard")
    doc.style("berschrift1", "Überschrift 1", based_on="Standard", outline=0)
    doc.style("Fett", "Fett", kind="character", b=None)
    doc.style("Listenabsatz", "Listenabsatz", based_on="Standard")
    doc.numbered("3", "decimal")
    doc.numbered("4", "bullet")

    title = doc.paragraph("Titel")
    doc.start(title, "0")
    doc.runs(title, "My statement")
    doc.end(title, "0")
    doc.runs(doc.paragraph(), "Word count: 60 of 1,000 (headings not counted)")

    heading = doc.paragraph("berschrift1")
    if bookmark:
        doc.bookmark(heading, start=True)
    doc.runs(heading, "Personal performance")

    p = doc.paragraph()
    doc.runs(p, "I ran ")
    doc.start(p, "1")
    doc.runs(p, "induction", style="Fett")
    doc.proof(p)
    doc.runs(p, " sessions", style="Fett")
    doc.end(p, "1")
    doc.runs(p, " for new students ")
    doc.start(p, "2")
    doc.runs(p, "in ")
    tag = el("smartTag", p, element="City")
    doc.runs(tag, "Leeds")
    doc.end(p, "2")
    doc.runs(p, ".")

    p = doc.paragraph()
    doc.runs(p, "On ")
    doc.field(p, ' DATE \\@ "d MMMM yyyy" ', "3 March 2026")
    doc.runs(p, " I updated ")
    doc.start(p, "3")
    link = el("hyperlink", p, anchor="wiki")
    doc.runs(link, "the wiki")
    simple = el("fldSimple", p, instr=" QUOTE page ")
    doc.runs(simple, " page")
    doc.end(p, "3")
    doc.runs(p, " for staff.")

    p = doc.paragraph()
    doc.runs(p, "The team ")
    doc.start(p, "4")
    doc.runs(p, "ran ")
    doc.tracked(p, "ins", "weekly ")
    doc.runs(p, "drop-in")
    doc.end(p, "4")
    doc.runs(p, " clinics, which were ")
    doc.start(p, "5")
    doc.tracked(p, "del", "very ")
    doc.end(p, "5")
    doc.runs(p, "useful.")
    doc.runs(p, " SECRET NOTE", hidden=True)

    p = doc.paragraph()
    doc.runs(p, "It ")
    doc.start(p, "6")
    doc.runs(p, "ended there.")
    p = doc.paragraph()
    doc.runs(p, "The next")
    doc.end(p, "6")
    doc.runs(p, " term began with reflection")
    doc.mark(p, "7")  # a point comment: no range, only its mark
    doc.runs(p, " and a new plan.")

    doc.runs(doc.paragraph("Listenabsatz", numbering=("0", "0")), "Only a paragraph, not a list.")
    doc.runs(doc.paragraph("Listenabsatz", numbering=("3", "0")), "first step")
    doc.runs(doc.paragraph("Listenabsatz", numbering=("3", "0")), "second step")
    last = doc.paragraph("Listenabsatz", numbering=("4", "0"))
    doc.runs(last, "a bullet")
    if bookmark:
        doc.bookmark(last, start=False)

    doc.page_break()
    doc.runs(doc.paragraph("berschrift1"), "Evidence")
    table = el("tbl", doc.body)
    cell = el("tc", el("tr", table))
    in_cell = doc.paragraph(parent=cell)
    doc.start(in_cell, "8")
    doc.runs(in_cell, "E1 Induction feedback")
    doc.end(in_cell, "8")

    texts = {
        "0": "A better title?",
        "1": "Which ones?",
        "2": "Which campus?",
        "3": "Link it.",
        "4": "How often?",
        "5": "Why cut this?",
        "6": "Say more.",
        "7": "Deeper, please.",
        "8": "Date this item.",
    }
    first = doc.comment("1", texts["1"])
    for cid, text in texts.items():
        if cid != "1":
            doc.comment(cid, text)
    doc.comment("9", "They were the autumn ones.", author="Jordan Ellis", parent_id=first)
    return doc.save(path)


def by_text(document):
    return {c.text: c for c in document.comments}


def test_a_word365_file_reads_as_its_meaning(tmp_path):
    document = read_docx(word365_file(tmp_path / "w365.docx"))
    assert document.found_by == BOOKMARK
    assert document.markdown == STATEMENT  # heading, strong, numbering off, numbers, bullet
    assert document.original == ORIGINAL  # tracked changes rejected
    assert "SECRET" not in document.markdown  # hidden text left out
    assert "DATE" not in document.markdown  # a field's code is not text
    kinds = [(c.kind, c.text) for c in document.changes]
    assert kinds == [("inserted", "weekly "), ("deleted", "very ")]


def test_each_word365_comment_is_on_its_words(tmp_path):
    comments = by_text(read_docx(word365_file(tmp_path / "w365.docx")))
    assert comments["Which ones?"].quote == "induction sessions"
    assert comments["Which campus?"].quote == "in Leeds"
    assert comments["Link it."].quote == "the wiki page"
    assert comments["How often?"].quote == "ran weekly drop-in"
    assert comments["Say more."].quote == "ended there.\n\nThe next"
    point = comments["Deeper, please."]
    assert point.point and point.quote == "reflection"
    deleted = comments["Why cut this?"]  # only on deleted words: their place, and the words
    assert deleted.words == "very"
    assert ORIGINAL[deleted.original_start : deleted.original_end] == "very"
    reply = comments["They were the autumn ones."]
    assert reply.parent_id == "1" and reply.author == "Jordan Ellis"


def test_comments_outside_the_statement_say_where_they_are(tmp_path):
    comments = by_text(read_docx(word365_file(tmp_path / "w365.docx")))
    title, cell = comments["A better title?"], comments["Date this item."]
    assert (title.outside, title.words, title.start) == ("on the title", "My statement", None)
    assert cell.outside == "in a table under the heading “Evidence”"
    assert cell.words == "E1 Induction feedback"


def test_without_its_bookmark_the_statement_is_found_by_its_layout(tmp_path):
    document = read_docx(word365_file(tmp_path / "w365.docx", bookmark=False))
    assert document.found_by == HEADINGS
    assert document.markdown == STATEMENT  # no title, word count, appendix or table
    assert by_text(document)["Which ones?"].quote == "induction sessions"


def test_a_word365_file_taken_as_a_version(demo, tmp_path):
    mentee = demo.portfolio.candidate
    path = word365_file(tmp_path / "w365.docx")
    preview = preview_review(demo.portfolio, mentee, path, as_version=True)
    assert preview.markdown == STATEMENT and preview.as_version
    assert len(preview.changes) == 2
    outside = {c.word.text: c for c in preview.outside}
    assert set(outside) == {"A better title?", "Date this item."}
    assert all(c.placement == OUTSIDE for c in outside.values())
    placed = {c.word.text: c for c in preview.comments}
    assert placed["Deeper, please."].placement == POINT
    assert STATEMENT[placed["Which campus?"].start : placed["Which campus?"].end] == "in Leeds"
    assert "outside the statement" in preview.summary()
    rejected = preview_review(demo.portfolio, mentee, path, as_version=True, tracked=REJECT)
    assert rejected.markdown == ORIGINAL
    on = {c.word.text: c for c in rejected.comments}["Why cut this?"]
    assert ORIGINAL[on.start : on.end] == "very"
    result = apply_review(demo.portfolio, mentee, rejected)
    assert drafts.get_version(result.version_uuid).text == ORIGINAL


def test_keeping_the_text_puts_the_comments_on_the_version(demo, tmp_path):
    mentee = demo.portfolio.candidate
    path = word365_file(tmp_path / "w365.docx")
    with pytest.raises(Exception, match="does not match any version of the statement closely"):
        preview_review(demo.portfolio, mentee, path, as_version=True, tracked=KEEP)


def test_our_review_copy_resaved_by_word365_keeps_every_comment_on_its_words(demo, tmp_path):
    mentee = demo.portfolio.candidate
    latest = drafts.latest_version(demo.portfolio)
    copy = export_docx(gather_content(demo.portfolio, REVIEW), tmp_path / "r.docx", REVIEW)
    words = ["welcome week", "faculty board"]
    for index, phrase in enumerate(words):
        target = tmp_path / f"c{index}.docx"
        add_comment_like_word(copy, target, phrase, f"About {phrase}?")
        copy = target
    resaved = resave_like_word365(copy, tmp_path / "resaved.docx")
    preview = preview_review(demo.portfolio, mentee, resaved)
    assert preview.matched_by == "same text" and not preview.text_differs
    mine = [c for c in preview.comments if c.word.text.startswith("About ")]
    assert {c.placement for c in mine} == {"exact"}
    for item in mine:
        assert latest.text[item.start : item.end] == item.word.text[6:-1]


def test_the_command_line_takes_tracked_changes_as_asked(tmp_path, capsys):
    folder = tmp_path / "demo"
    build_demo(folder).close()
    path = word365_file(tmp_path / "w365.docx")
    args = ["import-docx", "--portfolio", str(folder), "--as-version", "--tracked", "reject"]
    assert run_main([*args, str(path)]) == 0
    printed = capsys.readouterr().out
    assert "[tracked inserted] Ruth Adebayo: 'weekly '" in printed
    assert "[outside] Ruth Adebayo: 'A better title?' on the title" in printed
    opened = open_portfolio(folder, holder="test")
    try:
        assert drafts.latest_version(opened.portfolio).text == ORIGINAL
    finally:
        opened.close()


def test_without_its_bookmark_the_best_matching_passage_is_found(tmp_path):
    path = word365_file(tmp_path / "w365.docx", bookmark=False)
    document = read_docx(path, known=(ORIGINAL, "# Something else entirely\n\nOther words."))
    assert document.found_by == BEST_MATCH
    assert document.markdown == STATEMENT


def test_a_word365_thread_resolved_comes_in_as_a_reply_and_a_resolve_once(demo, tmp_path):
    mentee = demo.portfolio.candidate
    built = word365_file(tmp_path / "w365.docx")
    edited = Word365File(built)
    edited.resolve("Which ones?")  # the thread with Jordan Ellis's reply, marked done
    path = edited.save(tmp_path / "resolved.docx")
    read = by_text(read_docx(path))
    reply = read["They were the autumn ones."]
    assert read["Which ones?"].done and reply.done and reply.durable_id
    preview = preview_review(demo.portfolio, mentee, path, as_version=True)
    items = {c.word.text: c for c in preview.comments}
    assert items["They were the autumn ones."].placement == REPLY
    assert [c.word.text for c in preview.to_resolve] == ["Which ones?"]
    assert STATEMENT[items["Which ones?"].start : items["Which ones?"].end] == "induction sessions"
    assert "1 to mark resolved" in preview.summary()
    result = apply_review(demo.portfolio, mentee, preview)
    assert result.resolved == 1
    again = preview_review(demo.portfolio, mentee, path)  # onto the version just made
    assert not again.new_comments and not again.to_resolve
