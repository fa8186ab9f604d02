"""The working copy, versions, redlines and what the mentor last reviewed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbench.errors import PermissionDenied, ValidationError
from workbench.statement import drafts, redline
from workbench.statement.comments import create_comment, reply
from workbench.store.models import StatementVersion
from workbench.store.portfolios import MENTOR, add_member, ensure_person, open_portfolio


@pytest.fixture
def people(portfolio, me, other):
    mentee = ensure_person(me)
    mentor = ensure_person(other)
    add_member(portfolio.portfolio, mentee, mentor, MENTOR)
    return portfolio.portfolio, mentee, mentor


def test_working_copy_survives_reopening(people, portfolio):
    folder = portfolio.root
    p, mentee, _ = people
    drafts.save_working_copy(p, mentee, "Draft text \U0001f389 with emoji.")
    portfolio.close()
    with open_portfolio(folder) as again:
        assert drafts.working_text(again.portfolio) == "Draft text \U0001f389 with emoji."


def test_working_copy_is_readable_by_another_process(people, portfolio):
    p, mentee, _ = people
    drafts.save_working_copy(p, mentee, "Saved before any close.")
    code = (
        "import sqlite3, sys\n"
        "con = sqlite3.connect(sys.argv[1])\n"
        "print(con.execute('select text from working_copy').fetchone()[0])\n"
    )
    db_file = str(portfolio.folder.database)
    out = subprocess.run([sys.executable, "-c", code, db_file], capture_output=True, text=True)
    assert out.stdout.strip() == "Saved before any close."


def test_only_the_mentee_changes_the_text(people):
    p, _, mentor = people
    with pytest.raises(PermissionDenied):
        drafts.save_working_copy(p, mentor, "The mentor rewrites it")
    with pytest.raises(PermissionDenied):
        drafts.send_for_review(p, mentor, "nope")
    with pytest.raises(PermissionDenied):
        drafts.import_version(p, mentor, "Imported by the mentor", "nope")
    assert drafts.versions(p) == []


def test_send_for_review_freezes_numbered_versions(people):
    p, mentee, _ = people
    drafts.save_working_copy(p, mentee, "First words.")
    v1 = drafts.send_for_review(p, mentee, "  First   draft ")
    drafts.save_working_copy(p, mentee, "First words, then more.")
    v2 = drafts.send_for_review(p, mentee, "")
    infos = drafts.version_infos(p)
    assert [(i.number, i.label, i.author_name) for i in infos] == [
        (1, "First draft", "Casey Mentee"),
        (2, "", "Casey Mentee"),
    ]
    assert infos[0].title == "Version 1 \u2014 First draft"
    assert v1.sha256 == drafts.sha256_of("First words.")
    assert drafts.latest_version(p).uuid == v2.uuid
    # the working copy moving on never changes a frozen version
    drafts.save_working_copy(p, mentee, "Something else entirely.")
    assert StatementVersion.get_by_id(v1.uuid).text == "First words."


def test_empty_or_unchanged_versions_are_refused_clearly(people):
    p, mentee, _ = people
    with pytest.raises(ValidationError, match="empty"):
        drafts.send_for_review(p, mentee)
    drafts.save_working_copy(p, mentee, "  \n\t ")
    with pytest.raises(ValidationError, match="empty"):
        drafts.send_for_review(p, mentee)
    drafts.save_working_copy(p, mentee, "Words.")
    drafts.send_for_review(p, mentee)
    with pytest.raises(ValidationError, match="Nothing has changed since version 1"):
        drafts.send_for_review(p, mentee)
    assert len(drafts.versions(p)) == 1


def test_import_version_sets_the_working_copy(people):
    p, mentee, _ = people
    version = drafts.import_version(p, mentee, "From Word.\n\nSecond paragraph.", "Word file")
    assert version.number == 1
    assert drafts.working_text(p) == "From Word.\n\nSecond paragraph."


def test_redline_is_word_level_and_rebuilds_both_texts():
    old = "The students seemed to enjoy the sessions."
    new = "The first-year students clearly enjoyed the sessions."
    diff = redline.word_diff(old, new)
    assert "".join(t for op, t in diff if op != redline.INSERT) == old
    assert "".join(t for op, t in diff if op != redline.DELETE) == new
    deleted = [t for op, t in diff if op == redline.DELETE]
    inserted = [t for op, t in diff if op == redline.INSERT]
    assert any("seemed to enjoy" in t for t in deleted)
    assert any("first-year" in t for t in inserted)
    # whole words, never parts of words: every change starts and ends at a word edge
    at = 0
    for op, piece in diff:
        if op == redline.INSERT:
            continue
        end = at + len(piece)
        if op == redline.DELETE:
            assert at == 0 or old[at - 1].isspace() or piece[0].isspace()
            assert end == len(old) or old[end].isspace() or piece[-1].isspace()
        at = end


def test_redline_of_unicode_and_empty_texts():
    assert redline.word_diff("", "") == []
    assert redline.word_diff("", "new \u05e9\u05dc\u05d5\u05dd") == [
        (redline.INSERT, "new \u05e9\u05dc\u05d5\u05dd")
    ]
    diff = redline.word_diff("cafe\u0301 \U0001f389 ok", "cafe\u0301 \U0001f44d ok")
    assert (redline.DELETE, "\U0001f389") in diff
    assert (redline.INSERT, "\U0001f44d") in diff


def test_changes_since_the_mentor_last_reviewed(people):
    p, mentee, mentor = people
    assert drafts.changes_since_review(p) is None
    drafts.save_working_copy(p, mentee, "One two three.")
    v1 = drafts.send_for_review(p, mentee)
    reviewed, latest, diff = drafts.changes_since_review(p)
    assert reviewed is None and latest.uuid == v1.uuid  # never reviewed: all of it is new
    assert diff == [(redline.INSERT, "One two three.")]
    create_comment(p, mentor, v1, 0, 3, "Good start")
    drafts.save_working_copy(p, mentee, "One two four.")
    v2 = drafts.send_for_review(p, mentee)
    drafts.save_working_copy(p, mentee, "One two four five.")
    v3 = drafts.send_for_review(p, mentee)
    reviewed, latest, diff = drafts.changes_since_review(p)
    assert (reviewed.number, latest.number) == (1, 3)
    assert (redline.DELETE, "three.") in diff
    # a reply written while reading version 2 counts as reviewing it
    first = drafts.versions(p)[0]
    from workbench.statement.comment_reading import comments_for_version

    reply(p, mentor, comments_for_version(first)[0].uuid, "Read v2 too", version=v2)
    assert drafts.last_reviewed_version(p).uuid == v2.uuid
    assert v3.number == 3
