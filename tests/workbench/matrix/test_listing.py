"""The matrix as the views list it: the chosen skills read in one query agree with
the matrix's own rows."""

from workbench.matrix import ratings as matrix
from workbench.matrix.listing import chosen_skills
from workbench.store.models import Skill
from workbench.store.portfolios import ensure_person


def relevant_in_rows(portfolio) -> set[str]:
    snapshot = matrix.latest_snapshot(portfolio)
    return {r.skill for r in matrix.matrix_rows(snapshot) if r.relevant}


def test_the_chosen_skills_are_those_the_matrix_marks_relevant(demo, me):
    chosen = chosen_skills(demo.portfolio)
    assert chosen and chosen == relevant_in_rows(demo.portfolio)
    # a skill taken out of the framework is no longer among them
    gone = Skill.get_by_id(next(iter(chosen)))
    gone.deleted = True
    gone.save()
    assert chosen_skills(demo.portfolio) == relevant_in_rows(demo.portfolio) == chosen - {gone.uuid}


def test_no_snapshot_no_chosen_skills(portfolio, me):
    assert chosen_skills(portfolio.portfolio) == set()
    snapshot = matrix.begin_snapshot(portfolio.portfolio, ensure_person(me), "start")
    assert chosen_skills(portfolio.portfolio) == set() == relevant_in_rows(portfolio.portfolio)
    assert snapshot
