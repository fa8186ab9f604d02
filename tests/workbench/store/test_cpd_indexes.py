"""Schema step 5: the CPD log has no index of author or portfolio; older files lose them."""

import sqlite3
from datetime import date

from workbench.journey import cpd
from workbench.store import db
from workbench.store.models import CpdActivity
from workbench.store.portfolios import ensure_person, open_portfolio

DROPPED = {"cpd_activity_author", "cpd_activity_portfolio_id", "cpd_link_author"}


def indexes(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")
        }


def test_a_new_portfolio_has_no_cpd_index_of_author_or_portfolio(portfolio):
    found = indexes(portfolio.root / db.DB_NAME)
    assert not DROPPED & found
    assert {"cpd_link_activity_id", "cpd_link_skill_id", "cpd_link_evidence_id"} <= found
    assert {"rating_author", "evidence_item_author", "evidence_item_portfolio_id"} <= found


def test_a_version_4_file_is_backed_up_and_loses_the_three_indexes(portfolio, me):
    mentee = ensure_person(me)
    cpd.add_activity(
        portfolio.portfolio,
        mentee,
        activity_date=date(2026, 1, 4),
        title="Visit",
        hours=2,
        skills=["10.1"],
    )
    root = portfolio.root
    portfolio.close()
    with sqlite3.connect(root / db.DB_NAME) as conn:  # as schema step 4 left it
        conn.execute('CREATE INDEX "cpd_activity_author" ON "cpd_activity" ("author")')
        conn.execute('CREATE INDEX "cpd_activity_portfolio_id" ON "cpd_activity" ("portfolio_id")')
        conn.execute('CREATE INDEX "cpd_link_author" ON "cpd_link" ("author")')
        conn.execute("PRAGMA user_version = 4")
    with open_portfolio(root) as opened:
        assert db.database.pragma("user_version") == 5
        [row] = cpd.activities(opened.portfolio)
        assert (row.title, row.skills) == ("Visit", ("10.1",))
        assert CpdActivity.select().count() == 1
    assert not DROPPED & indexes(root / db.DB_NAME)
    [backup] = (root / "backups").glob("*before-migration-4-to-5*.sqlite3")
    assert indexes(backup) >= DROPPED


def test_the_released_schema_4_file_loses_them_and_keeps_its_cpd_records(tmp_path):
    import shutil

    from tests.conftest import FIXTURES

    root = tmp_path / "portfolio"
    root.mkdir()
    shutil.copyfile(FIXTURES / "released" / "schema-4.sqlite3", root / db.DB_NAME)
    assert indexes(root / db.DB_NAME) >= DROPPED
    with sqlite3.connect(root / db.DB_NAME) as conn:
        before = conn.execute("SELECT * FROM cpd_activity ORDER BY uuid").fetchall()
    with open_portfolio(root):
        assert db.database.pragma("user_version") == db.SCHEMA_VERSION
    assert not DROPPED & indexes(root / db.DB_NAME)
    with sqlite3.connect(root / db.DB_NAME) as conn:
        assert conn.execute("SELECT * FROM cpd_activity ORDER BY uuid").fetchall() == before
