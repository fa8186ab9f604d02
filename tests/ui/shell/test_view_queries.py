"""Each main view reads the portfolio in a fixed number of queries, however large it is.

Speed is never timed in a test. What is deterministic is how many SQL statements
a view runs to build and to refresh itself: a query per row (per comment card,
per evidence item, per meeting) makes a view slow on a large portfolio long
before any timing notices. Two portfolios made by the benchmark's generator,
one about twice the other, must cost every view the same number of statements;
and each view stays within a small budget, justified below.
"""

from __future__ import annotations

from contextlib import contextmanager

from bench.make_large import build
from workbench.store import db

# Of the benchmark's large portfolio: 2 and 5 versions, 90 and 240 comments, 6 and 16 skills.
SMALL, LARGER = 0.03, 0.08

# Statements to build a view or to refresh it, at most (what it reads now). A view
# shows several models (a table, its filters, a summary, a comment thread) and each
# reads its rows in one or two queries of plain tuples; none may grow with the rows.
BUDGET = {
    # readiness (draft, criteria counts, snapshots, ratings, evidence, versions,
    # sign-off, open comments), reminders, actions due, CPD hours, recent changes
    "overview": 34,
    # snapshots, areas, portfolio, ratings, mentor ratings, skills, the skill's
    # comment thread (comments, people, states, replies), area comments
    "matrix": 13,
    # skills, the chosen skills (snapshot, one query of the relevant ratings), items,
    # links, and the thread of the item shown (four statements, read for the list
    # and for the detail)
    "evidence": 13,
    # items and links once, the chosen skills, skills linked but not chosen
    "coverage": 8,
    # citations, versions, the draft, the comments of the version with their
    # people, states and replies, the chain of versions and the cached places
    "statement": 15,
    # the summary, the log and its links, hours per month
    "cpd": 4,
    # people, agreement, meetings, actions and their states, commented meetings,
    # the meeting's and the agreement's comment threads
    "mentoring": 20,
    # the role, the entries
    "journal": 2,
}


@contextmanager
def counted_statements():
    """Every SQL statement run on the open connection while the block runs, except
    writes to the local cache of comment places (a reader may store what it computed)."""
    seen: list[str] = []

    def trace(statement: str) -> None:
        if "comment_placement" not in statement or statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    connection = db.database.connection()
    connection.set_trace_callback(trace)
    try:
        yield seen
    finally:
        connection.set_trace_callback(None)


def statements_per_view(window, root) -> dict[str, tuple[int, int]]:
    """view key -> (statements of its first visit, statements of a full refresh)."""
    assert window.open_portfolio(root)
    counts = {}
    for key in window.view_keys:
        with counted_statements() as first:
            view = window.show_view(key)
        with counted_statements() as again:
            view.refresh({"all"})
        counts[key] = (len(first), len(again))
    window.close_portfolio()
    return counts


def test_views_query_a_fixed_number_of_times(window, tmp_path, me):
    few = statements_per_view(window, build(tmp_path / "small", SMALL))
    more = statements_per_view(window, build(tmp_path / "larger", LARGER))
    assert few == more, "a view runs more statements on a larger portfolio (a query per row?)"
    assert set(more) <= set(BUDGET), "a new view needs its budget here"
    over = {key: found for key, found in more.items() if max(found) > BUDGET[key]}
    assert not over, f"views over their budget of statements: {over}"
