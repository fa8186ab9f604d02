"""Threads, resolved state and authors both ways: the review copy's XML read back,
and files answered and resolved the way Word 365 saves them brought in."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import date, datetime

from lxml import etree

from main import main as run_main
from tests.workbench.word.word365_editing import W15, W16CID, Word365File, last_para_id, text_of
from tests.workbench.word.wordfile import add_comment_like_word, commented_text, read_zip, w
from workbench.sample.build import MENTOR_NAME, build_demo
from workbench.statement import comment_reading, drafts
from workbench.statement import comments as comment_service
from workbench.store import db
from workbench.store.models import Comment, CommentState
from workbench.store.portfolios import open_portfolio
from workbench.word.comments_xml import ExportComment, ExportReply, durable_id
from workbench.word.export import REVIEW, ExportContent, ExportOptions, export_docx
from workbench.word.gather import gather_content
from workbench.word.properties import app_version, word_app_version
from workbench.word.reading import read_docx
from workbench.word.review import REPLY, apply_review, preview_review

STATEMENT = "# Personal performance\nI ran induction sessions for new students and wrote it up.\n"
ASKED, ANSWER, SETTLED = (
    "0f0e0d0c-aaaa-4bbb-8ccc-dddddddddddd",
    "5b6f0e0a-1111-4222-8333-444455556666",
    "1f0e0d0c-aaaa-4bbb-8ccc-eeeeeeeeeeee",
)


def content() -> ExportContent:
    start = STATEMENT.index("induction sessions")
    other = STATEMENT.index("new students")
    return ExportContent(
        title="Chartership statement",
        candidate="Jordan Ellis",
        route="Chartership",
        when=date(2026, 11, 1),
        statement=STATEMENT,
        word_count=11,
        word_limit=1000,
        comments=[
            ExportComment(
                start,
                start + len("induction sessions"),
                "Ruth Adebayo",
                "RA",
                datetime(2026, 11, 3, 14, 5),
                "Which ones?",
                replies=[
                    ExportReply(
                        "Jordan Ellis", "JE", datetime(2026, 11, 4), "The autumn ones.", ANSWER
                    )
                ],
                uuid=ASKED,
            ),
            ExportComment(
                other,
                other + len("new students"),
                "Ruth Adebayo",
                "RA",
                datetime(2026, 11, 3, 14, 6),
                "Say how many.",
                uuid=SETTLED,
                resolved=True,
            ),
        ],
    )


def xml(parts: dict[str, bytes], name: str):
    return etree.fromstring(parts[name])


def test_a_review_copy_writes_one_word_thread_per_comment(tmp_path):
    path = export_docx(content(), tmp_path / "review.docx", REVIEW, ExportOptions(resolved=True))
    parts = read_zip(path)
    comments = {text_of(c): c for c in xml(parts, "word/comments.xml").iter(w("comment"))}
    assert set(comments) == {"Which ones?", "The autumn ones.", "Say how many."}  # no "Reply:"
    para = {text: last_para_id(c) for text, c in comments.items()}
    assert all(para.values()) and len(set(para.values())) == 3
    extended = {
        e.get(f"{{{W15}}}paraId"): e for e in xml(parts, "word/commentsExtended.xml").iter()
    }
    reply = extended[para["The autumn ones."]]
    assert reply.get(f"{{{W15}}}paraIdParent") == para["Which ones?"]
    assert extended[para["Which ones?"]].get(f"{{{W15}}}paraIdParent") is None
    assert extended[para["Which ones?"]].get(f"{{{W15}}}done") == "0"
    assert extended[para["Say how many."]].get(f"{{{W15}}}done") == "1"
    ids = {
        e.get(f"{{{W16CID}}}paraId"): e.get(f"{{{W16CID}}}durableId")
        for e in xml(parts, "word/commentsIds.xml").iter(f"{{{W16CID}}}commentId")
    }
    assert ids[para["Which ones?"]] == durable_id(ASKED)
    assert ids[para["The autumn ones."]] == durable_id(ANSWER)
    assert all(0 < int(value, 16) < 0x7FFFFFFF for value in ids.values())
    people = [p.get(f"{{{W15}}}author") for p in xml(parts, "word/people.xml")]
    assert sorted(people) == ["Jordan Ellis", "Ruth Adebayo"]
    # The reply sits on its comment's words, as Word puts it.
    covered = commented_text(path)
    assert covered[comments["The autumn ones."].get(w("id"))] == "induction sessions"
    # The parts are registered: content types and the document's relationships.
    types = parts["[Content_Types].xml"].decode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    for name in ("commentsExtended", "commentsIds", "people"):
        assert f'PartName="/word/{name}.xml"' in types
        assert f'Target="{name}.xml"' in rels


def test_the_copy_is_current_word_in_british_english_and_says_what_made_it(tmp_path):
    path = export_docx(content(), tmp_path / "review.docx", REVIEW)
    parts = read_zip(path)
    settings = xml(parts, "word/settings.xml")
    modes = [
        s.get(w("val"))
        for s in settings.iter(w("compatSetting"))
        if s.get(w("name")) == "compatibilityMode"
    ]
    assert modes == ["15"]
    styles = xml(parts, "word/styles.xml")
    default = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    assert default.get(w("val")) == "en-GB"
    assert b'<w:lang w:val="en-GB"' in parts["word/stylesWithEffects.xml"]
    core = xml(parts, "docProps/core.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert core.find(f"{dc}title").text == "Chartership statement"
    assert core.find(f"{dc}creator").text == "Jordan Ellis"
    app = xml(parts, "docProps/app.xml")
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert app.find(f"{ns}Application").text == "Mentoring Workbench"
    assert app.find(f"{ns}AppVersion").text == word_app_version(app_version())
    assert app.find(f"{ns}Words").text == "11"
    for name in ("docProps/core.xml", "docProps/app.xml"):
        assert b"python-docx" not in parts[name] and b"Macintosh" not in parts[name]
    assert not any("thumbnail" in name for name in parts)
    assert b"thumbnail" not in parts["_rels/.rels"]
    assert word_app_version("1.12.3") == "01.1203"


def test_resolved_comments_stay_out_unless_asked(tmp_path):
    path = export_docx(content(), tmp_path / "review.docx", REVIEW)
    texts = {text_of(c) for c in xml(read_zip(path), "word/comments.xml").iter(w("comment"))}
    assert texts == {"Which ones?", "The autumn ones."}


# Bringing Word 365's threads in -----------------------------------------------------------


def review_copy(demo, tmp_path):
    content = gather_content(demo.portfolio, REVIEW)
    return export_docx(content, tmp_path / "review.docx", REVIEW, ExportOptions(resolved=True))


def by_text(version, text):
    return next(v for v in comment_reading.comments_for_version(version) if v.text == text)


def test_word_replies_and_resolves_land_on_the_comments_already_here(demo, tmp_path):
    mentee = demo.portfolio.candidate
    latest = drafts.latest_version(demo.portfolio)
    views = comment_reading.comments_for_version(latest)
    asked = next(v for v in views if v.text.startswith("Nice"))
    settled = next(v for v in views if v.text.startswith("Good:"))
    copy = review_copy(demo, tmp_path)
    added = tmp_path / "added.docx"
    add_comment_like_word(copy, added, "welcome week", "Which year?")
    word = Word365File(added)
    word.reply(asked.text, "Thanks, I mean it.", MENTOR_NAME, "2026-11-21T10:00:00Z")
    word.reply("Which year?", "2025, the first one.", "Jordan Ellis", "2026-11-22T08:00:00Z")
    word.resolve(settled.text)
    word.saved_by(MENTOR_NAME)
    reviewed = word.save(tmp_path / "reviewed.docx")
    before = Comment.select().count()

    preview = preview_review(demo.portfolio, mentee, reviewed)
    new = {item.word.text: item for item in preview.new_comments}
    assert set(new) == {"Which year?", "Thanks, I mean it.", "2025, the first one."}
    assert new["Thanks, I mean it."].placement == REPLY
    assert new["Thanks, I mean it."].reply_to == asked.uuid
    assert new["Which year?"].mentor == MENTOR_NAME
    assert [item.word.text for item in preview.to_resolve] == [settled.text]
    assert "(1, the mentor)" in preview.summary() or "(2, the mentor)" in preview.summary()
    assert "1 to mark resolved" in preview.summary()

    result = apply_review(demo.portfolio, mentee, preview)
    assert (result.created, result.resolved) == (3, 1)
    assert Comment.select().count() == before + 3
    answered = by_text(latest, asked.text)
    (thanks,) = [r for r in answered.replies if r.text == "Thanks, I mean it."]
    assert (thanks.author, thanks.author_name, thanks.word_author) == (
        mentee.uuid,
        MENTOR_NAME,
        MENTOR_NAME,
    )
    assert thanks.word_date == datetime(2026, 11, 21, 10, 0)
    made = by_text(latest, "Which year?")
    assert made.author_name == MENTOR_NAME and made.quote == "welcome week"
    (own,) = made.replies
    assert (own.author_name, own.word_author) == ("Jordan Ellis", "")  # the importer's own
    now_settled = by_text(latest, settled.text)
    assert now_settled.resolved
    assert now_settled.reason == f"resolved in Word by {MENTOR_NAME}"

    # The same file again adds nothing, and resolves nothing.
    again = preview_review(demo.portfolio, mentee, reviewed)
    assert again.new_comments == [] and again.to_resolve == []
    assert apply_review(demo.portfolio, mentee, again).created == 0
    assert Comment.select().count() == before + 3
    # Reopened here since: the file does not resolve it a second time.
    comment_service.reopen(demo.portfolio, mentee, settled.uuid, "Not yet, after all.")
    assert preview_review(demo.portfolio, mentee, reviewed).to_resolve == []


def test_two_comments_saying_the_same_are_told_apart_by_durable_id(demo, tmp_path):
    mentee = demo.portfolio.candidate
    latest = drafts.latest_version(demo.portfolio)
    spots = [latest.text.index(words) for words in ("welcome week", "PKSB")]
    made = [
        comment_service.create_comment(
            demo.portfolio, mentee, latest.uuid, at, at + 4, "Agreed?"
        ).uuid
        for at in spots
    ]
    order = sorted(made, key=lambda uuid: by_uuid(latest, uuid).start)
    word = Word365File(review_copy(demo, tmp_path))
    word.reply("Agreed?", "Yes, the first.", MENTOR_NAME, "2026-11-21T10:00:00Z", nth=0)
    word.reply("Agreed?", "Yes, the second.", MENTOR_NAME, "2026-11-21T10:01:00Z", nth=1)
    reviewed = word.save(tmp_path / "reviewed.docx")
    preview = preview_review(demo.portfolio, mentee, reviewed)
    answers = {item.word.text: item.reply_to for item in preview.new_comments}
    assert answers == {"Yes, the first.": order[0], "Yes, the second.": order[1]}


def by_uuid(version, uuid):
    return next(v for v in comment_reading.comments_for_version(version) if v.uuid == uuid)


def test_the_word_author_counts_as_the_mentor_where_the_app_asks(demo, tmp_path):
    mentee = demo.portfolio.candidate
    latest = drafts.latest_version(demo.portfolio)
    older = drafts.versions(demo.portfolio)[0]
    mentor = next(iter(drafts.mentor_names(demo.portfolio)))
    Comment.delete().where(Comment.author == mentor).execute()  # no mentor record at all
    CommentState.delete().execute()
    assert drafts.last_reviewed_version(demo.portfolio) is None
    comment_service.create_comment(
        demo.portfolio, mentee, older.uuid, 0, 5, "From Word", word=(MENTOR_NAME, None)
    )
    assert drafts.last_reviewed_version(demo.portfolio).uuid == older.uuid
    comment_service.create_comment(
        demo.portfolio, mentee, latest.uuid, 0, 5, "From another reader", word=("Sam Okafor", None)
    )
    assert drafts.last_reviewed_version(demo.portfolio).uuid == older.uuid


def test_older_databases_gain_the_word_author_columns(portfolio):
    root = portfolio.root
    portfolio.close()
    with sqlite3.connect(root / db.DB_NAME) as conn:
        conn.execute("ALTER TABLE comment DROP COLUMN word_author")
        conn.execute("ALTER TABLE comment DROP COLUMN word_date")
        conn.execute("PRAGMA user_version = 2")
    with open_portfolio(root):
        columns = {c.name for c in db.database.get_columns("comment")}
        assert {"word_author", "word_date"} <= columns
        assert db.database.pragma("user_version") == db.SCHEMA_VERSION


def test_zip_names_hold_no_thumbnail_relationship(tmp_path):
    path = export_docx(content(), tmp_path / "review.docx", REVIEW)
    with zipfile.ZipFile(path) as package:
        rels = etree.fromstring(package.read("_rels/.rels"))
    types = {r.get("Type").rsplit("/", 1)[1] for r in rels}
    assert types == {"core-properties", "extended-properties", "officeDocument"}


def test_the_export_command_carries_resolved_comments_when_asked(tmp_path):
    folder = tmp_path / "demo"
    build_demo(folder).close()
    plain, full = tmp_path / "open.docx", tmp_path / "all.docx"
    base = ["export", "--portfolio", str(folder), "--kind", "review", "--out"]
    assert run_main([*base, str(plain)]) == 0
    assert run_main([*base, str(full), "--with-resolved"]) == 0
    done = [
        [c.text for c in read_docx(path).comments if c.done and c.parent_id is None]
        for path in (plain, full)
    ]
    assert done[0] == [] and len(done[1]) == 2
