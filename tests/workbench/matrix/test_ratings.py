"""Snapshots and ratings: nothing is ever overwritten; roles are enforced."""

from datetime import date, timedelta

import pytest

from workbench.errors import FrozenSnapshot, PermissionDenied, ValidationError
from workbench.matrix import ratings as matrix
from workbench.matrix.comparison import area_summaries, compare
from workbench.store.models import Area, Person, Rating, Skill
from workbench.store.portfolios import MENTEE, MENTOR, add_member, ensure_person, person_with_role


@pytest.fixture
def start(portfolio, me):
    return matrix.begin_snapshot(portfolio.portfolio, ensure_person(me), "start")


def skill(portfolio, code):
    return next(s for s in matrix.framework_skills(portfolio.portfolio) if s.code == code)


def test_rating_a_skill_marks_it_relevant_and_computes_the_gap(portfolio, me, start):
    matrix.set_rating(start, skill(portfolio, "10.1"), ensure_person(me), current=1, target=3)
    row = next(r for r in matrix.matrix_rows(start) if r.code == "10.1")
    assert (row.current, row.target, row.gap, row.relevant) == (1, 3, 2, True)


def test_out_of_scale_ratings_are_refused(portfolio, me, start):
    with pytest.raises(ValidationError, match="from 0 to 4"):
        matrix.set_rating(start, skill(portfolio, "1.0"), ensure_person(me), current=7)
    assert Rating.select().count() == 0


def test_a_new_snapshot_freezes_the_old_one_and_copies_forward(portfolio, me, start):
    person = ensure_person(me)
    matrix.set_rating(start, skill(portfolio, "7.0"), person, current=1, target=3, note="survey")
    review = matrix.begin_snapshot(portfolio.portfolio, person, "review", label="Mid-point")
    assert matrix.is_frozen(start) and not matrix.is_frozen(review)
    matrix.set_rating(review, skill(portfolio, "7.0"), person, current=2)
    old = next(r for r in matrix.matrix_rows(start) if r.code == "7.0")
    new = next(r for r in matrix.matrix_rows(review) if r.code == "7.0")
    assert (old.current, new.current, new.target, new.note) == (1, 2, 3, "survey")
    with pytest.raises(FrozenSnapshot, match="kept as it was"):
        matrix.set_rating(start, skill(portfolio, "7.0"), person, current=4)
    comparison = compare(start, review)
    assert [(c.code, c.change) for c in comparison] == [("7.0", 1)]


def test_snapshot_order_rules(portfolio, me, start):
    person = ensure_person(me)
    with pytest.raises(ValidationError, match="already has a start"):
        matrix.begin_snapshot(portfolio.portfolio, person, "start")
    with pytest.raises(ValidationError, match="before that of"):
        matrix.begin_snapshot(
            portfolio.portfolio, person, "review", taken_on=date.today() - timedelta(days=30)
        )
    matrix.begin_snapshot(portfolio.portfolio, person, "end")
    with pytest.raises(ValidationError, match="end snapshot has been taken"):
        matrix.begin_snapshot(portfolio.portfolio, person, "review")


def test_the_mentor_rates_beside_the_mentee_never_over(portfolio, me, other, start):
    mentee = ensure_person(me)
    mentor = Person.create(uuid=other.uuid, author=other.uuid, name=other.name)
    add_member(portfolio.portfolio, mentee, mentor, MENTOR)
    target = skill(portfolio, "11.0")
    matrix.set_rating(start, target, mentee, current=1, target=3)
    matrix.set_mentor_rating(start, target, mentor, 2, "Saw you present")
    row = next(r for r in matrix.matrix_rows(start) if r.code == "11.0")
    assert (row.current, row.mentor_rating, row.mentor_note) == (1, 2, "Saw you present")
    with pytest.raises(PermissionDenied, match="only the mentee"):
        matrix.set_rating(start, target, mentor, current=4)
    with pytest.raises(PermissionDenied, match="only the mentor"):
        matrix.set_mentor_rating(start, target, mentee, 4)
    assert person_with_role(portfolio.portfolio, MENTOR).uuid == mentor.uuid
    assert person_with_role(portfolio.portfolio, MENTEE).uuid == mentee.uuid


def test_area_comments_and_custom_skills(portfolio, me, start):
    person = ensure_person(me)
    area = Area.select().where(Area.name == "Research").get()
    matrix.set_area_comment(start, area, person, "A small survey")
    assert matrix.area_comments(start)[area.uuid] == "A small survey"
    added = Skill.get_by_id(
        matrix.add_custom_skill(portfolio.portfolio, area, person, "  Survey  design ")
    )
    assert (added.name, added.code, added.custom) == ("Survey design", "7.u1", True)
    assert "Survey design" in [r.name for r in matrix.matrix_rows(start)]
    with pytest.raises(ValidationError):
        matrix.add_custom_skill(portfolio.portfolio, area, person, "   ")


def test_area_summaries_average_the_chosen_skills(demo):
    snapshot = matrix.latest_snapshot(demo.portfolio)
    summaries = {s.name: s for s in area_summaries(snapshot)}
    literacies = summaries["Literacies and learning"]
    assert literacies.skills == 4
    assert literacies.current == pytest.approx(3.0)
    assert literacies.target == pytest.approx(3.75)
    assert "Records management and archiving" not in summaries
