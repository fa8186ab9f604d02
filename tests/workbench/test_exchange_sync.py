"""The sync folder's rules, and the mentor's home built from the portfolios on this computer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from workbench import comments, drafts, mentor_home, sync
from workbench.errors import ValidationError, WorkbenchError
from workbench.exchange import mark_seen, pack, unpack

from .test_exchange_support import Two


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    return people


def test_a_portfolio_folder_cannot_be_the_sync_folder(two):
    with two.open(two.mentee_root, two.as_mentee()):
        with pytest.raises(ValidationError, match="holds a portfolio database"):
            sync.set_sync_folder(two.mentee_root)
        with pytest.raises(ValidationError, match="does not exist"):
            sync.set_sync_folder(two.tmp / "nowhere")


def test_a_vanished_sync_folder_is_named_in_the_error(two):
    folder = two.tmp / "usb-stick"
    folder.mkdir()
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        folder.rmdir()
        with pytest.raises(WorkbenchError, match="usb-stick cannot be found"):
            sync.sync_now(opened, me)


def test_nothing_is_rewritten_when_nothing_changed(two):
    folder = two.tmp / "shared"
    folder.mkdir()
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        assert sync.write_own(opened, me) is not None
        assert sync.write_own(opened, me) is None
        drafts.save_working_copy(opened.portfolio, me, "A first paragraph.")
        drafts.send_for_review(opened.portfolio, me)
        assert sync.write_own(opened, me) is not None


def test_a_bad_file_is_reported_once_until_it_changes_and_another_portfolios_file_is_left_alone(
    two, tmp_path
):
    folder = two.tmp / "shared"
    folder.mkdir()
    other = Two(tmp_path / "second", two.monkeypatch)
    other.start_mentee_portfolio()
    with other.open(other.mentee_root, other.as_mentee()) as (opened, me):
        pack(opened, me, folder / f"{other.mentee.uuid}.wbpack")
    (folder / "0b5d6a48-8c1e-4a8e-9d43-4d8c2f7e1a11.wbpack").write_bytes(b"PK\x03\x04 cut")
    (folder / "d2c1f0e9-3b4a-4c5d-8e6f-7a8b9c0d1e2f.wbpack").write_bytes(b"not a zip")
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        sync.set_sync_folder(folder)
        first = sync.import_others(opened, me)
        assert len(first.errors) == 2 and not first.imported
        assert any("incomplete or damaged" in e for e in first.errors)
        assert all("set aside until it changes" in e for e in first.errors)
        # neither is repeated until its content changes (a copy still arriving changes)
        assert sync.import_others(opened, me).errors == []


def test_the_mentors_home_lists_news_open_comments_and_days_left(two):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        opened.portfolio.target_date = date.today() + timedelta(days=40)
        opened.portfolio.save()
        drafts.save_working_copy(opened.portfolio, me, "I designed the induction programme.")
        version = drafts.send_for_review(opened.portfolio, me)
        comments.create_comment(opened.portfolio, me, version, 2, 10, "Is this clear?")
        package = pack(opened, me, two.tmp / "p.wbpack").path
    mentor = two.as_mentor()
    unpack(package, mentor, None)  # found nowhere: a new copy in the default folder
    [row] = mentor_home.mentor_home(mentor.uuid)
    assert row.mentee == "Casey Mentee" and row.days_left == 40
    assert row.open_comments == 1 and row.latest_version == 1
    assert row.news["statement_version"] == 1 and row.news_count > 1
    with two.open(row.root, mentor):
        mark_seen()
    [row] = mentor_home.mentor_home(mentor.uuid)
    assert row.news_count == 0
    assert mentor_home.mentor_home(two.mentee.uuid) == []
