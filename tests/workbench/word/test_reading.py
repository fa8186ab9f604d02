"""Reading Word files: the statement as Markdown, comment ranges, and hostile input."""

from __future__ import annotations

import time
import zipfile
from datetime import date, datetime

import pytest
from docx import Document

from tests.workbench.word.wordfile import add_comment_like_word, read_zip, write_zip
from workbench.errors import DocxError
from workbench.word.comments_xml import ExportComment
from workbench.word.export import REVIEW, SUBMISSION, ExportContent, export_docx
from workbench.word.reading import read_docx
from workbench.word.untrusted import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
STATEMENT = (
    "# Personal performance\n\n"
    "I ran **induction sessions** for *new* students [E1].\n\n"
    "- more feedback\n"
    "- a redesigned drop-in\n\n"
    "## Looking back\n\n"
    "The wiki was worth it."
)


def exported(tmp_path, statement=STATEMENT, comments=(), kind=REVIEW):
    data = ExportContent(
        title="Statement",
        candidate="Jordan Ellis",
        route="Chartership (MCLIP)",
        when=date(2026, 11, 29),
        statement=statement,
        word_count=20,
        word_limit=1000,
        comments=list(comments),
        portfolio_uuid="p-1",
        version_uuid="v-7",
    )
    return export_docx(data, tmp_path / f"{kind}.docx", kind)


def with_body(tmp_path, body: str, comments: str = "", name="hand.docx"):
    """A real .docx whose body (and comments part) is the XML given."""
    base = tmp_path / "base.docx"
    Document().save(base)
    parts = read_zip(base)
    parts["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{body}</w:body>'
        "</w:document>"
    ).encode()
    if comments:
        types = parts["[Content_Types].xml"].decode()
        parts["[Content_Types].xml"] = types.replace(
            "</Types>",
            '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.wordprocessingml.comments+xml"/></Types>',
        ).encode()
        parts["word/comments.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><w:comments {W_NS}>{comments}</w:comments>'
        ).encode()
    target = tmp_path / name
    write_zip(target, parts)
    return target


