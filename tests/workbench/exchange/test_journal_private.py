"""The private journal never travels: not in a package, not in the mentor's copy,
not in a Word export; a passage leaves it only when quoted into the statement."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from tests.workbench.exchange.support import Two
from workbench.errors import PermissionDenied
from workbench.exchange.copies import unpack
from workbench.exchange.pack import pack
from workbench.exchange.records import models_by_table
from workbench.journey import journal
from workbench.statement import drafts
from workbench.store.models import JournalEntry, shared_models
from workbench.word.export import SUBMISSION, export_docx
from workbench.word.gather import gather_content

SECRET = "Priya snapped at me in the team meeting and I froze"


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    with people.open(people.mentee_root, people.as_mentee()) as (opened, me):
        journal.add_entry(opened.portfolio, me, date(2026, 11, 3), SECRET + ".\nNext time: pause.")
        drafts.save_working_copy(opened.portfolio, me, "## Personal performance\n\nI led it.")
        drafts.send_for_review(opened.portfolio, me, "first")
    return people


def test_the_journal_is_no_shared_record_type():
    assert JournalEntry not in shared_models()
    assert "journal_entry" not in models_by_table()


def test_a_journal_entry_never_appears_in_a_package(two):
    out = two.tmp / "to-mentor.wbpack"
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        result = pack(opened, me, out)
    assert result.records > 0
    with zipfile.ZipFile(out) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            assert SECRET.encode() not in data, name
            assert b"journal" not in data, name
    unpack(out, two.as_mentor(), two.mentor_root)
    with two.open(two.mentor_root, two.mentor) as (opened, _mentor):
        assert drafts.version_infos(opened.portfolio)  # the version did arrive
        assert JournalEntry.select().count() == 0  # the mentor's copy has no journal


def test_a_journal_entry_never_appears_in_a_word_export(two):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, _me):
        path = export_docx(
            gather_content(opened.portfolio, SUBMISSION), two.tmp / "s.docx", SUBMISSION
        )
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            assert SECRET.encode() not in zf.read(name), name


def test_only_the_mentee_keeps_a_journal(two):
    unpack(_packed(two), two.as_mentor(), two.mentor_root)
    with (
        two.open(two.mentor_root, two.mentor) as (opened, mentor),
        pytest.raises(PermissionDenied, match="only the mentee"),
    ):
        journal.add_entry(opened.portfolio, mentor, date(2026, 11, 4), "mine")


def _packed(two):
    out = two.tmp / "to-mentor.wbpack"
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        pack(opened, me, out)
    return out
