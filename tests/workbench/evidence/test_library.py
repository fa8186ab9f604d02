"""Evidence items, their links to criteria and skills, and coverage."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.evidence.coverage import coverage
from workbench.evidence.files import add_file
from workbench.evidence.library import (
    add_note,
    add_web_link,
    evidence_items,
    get_item,
    links_of,
    set_deleted,
    set_links,
    toggle_link,
    update_item,
)
from workbench.matrix.ratings import begin_snapshot, framework_skills, set_rating
from workbench.store.models import EvidenceLink, Person
from workbench.store.portfolios import MENTOR, add_member, ensure_person


@pytest.fixture
def mentee(portfolio, me):
    return ensure_person(me)


@pytest.fixture
def skills(portfolio):
    return {s.code: s for s in framework_skills(portfolio.portfolio)}


def test_notes_and_web_links_are_items_without_files(portfolio, mentee):
    note = add_note(
        portfolio.portfolio, mentee, "  Talk with my   manager ", item_date=date(2026, 3, 1)
    )
    link = add_web_link(portfolio.portfolio, mentee, "https://example.org/blog/post", "")
    rows = evidence_items(portfolio.portfolio)
    assert [(r.label, r.kind, r.title) for r in rows] == [
        ("E1", "note", "Talk with my manager"),
        ("E2", "link", "example.org"),
    ]
    assert rows[0].evidence_type == "Record of a conversation" and rows[0].blob_sha is None
    assert rows[1].url == "https://example.org/blog/post"
    assert get_item(note.uuid).author == get_item(link.uuid).author == mentee.uuid


@pytest.mark.parametrize("url", ["", "example.org", "ftp://example.org/x", "javascript:alert(1)"])
def test_a_web_link_must_be_a_web_address(portfolio, mentee, url):
    with pytest.raises(ValidationError, match="is not a web address"):
        add_web_link(portfolio.portfolio, mentee, url)


def test_a_title_is_required(portfolio, mentee):
    with pytest.raises(ValidationError, match="Give the evidence a title"):
        add_note(portfolio.portfolio, mentee, "   ")


def test_update_returns_the_previous_values_and_bumps_the_revision(portfolio, mentee):
    item = add_note(portfolio.portfolio, mentee, "Draft")
    before = update_item(item.uuid, mentee, title="Final", reflection="What I learnt.")
    assert before == {"title": "Draft", "reflection": ""}
    assert get_item(item.uuid).revision > 1
    row = evidence_items(portfolio.portfolio)[0]
    assert (row.title, row.reflection) == ("Final", "What I learnt.")
    with pytest.raises(ValidationError, match="cannot be changed: number"):
        update_item(item.uuid, mentee, number=7)


def test_links_to_criteria_and_skills_are_set_and_unset(portfolio, mentee, skills):
    item = add_note(portfolio.portfolio, mentee, "Teaching observation")
    chosen = {skills["10.4"].uuid, skills["10.1"].uuid}
    assert set_links(item.uuid, mentee, criteria={"C1", "C3"}, skills=chosen) == (set(), set())
    row = evidence_items(portfolio.portfolio)[0]
    assert row.criteria == ("C1", "C3") and row.skills == ("10.1", "10.4")
    previous = set_links(item.uuid, mentee, criteria={"C1"}, skills=set())
    assert previous == ({"C1", "C3"}, chosen)
    assert links_of(item.uuid) == ({"C1"}, set())
    # Unlinking tombstones (links travel to the mentor); relinking revives the record.
    assert EvidenceLink.select().where(EvidenceLink.deleted).count() == 3
    set_links(item.uuid, mentee, criteria={"C1", "C3"}, skills=chosen)
    assert EvidenceLink.select().count() == 4
    toggle_link(item.uuid, mentee, criterion="C3")
    toggle_link(item.uuid, mentee, skill=skills["10.1"].uuid)
    assert links_of(item.uuid) == ({"C1"}, {skills["10.4"].uuid})


def test_a_criterion_the_route_does_not_have_is_refused(portfolio, mentee):
    item = add_note(portfolio.portfolio, mentee, "Anything")
    with pytest.raises(NotFound, match="has no criterion C9"):
        set_links(item.uuid, mentee, criteria={"C9"}, skills=())


def test_the_mentor_may_not_add_or_change_evidence(portfolio, mentee, other, tmp_path):
    mentor = Person.create(uuid=other.uuid, author=other.uuid, name=other.name)
    add_member(portfolio.portfolio, mentee, mentor, MENTOR)
    item = add_note(portfolio.portfolio, mentee, "Mine")
    with pytest.raises(PermissionDenied, match="only the mentee"):
        add_note(portfolio.portfolio, mentor, "Theirs")
    with pytest.raises(PermissionDenied):
        update_item(item.uuid, mentor, title="Changed")
    with pytest.raises(PermissionDenied):
        set_deleted([item.uuid], mentor, True)
    source = tmp_path / "x.txt"
    source.write_text("x")
    with pytest.raises(PermissionDenied):
        add_file(portfolio, mentor, source)
    assert evidence_items(portfolio.portfolio)[0].title == "Mine"


def test_deleted_items_leave_the_list_and_the_coverage(portfolio, mentee):
    keep = add_note(portfolio.portfolio, mentee, "Keep")
    gone = add_note(portfolio.portfolio, mentee, "Gone")
    set_links(gone.uuid, mentee, criteria={"C2"}, skills=())
    set_deleted([gone.uuid], mentee, True)
    assert [r.uuid for r in evidence_items(portfolio.portfolio)] == [keep.uuid]
    assert coverage(portfolio.portfolio).criteria[1].items == ()
    set_deleted([gone.uuid], mentee, False)
    assert coverage(portfolio.portfolio).criteria[1].items == (2,)


def test_coverage_shows_short_criteria_gaps_without_evidence_and_unlinked_items(
    portfolio, mentee, skills
):
    start = begin_snapshot(portfolio.portfolio, mentee, "start")
    set_rating(start, skills["10.1"], mentee, current=1, target=3)
    set_rating(start, skills["11.0"], mentee, current=2, target=3)
    set_rating(start, skills["2.0"], mentee, current=3, target=3)
    items = [add_note(portfolio.portfolio, mentee, f"Item {n}") for n in range(1, 6)]
    for item in items[:3]:
        set_links(item.uuid, mentee, criteria={"C1"}, skills={skills["10.1"].uuid})
    set_links(items[3].uuid, mentee, criteria={"C2"}, skills={skills["5.0"].uuid})
    result = coverage(portfolio.portfolio)
    counts = {c.code: (c.count, c.short, c.minimum) for c in result.criteria}
    assert counts == {"C1": (3, False, 3), "C2": (1, True, 3), "C3": (0, True, 3)}
    by_code = {s.code: s for s in result.skills}
    assert by_code["10.1"].items == (1, 2, 3) and not by_code["10.1"].gap_without_evidence
    assert by_code["11.0"].gap_without_evidence  # a gap of 1 and nothing shows it
    assert not by_code["2.0"].gap_without_evidence  # no gap: nothing to show
    assert by_code["5.0"].gap is None and by_code["5.0"].items == (4,)  # linked, not chosen
    assert result.unlinked == ((5, "Item 5"),)
    assert (result.min_items, result.max_items, result.total) == (12, 20, 5)


def test_the_demo_has_a_realistic_number_of_items_with_gaps_to_show(demo):
    rows = evidence_items(demo.portfolio)
    assert 12 <= len(rows) <= 15  # what the guidance suggests
    assert {r.kind for r in rows} == {"file", "note", "link"}
    result = coverage(demo.portfolio)
    assert any(c.short for c in result.criteria)
    assert any(s.gap_without_evidence for s in result.skills)
    assert result.unlinked
