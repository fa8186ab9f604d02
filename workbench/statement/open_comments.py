"""What counts as an open comment, and how many there are.

It is one rule, ``OPEN_COMMENTS_SQL``: a top-level, not deleted comment on the
statement (on a version that still exists), a skill or an evidence item, whose
state in force is not resolved. Detached comments count: they still wait for an
answer. Comments on meetings do not: they are conversation, with no resolve. The
readiness checklist, the Overview and the mentor's home all count through
``open_comments_by_kind``.
"""

from __future__ import annotations

from workbench.statement.comment_reading import OPEN, RESOLVED, STATEMENT, TARGET_KINDS
from workbench.store import db
from workbench.store.models import Portfolio
from workbench.store.states import newest_first_sql

OPEN_COMMENTS_SQL = f"""
    SELECT c.target_kind, COUNT(*) FROM comment c
    LEFT JOIN statement_version v ON v.uuid = c.version_id
    WHERE c.portfolio_id = ? AND c.deleted = 0 AND c.parent_id IS NULL
      AND c.target_kind IN ({", ".join(f"'{kind}'" for kind in TARGET_KINDS)})
      AND (c.target_kind != '{STATEMENT}' OR (v.uuid IS NOT NULL AND v.deleted = 0))
      AND COALESCE((
          SELECT s.state FROM comment_state s WHERE s.comment_id = c.uuid AND s.deleted = 0
          ORDER BY {newest_first_sql("s")} LIMIT 1), '{OPEN}') != '{RESOLVED}'
    GROUP BY c.target_kind
"""


def open_comments_by_kind(execute, portfolio_uuid: str) -> dict[str, int]:
    """How many comments are open (the rule above) on each kind of target that has
    any (the statement, skills, evidence), through any DB-API ``execute``.

    The mentor's home reads other portfolios with plain sqlite3, the open
    portfolio goes through peewee: both run this one query.
    """
    return dict(execute(OPEN_COMMENTS_SQL, (portfolio_uuid,)).fetchall())


def count_open_comments(execute, portfolio_uuid: str) -> int:
    """How many comments are open, on every kind of target."""
    return sum(open_comments_by_kind(execute, portfolio_uuid).values())


def open_comments_here(portfolio: Portfolio) -> dict[str, int]:
    """``open_comments_by_kind`` of the open portfolio."""
    return open_comments_by_kind(db.database.execute_sql, portfolio.uuid)


def open_comment_count(portfolio: Portfolio) -> int:
    """How many comments of the open portfolio still wait for an answer."""
    return sum(open_comments_here(portfolio).values())
