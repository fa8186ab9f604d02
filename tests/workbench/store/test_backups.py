"""Backups: rolling copies at most once an hour, restore that never loses the current file."""

import sqlite3
from datetime import timedelta

import pytest

from workbench.errors import CorruptDatabase, NotFound
from workbench.matrix import ratings as matrix
from workbench.store import db
from workbench.store.portfolios import ensure_person, open_portfolio, restore_from_backup


def test_rolling_backups_are_hourly_and_bounded(portfolio):
    folder = portfolio.folder
    now = db.utcnow()
    first = db.rolling_backup(folder, now)
    assert first is not None
    assert db.rolling_backup(folder, now + timedelta(minutes=59)) is None
    for hour in range(1, db.ROLLING_KEEP + 5):
        assert db.rolling_backup(folder, now + timedelta(hours=hour)) is not None
    rolling = [p for p in db.list_backups(folder) if p.stem.endswith("rolling")]
    assert len(rolling) == db.ROLLING_KEEP
    with sqlite3.connect(rolling[0]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(folder.backups.glob("*-wal"))


def test_opening_takes_a_rolling_backup(portfolio):
    root = portfolio.root
    portfolio.close()
    with open_portfolio(root):
        pass
    assert [p.stem.endswith("rolling") for p in db.list_backups(db.PortfolioFolder(root))] == [True]


def test_a_damaged_database_is_restored_from_the_latest_backup(portfolio, me):
    root = portfolio.root
    person = ensure_person(me)
    snapshot = matrix.begin_snapshot(portfolio.portfolio, person, "start")
    skill = matrix.framework_skills(portfolio.portfolio)[0]
    matrix.set_rating(snapshot, skill, person, current=2, target=4)
    db.backup_database(portfolio.folder, "rolling")
    portfolio.close()
    damaged = b"not a database at all" * 200
    (root / db.DB_NAME).write_bytes(damaged)
    with pytest.raises(CorruptDatabase, match="latest backup copy can be restored"):
        open_portfolio(root)
    used = restore_from_backup(root)
    assert used.stem.endswith("rolling")
    replaced = list((root / "backups").glob("replaced-*.sqlite3"))
    assert [p.read_bytes() for p in replaced] == [damaged]
    with open_portfolio(root) as opened:
        row = matrix.matrix_rows(matrix.latest_snapshot(opened.portfolio))[0]
        assert (row.current, row.target) == (2, 4)


def test_restore_without_backups_says_so(tmp_path):
    with pytest.raises(NotFound, match="no backup copies"):
        restore_from_backup(tmp_path)


def test_restore_refuses_an_open_portfolio(portfolio):
    db.backup_database(portfolio.folder, "rolling")
    from workbench.errors import PortfolioLocked

    with pytest.raises(PortfolioLocked):
        restore_from_backup(portfolio.root)
