"""Export from a portfolio and import a mentor's reviewed Word file back, end to end."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from docx import Document

from main import main as run_main
from tests.workbench.word.wordfile import add_comment_like_word, commented_text
from workbench.errors import DocxError, PermissionDenied
from workbench.sample.build import MENTOR_NAME, build_demo
from workbench.statement import comment_reading, drafts
from workbench.statement import comments as comment_service
from workbench.store.models import Comment, StatementVersion
from workbench.store.portfolios import MENTOR, person_with_role
from workbench.word.export import REVIEW, SUBMISSION, ExportOptions, export_docx, export_warnings
from workbench.word.gather import gather_content
from workbench.word.review import apply_review, preview_review


def plain(markdown_text: str) -> str:
    """The words as Word shows them (the emphasis markers dropped)."""
    return re.sub(r"\*+", "", markdown_text).replace("\n", "")


def counts() -> tuple[int, int]:
    return Comment.select().count(), StatementVersion.select().count()


def review_copy(demo, tmp_path):
    content = gather_content(demo.portfolio, REVIEW)
    return export_docx(content, tmp_path / "review.docx", REVIEW)


def test_review_copy_of_the_demo_has_each_open_comment_on_its_words(demo, tmp_path):
    latest = drafts.latest_version(demo.portfolio)
    path = review_copy(demo, tmp_path)
    views = [v for v in comment_reading.comments_for_version(latest) if not v.resolved]
    doc = Document(path)
    covered = commented_text(path)
    assert len(views) >= 2
    for view in views:
        word = next(c for c in doc.comments if c.text.endswith(view.text))
        assert word.author == view.author_name
        if view.detached:
            assert view.original_quote in word.text
        else:
            assert covered[str(word.comment_id)] == plain(view.quote)
    assert doc.core_properties.identifier.endswith(latest.uuid)


def test_submission_warns_about_open_comments(demo, tmp_path):
    content = gather_content(demo.portfolio, SUBMISSION)
    warnings = export_warnings(content, SUBMISSION, ExportOptions())
    assert any("still open; resolve" in text for text in warnings)
    path = export_docx(content, tmp_path / "final.docx", SUBMISSION)
    doc = Document(path)
    assert doc.tables and doc.tables[0].rows[0].cells[0].text == "Skill"
    assert any(p.style.name == "Heading 2" and p.text.startswith("E1 ") for p in doc.paragraphs)


def test_round_trip_a_mentor_comment_lands_on_the_right_words(demo, tmp_path):
    mentee = demo.portfolio.candidate
    latest = drafts.latest_version(demo.portfolio)
    words = "welcome week"
    assert words in latest.text
    reviewed = tmp_path / "reviewed.docx"
    add_comment_like_word(review_copy(demo, tmp_path), reviewed, words, "Which year was this?")
    before = counts()
    preview = preview_review(demo.portfolio, mentee, reviewed)
    assert counts() == before  # the preview writes nothing
    assert preview.matched_by == "same text" and preview.version_number == latest.number
    (new,) = preview.new_comments
    assert new.quote == words and new.placement == "exact"
    assert preview.by_author() == {MENTOR_NAME: 1}
    assert "1 comment to import onto version" in preview.summary()
    assert "already in the workbench" in preview.summary()
    result = apply_review(demo.portfolio, mentee, preview)
    assert result.created == 1
    views = comment_reading.comments_for_version(latest)
    made = next(v for v in views if v.text.endswith("Which year was this?"))
    assert made.quote == words
    assert latest.text[made.start : made.end] == words
    # The record is the importer's; the Word author is kept beside it and shown.
    assert made.text == "Which year was this?"
    assert made.author == mentee.uuid
    assert made.word_author == made.author_name == MENTOR_NAME
    assert made.word_date == datetime(2026, 11, 20, 9, 30)
    # Importing the same file again adds nothing.
    again = preview_review(demo.portfolio, mentee, reviewed)
    assert again.new_comments == []


def test_the_mentor_importing_their_own_review_keeps_the_words_as_written(demo, tmp_path):
    mentor = person_with_role(demo.portfolio, MENTOR)
    reviewed = tmp_path / "reviewed.docx"
    add_comment_like_word(review_copy(demo, tmp_path), reviewed, "welcome week", "Good.")
    apply_review(demo.portfolio, mentor, preview_review(demo.portfolio, mentor, reviewed))
    made = Comment.get(Comment.text == "Good.")
    assert made.author == mentor.uuid


def test_a_comment_on_words_since_rewritten_becomes_detached(demo, tmp_path):
    mentee = demo.portfolio.candidate
    old = drafts.latest_version(demo.portfolio)
    reviewed = tmp_path / "reviewed.docx"
    add_comment_like_word(review_copy(demo, tmp_path), reviewed, "welcome week", "Dates?")
    rewritten = old.text.replace("welcome week", "autumn induction")
    drafts.save_working_copy(demo.portfolio, mentee, rewritten)
    newer = drafts.send_for_review(demo.portfolio, mentee, "without the week")
    preview = preview_review(demo.portfolio, mentee, reviewed)
    assert preview.version_number == old.number  # matched by the id the copy carries
    apply_review(demo.portfolio, mentee, preview)
    on_newer = comment_reading.comments_for_version(newer)
    made = next(v for v in on_newer if v.text.endswith("Dates?"))
    assert made.detached and made.original_quote == "welcome week"


def test_the_closest_version_is_used_without_an_id(demo, tmp_path):
    mentee = demo.portfolio.candidate
    latest = drafts.latest_version(demo.portfolio)
    doc = Document()
    for line in latest.text.splitlines():
        if line.strip():
            doc.add_paragraph(plain(line.lstrip("#- ")))
    doc.save(tmp_path / "retyped.docx")
    words = "faculty board"
    add_comment_like_word(tmp_path / "retyped.docx", tmp_path / "r.docx", words, "Who chairs it?")
    preview = preview_review(demo.portfolio, mentee, tmp_path / "r.docx")
    assert preview.matched_by == "closest" and preview.version_number == latest.number
    (new,) = preview.new_comments
    assert latest.text[new.start : new.end] == words


def test_a_statement_drafted_in_word_becomes_a_new_version(demo, tmp_path):
    mentee = demo.portfolio.candidate
    doc = Document()
    doc.add_heading("Personal performance", level=1)
    body = doc.add_paragraph("I now ")
    body.add_run("design").bold = True
    body.add_run(" the sessions [E1].")
    doc.add_paragraph("observation", style="List Bullet")
    doc.save(tmp_path / "draft.docx")
    add_comment_like_word(tmp_path / "draft.docx", tmp_path / "c.docx", "sessions", "More?")
    preview = preview_review(demo.portfolio, mentee, tmp_path / "c.docx", as_version=True)
    assert preview.as_version and preview.matched_by == "new version"
    result = apply_review(demo.portfolio, mentee, preview)
    version = drafts.get_version(result.version_uuid)
    assert version.text == (
        "# Personal performance\n\nI now **design** the sessions [E1].\n\n- observation"
    )
    assert drafts.working_text(demo.portfolio) == version.text
    made = next(
        v for v in comment_reading.comments_for_version(version) if v.text.endswith("More?")
    )
    assert made.quote == "sessions"


def test_only_the_mentee_may_take_a_new_version(demo, tmp_path):
    mentor = person_with_role(demo.portfolio, MENTOR)
    path = review_copy(demo, tmp_path)
    with pytest.raises(PermissionDenied):
        preview_review(demo.portfolio, mentor, path, as_version=True)


def test_bad_files_save_nothing(demo, tmp_path):
    mentee = demo.portfolio.candidate
    broken = tmp_path / "broken.docx"
    broken.write_bytes(review_copy(demo, tmp_path).read_bytes()[:500])
    before = counts()
    with pytest.raises(DocxError, match="damaged or incomplete"):
        preview_review(demo.portfolio, mentee, broken)
    assert counts() == before


def test_a_failure_half_way_leaves_nothing(demo, tmp_path, monkeypatch):
    mentee = demo.portfolio.candidate
    reviewed = tmp_path / "reviewed.docx"
    add_comment_like_word(review_copy(demo, tmp_path), tmp_path / "one.docx", "welcome week", "A")
    add_comment_like_word(tmp_path / "one.docx", reviewed, "faculty board", "B")
    preview = preview_review(demo.portfolio, mentee, reviewed, as_version=False)
    assert len(preview.new_comments) == 2
    real = comment_service.create_comment
    calls = []

    def fail_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise DocxError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(comment_service, "create_comment", fail_second)
    before = counts()
    with pytest.raises(DocxError, match="disk full"):
        apply_review(demo.portfolio, mentee, preview)
    assert counts() == before


def test_command_line_export_and_import(tmp_path, capsys):
    folder = tmp_path / "demo"
    build_demo(folder).close()
    out = tmp_path / "review.docx"
    code = run_main(["export", "--portfolio", str(folder), "--kind", "review", "--out", str(out)])
    assert code == 0 and out.is_file()
    reviewed = tmp_path / "reviewed.docx"
    add_comment_like_word(out, reviewed, "welcome week", "From the command line")
    code = run_main(["import-docx", "--portfolio", str(folder), str(reviewed)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "1 comment to import" in printed and "Imported 1 comment from" in printed
    assert run_main(["import-docx", "--portfolio", str(folder), str(tmp_path / "nope.docx")]) == 1
    assert "error: The file" in capsys.readouterr().err
    sub = tmp_path / "final.docx"
    code = run_main(
        [
            "export",
            "--portfolio",
            str(folder),
            "--kind",
            "submission",
            "--out",
            str(sub),
            "--no-pksb",
        ]
    )
    assert code == 0 and not Document(sub).tables
    assert "warning:" in capsys.readouterr().err


def test_unsent_changes_are_pointed_out_before_a_review_copy(demo):
    mentee = demo.portfolio.candidate
    latest = drafts.latest_version(demo.portfolio)
    assert not gather_content(demo.portfolio, REVIEW).unsent_changes
    drafts.save_working_copy(demo.portfolio, mentee, latest.text + "\n\nA new closing line.")
    content = gather_content(demo.portfolio, REVIEW)
    warnings = export_warnings(content, REVIEW, ExportOptions())
    assert any(f"this copy shows version {latest.number}" in text for text in warnings)
    assert content.statement == latest.text


def add_word_reply(path, parent_text: str, reply_text: str, author: str) -> None:
    """Answer a comment the way Word 2013+ does: a new comment linked in commentsExtended."""
    from lxml import etree

    from tests.workbench.word.wordfile import W, read_zip, w, write_zip

    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    parts = read_zip(path)
    root = etree.fromstring(parts["word/comments.xml"])
    parent = next(c for c in root.iter(w("comment")) if "".join(c.itertext()) == parent_text)
    parent.find(w("p")).set(f"{{{w14}}}paraId", "1A2B3C4D")
    answer = etree.SubElement(root, w("comment"), nsmap={"w": W})
    answer.set(w("id"), "90")
    answer.set(w("author"), author)
    answer.set(w("date"), "2026-11-21T10:00:00Z")
    paragraph = etree.SubElement(answer, w("p"))
    paragraph.set(f"{{{w14}}}paraId", "5E6F7A8B")
    etree.SubElement(etree.SubElement(paragraph, w("r")), w("t")).text = reply_text
    parts["word/comments.xml"] = etree.tostring(root)
    parts["word/commentsExtended.xml"] = (
        b'<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        b'<w15:commentEx w15:paraId="1A2B3C4D"/>'
        b'<w15:commentEx w15:paraId="5E6F7A8B" w15:paraIdParent="1A2B3C4D"/></w15:commentsEx>'
    )
    write_zip(path, parts)


def test_a_reply_written_in_word_becomes_a_reply(demo, tmp_path):
    mentee = demo.portfolio.candidate
    reviewed = tmp_path / "reviewed.docx"
    add_comment_like_word(review_copy(demo, tmp_path), reviewed, "welcome week", "Which year?")
    add_word_reply(reviewed, "Which year?", "And which campus?", MENTOR_NAME)
    preview = preview_review(demo.portfolio, mentee, reviewed)
    assert len(preview.new_comments) == 2
    apply_review(demo.portfolio, mentee, preview)
    latest = drafts.latest_version(demo.portfolio)
    made = next(
        v for v in comment_reading.comments_for_version(latest) if v.text.endswith("Which year?")
    )
    assert [(r.text, r.author_name) for r in made.replies] == [("And which campus?", MENTOR_NAME)]
