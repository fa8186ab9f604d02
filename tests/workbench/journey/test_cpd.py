"""The CPD log: validation, roles, and totals over a rolling 12 months."""

from __future__ import annotations

from datetime import date

import pytest

from tests.workbench.journey.helpers import join_mentor
from workbench.errors import PermissionDenied, ValidationError
from workbench.journey import cpd, cpd_statement
from workbench.store.models import CpdActivity

TODAY = date(2026, 11, 29)


def log(opened, actor, day, hours, **extra):
    return cpd.add_activity(
        opened.portfolio,
        actor,
        activity_date=day,
        title=extra.pop("title", f"Activity on {day}"),
        hours=hours,
        today=TODAY,
        **extra,
    )


def test_window_runs_from_the_day_after_a_year_earlier():
    assert cpd.window_start(date(2026, 11, 29)) == date(2025, 11, 30)
    assert cpd.window_start(date(2028, 2, 29)) == date(2027, 3, 1)


def test_totals_count_only_the_12_months_ending_on_the_day(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    log(portfolio, mentee, date(2025, 11, 29), 5)  # exactly a year before: outside
    log(portfolio, mentee, date(2025, 11, 30), 3, participatory=True)  # first day inside
    log(portfolio, mentee, date(2026, 6, 1), 2.5, activity_type="Reading")
    log(portfolio, mentee, TODAY, 1)

    facts = cpd.summary(portfolio.portfolio, TODAY)
    assert facts.hours == 6.5
    assert facts.participatory_hours == 3
    assert facts.activities == 3
    assert facts.required is None  # Chartership asks for no hours

    # A day later the first activity inside has left the window too.
    later = cpd.summary(portfolio.portfolio, date(2026, 11, 30))
    assert later.hours == 3.5
    # Looking back from an earlier day, the old activity still counts.
    earlier = cpd.summary(portfolio.portfolio, date(2026, 5, 1))
    assert earlier.hours == 8


def test_the_months_add_up_to_the_hours_of_the_twelve_months(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    log(portfolio, mentee, date(2025, 11, 29), 4)  # a day before the 12 months
    log(portfolio, mentee, date(2025, 11, 30), 6)  # their first day, in a month they touch
    log(portfolio, mentee, date(2026, 6, 1), 2)
    log(portfolio, mentee, date(2026, 6, 20), 1.5)
    months = cpd.monthly_totals(portfolio.portfolio, TODAY)
    assert [month for month, _ in months] == [date(2025, 11, 1), date(2025, 12, 1)] + [
        date(2026, n, 1) for n in range(1, 12)
    ]
    assert dict(months)[date(2025, 11, 1)] == 6
    assert dict(months)[date(2026, 6, 1)] == 3.5
    assert sum(hours for _, hours in months) == cpd.summary(portfolio.portfolio, TODAY).hours == 9.5


def test_twelve_months_ending_with_a_month_touch_twelve_months(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    log(portfolio, mentee, date(2025, 12, 1), 3)
    months = cpd.monthly_totals(portfolio.portfolio, date(2026, 11, 30))
    assert len(months) == 12
    assert months[0] == (date(2025, 12, 1), 3) and months[-1][0] == date(2026, 11, 1)


@pytest.mark.parametrize(
    ("hours", "day", "title", "message"),
    [
        (-2, date(2026, 1, 5), "Course", "more than zero"),
        (0, date(2026, 1, 5), "Course", "more than zero"),
        (500, date(2026, 1, 5), "Course", "at most 100"),
        (float("nan"), date(2026, 1, 5), "Course", "more than zero"),
        ("lots", date(2026, 1, 5), "Course", "must be a number"),
        (2, date(2026, 12, 25), "Course", "in the future"),
        (2, date(2026, 1, 5), "   ", "title"),
    ],
)
def test_bad_activities_are_refused_and_nothing_is_written(
    portfolio, me, other, hours, day, title, message
):
    mentee, _ = join_mentor(portfolio, me, other)
    with pytest.raises(ValidationError, match=message):
        log(portfolio, mentee, day, hours, title=title)
    assert CpdActivity.select().count() == 0


def test_only_the_member_logs_cpd(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    with pytest.raises(PermissionDenied):
        log(portfolio, mentor, date(2026, 1, 5), 2)
    activity = log(portfolio, mentee, date(2026, 1, 5), 2)
    with pytest.raises(PermissionDenied):
        cpd.update_activity(activity, mentor, hours=3)


def test_links_to_skills_and_evidence_and_edits(portfolio, me, other):
    from workbench.evidence.library import add_note

    mentee, _ = join_mentor(portfolio, me, other)
    note = add_note(portfolio.portfolio, mentee, "Course certificate")
    activity = log(portfolio, mentee, date(2026, 3, 2), 6, skills=["10.1"], evidence=["E1"])
    row = cpd.activities(portfolio.portfolio)[0]
    assert row.skills == ("10.1",) and row.evidence == (note.number,)

    cpd.update_activity(activity, mentee, today=TODAY, hours=7, skills=["10.2", "4.0"])
    row = cpd.activities(portfolio.portfolio)[0]
    assert row.hours == 7 and row.skills == ("10.2", "4.0") and row.evidence == (1,)
    assert cpd.get_activity(activity).revision > 1
    cpd.update_activity(activity, mentee, evidence=[])  # the skills stay as they are
    row = cpd.activities(portfolio.portfolio)[0]
    assert row.skills == ("10.2", "4.0") and row.evidence == ()

    with pytest.raises(ValidationError, match="no skill with the code 99.9"):
        cpd.update_activity(activity, mentee, skills=["99.9"])
    with pytest.raises(ValidationError, match="no evidence item E7"):
        log(portfolio, mentee, date(2026, 3, 2), 1, evidence=["E7"])


def test_delete_is_a_tombstone_that_can_be_undone(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    activity = log(portfolio, mentee, date(2026, 3, 2), 6)
    cpd.set_deleted(activity, mentee)
    assert cpd.activities(portfolio.portfolio) == []
    assert CpdActivity.get_by_id(activity).deleted
    cpd.set_deleted(activity, mentee, False)
    assert len(cpd.activities(portfolio.portfolio)) == 1


def test_statement_outline_uses_the_reflections(portfolio, me, other):
    mentee, _ = join_mentor(portfolio, me, other)
    log(
        portfolio,
        mentee,
        date(2026, 3, 2),
        6,
        title="Copyright course",
        reflection="I now answer copyright questions myself. Next I will train others.",
    )
    text = cpd_statement.statement_outline(portfolio.portfolio, TODAY)
    assert "6 hours of CPD across 1 activities" in text
    assert "## Personal performance" in text
    assert "Copyright course (6 h): I now answer copyright questions myself." in text
    assert "Next I will" not in text
