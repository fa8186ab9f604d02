"""A comment's Word author travels in packages, under the author's signature, and
records written before the field existed still read and sign the same."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime

import pytest

from tests.workbench.exchange.support import Two
from workbench.errors import PackageError
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.exchange.records import models_by_table, parse_line, row_of, to_json_line
from workbench.statement import comment_reading, comments, drafts
from workbench.store.models import Comment

WHEN = datetime(2026, 11, 20, 9, 30)


def test_the_word_author_reaches_the_mentor_and_plain_comments_stay_as_before(
    tmp_path, monkeypatch
):
    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio()
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        drafts.save_working_copy(opened.portfolio, me, "I ran induction sessions.")
        version = drafts.send_for_review(opened.portfolio, me)
        comments.create_comment(opened.portfolio, me, version, 6, 15, "Which ones?")
        comments.create_comment(
            opened.portfolio, me, version, 16, 24, "How many?", word=("Ruth Adebayo", WHEN)
        )
        out = tmp_path / "to-mentor.wbpack"
        pack(opened, me, out)
    with zipfile.ZipFile(out) as package:
        lines = [json.loads(line) for line in package.read("records.jsonl").splitlines()]
    by_text = {line["text"]: line for line in lines if line["table"] == "comment"}
    assert "word_author" not in by_text["Which ones?"]  # as records were before the field
    assert by_text["How many?"]["word_author"] == "Ruth Adebayo"
    unpack(out, two.as_mentor(), two.mentor_root)
    with two.open(two.mentor_root, two.mentor) as (opened, _mentor):
        views = {v.text: v for v in comment_reading.all_comments(opened.portfolio)}
        assert views["How many?"].author_name == "Ruth Adebayo"
        assert views["How many?"].word_date == WHEN
        assert views["How many?"].author == two.mentee.uuid
        assert views["Which ones?"].author_name == "Casey Mentee"


def test_an_old_record_line_reads_with_no_word_author_and_writes_back_the_same(portfolio):
    me = portfolio.portfolio.candidate
    drafts.save_working_copy(portfolio.portfolio, me, "I ran induction sessions.")
    version = drafts.send_for_review(portfolio.portfolio, me)
    view = comments.create_comment(portfolio.portfolio, me, version, 6, 15, "Which ones?")
    old_line = to_json_line(Comment, row_of(Comment.get_by_id(view.uuid)))
    assert "word_author" not in old_line and "word_date" not in old_line
    model, row = parse_line(old_line, 1, models_by_table())
    assert model is Comment and row["word_author"] == "" and row["word_date"] is None
    assert to_json_line(model, row) == old_line  # the same bytes, so the same signature
    forged = json.loads(old_line) | {"word_author": "Ruth\nAdebayo"}
    with pytest.raises(PackageError, match="clean one-line name"):
        parse_line(json.dumps(forged), 1, models_by_table())
