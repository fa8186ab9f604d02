"""What a package brought, in sentences: the pure tally, and a real package from a mentor."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.workbench.exchange.support import Two, rate_as_mentor
from workbench.exchange.copies import unpack
from workbench.exchange.news import sentences, tally
from workbench.exchange.pack import pack
from workbench.statement import comments, drafts


def test_comments_are_told_per_version_and_tombstones_and_framework_rows_are_left_out():
    arrived = [
        ("comment", {"version": "v2", "parent": None}, True),
        ("comment", {"version": "v2", "parent": None}, True),
        ("comment", {"version": "v2", "parent": None}, True),
        ("comment", {"version": "v1", "parent": "c1"}, True),
        ("comment", {"version": "v2", "parent": None, "deleted": True}, False),
        ("area", {"name": "Research"}, True),
        ("skill", {"name": "Digital literacy"}, True),
        ("person", {"name": "Ruth"}, True),
        ("membership", {}, False),
    ]
    lines = sentences(tally(arrived, {"v1": 1, "v2": 2}), "Ruth")
    assert lines == ["3 new comments from Ruth on version 2.", "1 reply from Ruth on version 1."]


def test_ratings_count_skills_and_a_version_says_its_number():
    arrived = [
        ("statement_version", {"number": 3}, True),
        ("mentor_rating", {"skill": "a"}, True),
        ("mentor_rating", {"skill": "b"}, False),
        ("mentor_rating", {"skill": "b"}, True),
        ("comment_state", {"state": "resolved"}, True),
        ("evidence_item", {}, True),
    ]
    lines = sentences(tally(arrived, {}), "Ruth")
    assert "Version 3 of the statement arrived." in lines
    assert "Ruth rated 2 skills from the mentor's view." in lines
    assert "Ruth resolved 1 comment." in lines
    assert "1 new evidence item from Ruth." in lines


def test_nothing_to_tell_says_nothing():
    assert sentences(Counter(), "Ruth") == []


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    with people.open(people.mentee_root, people.as_mentee()) as (opened, me):
        drafts.save_working_copy(opened.portfolio, me, "I designed the induction programme.")
        drafts.send_for_review(opened.portfolio, me, "First draft")
        drafts.save_working_copy(opened.portfolio, me, "I designed and ran the induction.")
        drafts.send_for_review(opened.portfolio, me, "Second draft")
        pack(opened, me, two_path(people, "casey"))
    people.first = unpack(two_path(people, "casey"), people.as_mentor(), people.mentor_root)
    return people


def two_path(two: Two, who: str):
    return two.tmp / f"from-{who}.wbpack"


def test_a_mentors_package_reads_as_what_the_mentor_did(two):
    mentor = two.as_mentor()
    rate_as_mentor(two.mentor_root, mentor)
    with two.open(two.mentor_root, mentor) as (opened, me):
        version = drafts.latest_version(opened.portfolio)
        for start, end in ((0, 10), (11, 14), (15, 20)):
            made = comments.create_comment(opened.portfolio, me, version, start, end, "Why?")
        comments.delete_comment(opened.portfolio, me, made.uuid)
        pack(opened, me, two_path(two, "morgan"))
    summary = unpack(two_path(two, "morgan"), two.as_mentee(), two.mentee_root)
    lines = summary.lines()
    assert "2 new comments from Morgan Mentor on version 2." in lines
    assert "Morgan Mentor rated 1 skill from the mentor's view." in lines
    assert not any("Framework" in line or "Members" in line or "People" in line for line in lines)
    assert not any("3 new comments" in line for line in lines)
    assert any("has joined as your mentor" in line for line in lines)


def test_the_mentees_first_package_names_its_versions_not_its_framework(two):
    lines = two.first.lines()
    assert lines[0].startswith("Your copy of")
    assert "Versions 1 and 2 of the statement arrived." in lines
    assert "Casey Mentee rated 5 skills." in lines
    assert "Casey Mentee started a new PKSB snapshot." in lines
    assert len(lines) == 4, lines
    again = unpack(two_path(two, "casey"), two.as_mentor(), two.mentor_root)
    assert again.lines() == ["Nothing new from Casey Mentee (mentee): you already had all of it."]
