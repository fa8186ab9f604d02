"""What counts as an open comment, and how many there are.

It is one rule, ``OPEN_COMMENTS_SQL``: a top-level, not deleted comment on the
statement (on a version that still exists), a skill or an evidence item, whose
state in force is not resolved. Detached comments count: they still wait for an
answer. Comments on meetings do not: they are conversation, with no resolve. The
readiness checklist, the Overview and the mentor's home all count through
``count_open_comments``.
"""

from __future__ import annotations

from workbench.statement.comment_reading import OPEN, RESOLVED, STATEMENT, TARGET_KINDS
from workbench.store import db
from workbench.store.models import Portfolio
from workbench.store.states import newest_first_sql

OPEN_COMMENTS_SQL = f"""
    SELECT COUNT(*) FROM comment c
    LEFT JOIN statement_version v ON v.uuid = c.version_id
    WHERE c.portfolio_id = ? AND c.deleted = 0 AND c.parent_id IS NULL
      AND c.target_kind IN ({", ".join(f"'{kind}'" for kind in TARGET_KINDS)})
      AND (c.target_kind != '{STATEMENT}' OR (v.uuid IS NOT NULL AND v.deleted = 0))
      AND COALESCE((
          SELECT s.state FROM comment_state s WHERE s.comment_id = c.uuid AND s.deleted = 0
          ORDER BY {newest_first_sql("s")} LIMIT 1), '{OPEN}') != '{RESOLVED}'
"""


def count_open_comments(execute, portfolio_uuid: str) -> int:
    """How many comments are open (the rule above), through any DB-API ``execute``.

    The mentor's home reads other portfolios with plain sqlite3, the open
    portfolio goes through peewee: both run this one query.
    """
    return execute(OPEN_COMMENTS_SQL, (portfolio_uuid,)).fetchone()[0]


def open_comment_count(portfolio: Portfolio) -> int:
    """How many comments of the open portfolio still wait for an answer."""
    return count_open_comments(db.database.execute_sql, portfolio.uuid)