def run(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def word_comment(cid: str, text: str, author="Ruth Adebayo") -> str:
    return (
        f'<w:comment w:id="{cid}" w:author="{author}" w:initials="RA" '
        f'w:date="2026-11-20T09:30:00Z"><w:p>{run(text)}</w:p></w:comment>'
    )


# Reading what we wrote ------------------------------------------------------------------------


def test_an_export_reads_back_as_the_same_markdown(tmp_path):
    document = read_docx(exported(tmp_path))
    assert document.markdown == STATEMENT
    assert document.had_statement_bookmark
    assert document.version_uuid == "v-7"
    assert document.title == "Statement"


def test_comments_come_back_on_the_words_they_cover(tmp_path):
    start = STATEMENT.index("**induction sessions**")
    note = ExportComment(start, start + 22, "Ruth Adebayo", "RA", datetime(2026, 11, 3), "Which?")
    document = read_docx(exported(tmp_path, comments=[note]))
    (found,) = document.comments
    assert found.quote == "induction sessions"  # the words; the markers hug them
    assert (found.start, found.end) == (start + 2, start + 20)
    assert (found.author, found.initials, found.text) == ("Ruth Adebayo", "RA", "Which?")
    assert found.when == datetime(2026, 11, 3)


def test_a_comment_added_like_word_is_read_with_its_range(tmp_path):
    source = exported(tmp_path, kind=SUBMISSION)
    target = tmp_path / "reviewed.docx"
    add_comment_like_word(source, target, "redesigned", "Say how.")
    (found,) = read_docx(target).comments
    assert found.quote == "redesigned"
    assert STATEMENT[found.start : found.end] == "redesigned"
    assert found.text == "Say how." and found.author == "Ruth Adebayo"


def test_nested_and_overlapping_ranges(tmp_path):
    body = (
        '<w:p><w:commentRangeStart w:id="1"/>'
        + run("alpha ")
        + '<w:commentRangeStart w:id="2"/>'
        + run("beta ")
        + '<w:commentRangeStart w:id="3"/>'
        + run("gamma")
        + '<w:commentRangeEnd w:id="1"/>'
        + run(" delta")
        + '<w:commentRangeEnd w:id="3"/><w:commentRangeEnd w:id="2"/></w:p>'
    )
    comments = word_comment("1", "one") + word_comment("2", "two") + word_comment("3", "three")
    document = read_docx(with_body(tmp_path, body, comments))
    quotes = {c.text: c.quote for c in document.comments}
    assert document.markdown == "alpha beta gamma delta"
    assert quotes == {"one": "alpha beta gamma", "two": "beta gamma delta", "three": "gamma delta"}


def test_a_range_with_no_end_is_kept_without_an_anchor(tmp_path):
    body = '<w:p><w:commentRangeStart w:id="4"/>' + run("dangling words") + "</w:p>"
    (found,) = read_docx(with_body(tmp_path, body, word_comment("4", "lost end"))).comments
    assert found.text == "lost end"
    assert found.start is None and found.end is None


def test_word_styles_map_to_the_markdown_subset(tmp_path):
    doc = Document()
    doc.add_paragraph("My draft", style="Title")
    doc.add_heading("Personal performance", level=1)
    body = doc.add_paragraph("I ran ")
    body.add_run("induction").bold = True
    body.add_run(" for ")
    body.add_run("new ").italic = True
    body.add_run("students.")
    doc.add_heading("Detail", level=3)
    doc.add_paragraph("first", style="List Bullet")
    doc.add_paragraph("second", style="List Bullet")
    doc.add_paragraph("A quote.", style="Quote")
    doc.add_paragraph("")
    doc.save(tmp_path / "draft.docx")
    document = read_docx(tmp_path / "draft.docx")
    assert document.markdown == (
        "# Personal performance\n\n"
        "I ran **induction** for *new* students.\n\n"
        "### Detail\n\n"
        "- first\n- second\n\n"
        "> A quote."
    )
    assert document.comments == []  # a file without comments is fine


def test_tracked_deletions_are_not_text(tmp_path):
    body = (
        "<w:p>"
        + run("kept ")
        + '<w:del w:id="9" w:author="R">'
        + ("<w:r><w:delText>gone </w:delText></w:r></w:del>")
        + '<w:ins w:id="10" w:author="R">'
        + run("added")
        + "</w:ins></w:p>"
    )
    assert read_docx(with_body(tmp_path, body)).markdown == "kept added"


# Hostile and broken files -------------------------------------------------------------------------


def test_not_a_zip(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("just some text")
    with pytest.raises(DocxError, match="notes.docx is not a Word document"):
        read_docx(path)


def test_an_old_word_file(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(DocxError, match="old Word 97-2003 document"):
        read_docx(path)


def test_a_truncated_zip(tmp_path):
    whole = exported(tmp_path).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DocxError, match="cut.docx is damaged or incomplete"):
        read_docx(path)


def test_a_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("photo.txt", "x")
    with pytest.raises(DocxError, match="has no word/document.xml"):
        read_docx(path)


def test_too_many_entries(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as package:
        for index in range(5001):
            package.writestr(f"x/{index}", "")
    with pytest.raises(DocxError, match="holds 5001 parts"):
        read_docx(path)


def test_a_damaged_xml_part(tmp_path):
    path = with_body(tmp_path, "<w:p>" + run("text") + "</w:p>")
    parts = read_zip(path)
    parts["word/document.xml"] = parts["word/document.xml"][:-20]
    write_zip(path, parts)
    with pytest.raises(DocxError, match="the part word/document.xml is damaged"):
        read_docx(path)


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE w:document ['
    '<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + f"]><w:document {W_NS}><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f"<w:document {W_NS}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize("xml", [BOMB, EXTERNAL], ids=["entity bomb", "external entity"])
def test_dtds_are_refused_before_parsing(tmp_path, xml):
    path = with_body(tmp_path, "<w:p/>")
    parts = read_zip(path)
    parts["word/document.xml"] = xml.encode()
    write_zip(path, parts)
    began = time.perf_counter()
    with pytest.raises(DocxError, match="declares a DTD in word/document.xml"):
        read_docx(path)
    assert time.perf_counter() - began < 30  # refused, not expanded


@pytest.mark.parametrize("xml", [BOMB, EXTERNAL], ids=["entity bomb", "external entity"])
def test_the_parser_itself_refuses_a_dtd(xml):
    """Even past the byte check, a DTD the parser finds is refused, never expanded."""
    # (libxml2 may stop the amplification itself first: refused either way)
    with pytest.raises(DocxError, match="declares a DTD in word/document.xml|amplification"):
        parse_xml(xml.encode(), "word/document.xml", "x.docx")


@pytest.mark.slow
def test_a_500_page_document(tmp_path):
    lines = 20_000  # about 40 lines a page
    body = "".join(
        "<w:p>" + run(f"Line {i} of a long document about library work.") + "</w:p>"
        for i in range(lines - 1)
    )
    body += '<w:p><w:commentRangeStart w:id="1"/>' + run("the very end")
    body += '<w:commentRangeEnd w:id="1"/></w:p>'
    document = read_docx(with_body(tmp_path, body, word_comment("1", "last")))
    assert document.markdown.count("\n\n") == lines - 1
    assert document.comments[0].quote == "the very end"
    assert document.markdown.endswith("the very end")


def test_word_replies_are_read_from_comments_extended(tmp_path):
    body = '<w:p><w:commentRangeStart w:id="1"/>' + run("the words")
    body += '<w:commentRangeEnd w:id="1"/></w:p>'
    w14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    comments = (
        f'<w:comment w:id="1" w:author="Ruth Adebayo" w:initials="RA" {w14}>'
        f'<w:p w14:paraId="0000000A">{run("Why?")}</w:p></w:comment>'
        f'<w:comment w:id="2" w:author="Jordan Ellis" w:initials="JE" {w14}>'
        f'<w:p w14:paraId="0000000B">{run("Because.")}</w:p></w:comment>'
    )
    path = with_body(tmp_path, body, comments)
    parts = read_zip(path)
    parts["word/commentsExtended.xml"] = (
        b'<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        b'<w15:commentEx w15:paraId="0000000A" w15:done="1"/>'
        b'<w15:commentEx w15:paraId="0000000B" w15:paraIdParent="0000000A"/>'
        b"</w15:commentsEx>"
    )
    write_zip(path, parts)
    first, answer = read_docx(path).comments
    assert (first.parent_id, first.done, first.quote) == (None, True, "the words")
    assert (answer.parent_id, answer.text) == ("1", "Because.")
