"""The private journal's entries: added, changed, deleted and brought back, quoted."""

from __future__ import annotations

from datetime import date

import pytest

from tests.workbench.journey.helpers import join_mentor
from workbench.errors import PermissionDenied, WorkbenchError
from workbench.journey import journal
from workbench.store import limits


def test_entries_are_dated_newest_first_and_change_in_place(portfolio, me, other):
    mentee, _mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    first = journal.add_entry(p, mentee, date(2026, 10, 1), "A hard week.\nI felt lost.")
    second = journal.add_entry(p, mentee, date(2026, 11, 2), "")
    assert [r.uuid for r in journal.entries(p, mentee)] == [second.uuid, first.uuid]
    assert first.first_line == "A hard week." and second.first_line == "(empty)"
    journal.update_entry(p, mentee, second.uuid, text="Better.", entry_date=date(2026, 9, 1))
    rows = journal.entries(p, mentee)
    assert [(r.uuid, r.text) for r in rows] == [(first.uuid, first.text), (second.uuid, "Better.")]
    journal.set_deleted(p, mentee, first.uuid, True)
    assert [r.uuid for r in journal.entries(p, mentee)] == [second.uuid]
    journal.set_deleted(p, mentee, first.uuid, False)
    assert len(journal.entries(p, mentee)) == 2


def test_only_the_mentee_writes_and_long_entries_are_refused(portfolio, me, other):
    mentee, mentor = join_mentor(portfolio, me, other)
    p = portfolio.portfolio
    with pytest.raises(PermissionDenied, match="only the mentee"):
        journal.add_entry(p, mentor, date(2026, 10, 1), "Not mine to keep.")
    with pytest.raises(PermissionDenied, match="only the mentee"):
        journal.entries(p, mentor)
    with pytest.raises(WorkbenchError, match="Split it into two entries"):
        journal.add_entry(p, mentee, date(2026, 10, 1), "x" * (limits.LONG_TEXT_MAX + 1))


def test_a_quoted_passage_is_one_paragraph():
    assert journal.quote_passage("  I froze.\u2029Next time\nI will pause. ") == (
        "I froze. Next time I will pause."
    )
    with pytest.raises(WorkbenchError, match="Select the words"):
        journal.quote_passage("   ")
