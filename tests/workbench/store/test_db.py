"""Opening portfolios: pragmas, migrations, refusing newer databases, the lock."""

import sqlite3

import pytest
from playhouse.migrate import migrate as run_migration

from workbench.errors import CorruptDatabase, NewerDatabase, NotAPortfolio, PortfolioLocked
from workbench.store import db
from workbench.store.models import Portfolio, Rating, all_models
from workbench.store.portfolios import open_portfolio


def test_new_portfolio_has_the_pragmas_and_the_current_schema(portfolio):
    assert db.database.pragma("journal_mode") == "wal"
    assert db.database.pragma("foreign_keys") == 1
    assert db.database.pragma("synchronous") == 1  # NORMAL
    assert db.database.pragma("user_version") == db.SCHEMA_VERSION
    tables = set(db.database.get_tables())
    assert {m._meta.table_name for m in all_models()} <= tables


def test_a_newer_database_is_refused_and_left_untouched(portfolio):
    root = portfolio.root
    portfolio.close()
    with sqlite3.connect(root / db.DB_NAME) as conn:
        conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
    before = (root / db.DB_NAME).read_bytes()
    with pytest.raises(NewerDatabase, match="newer version of the workbench"):
        open_portfolio(root)
    assert (root / db.DB_NAME).read_bytes() == before
    # the refusal released the lock: a later open is not told someone holds it
    with pytest.raises(NewerDatabase):
        open_portfolio(root)


def test_an_older_schema_is_backed_up_then_migrated_in_order(portfolio, monkeypatch):
    root = portfolio.root
    count = Rating.select().count()
    portfolio.close()
    # Pretend the file is at the current version and the app knows one more step.
    from peewee import TextField

    steps = []

    def add_column(migrator):
        steps.append("add")
        run_migration(migrator.add_column("portfolio", "motto", TextField(default="")))

    monkeypatch.setattr(db, "SCHEMA_VERSION", db.SCHEMA_VERSION + 1)
    monkeypatch.setitem(db.MIGRATIONS, db.SCHEMA_VERSION, add_column)
    with open_portfolio(root) as opened:
        assert steps == ["add"]
        assert db.database.pragma("user_version") == db.SCHEMA_VERSION
        columns = [c.name for c in db.database.get_columns("portfolio")]
        assert "motto" in columns
        assert Rating.select().count() == count
        assert Portfolio.get_by_id(opened.portfolio.uuid).title == opened.portfolio.title
    backups = list((root / "backups").glob("*before-migration*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION - 1
        names = [row[1] for row in conn.execute("PRAGMA table_info(portfolio)")]
        assert "motto" not in names


def test_a_failing_migration_changes_nothing(portfolio, monkeypatch):
    root = portfolio.root
    portfolio.close()

    def broken(migrator):
        run_migration(migrator.add_column("portfolio", "motto", db_field()))
        raise RuntimeError("step failed")

    def db_field():
        from peewee import TextField

        return TextField(default="")

    monkeypatch.setattr(db, "SCHEMA_VERSION", db.SCHEMA_VERSION + 1)
    monkeypatch.setitem(db.MIGRATIONS, db.SCHEMA_VERSION, broken)
    with pytest.raises(RuntimeError):
        open_portfolio(root)
    with sqlite3.connect(root / db.DB_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION - 1
        assert "motto" not in [row[1] for row in conn.execute("PRAGMA table_info(portfolio)")]


def test_a_second_opener_is_told_who_holds_the_lock(portfolio):
    with pytest.raises(PortfolioLocked) as refused:
        open_portfolio(portfolio.root, holder="Someone else")
    assert "Casey Mentee" in str(refused.value)
    assert "already open" in str(refused.value)


def test_the_lock_is_released_on_close(portfolio):
    root = portfolio.root
    portfolio.close()
    with open_portfolio(root, holder="Again") as opened:
        assert opened.portfolio.route == "chartership"


def test_the_lock_holds_across_processes(portfolio):
    import subprocess
    import sys

    code = (
        "import sys; from workbench.store.portfolios import open_portfolio\n"
        "from workbench.errors import PortfolioLocked\n"
        "try:\n    open_portfolio(sys.argv[1])\nexcept PortfolioLocked as e:\n"
        "    print(e); sys.exit(3)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(portfolio.root)], capture_output=True, text=True
    )
    assert result.returncode == 3, result.stderr
    assert "Casey Mentee" in result.stdout


def test_a_folder_without_a_portfolio_is_refused_in_words_a_newcomer_follows(tmp_path):
    with pytest.raises(NotAPortfolio, match="is not a workbench portfolio") as refused:
        open_portfolio(tmp_path)
    message = str(refused.value)
    assert "Choose the folder that holds portfolio.sqlite3" in message
    assert "open a package your mentee sent with File ▸ Open package…" in message
    assert "missing" not in message


def test_a_corrupt_database_file_is_reported(tmp_path):
    (tmp_path / db.DB_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(CorruptDatabase, match="cannot be read"):
        open_portfolio(tmp_path)


def test_write_atomically_leaves_no_temp_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "file.json"
    target.write_text("old")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(db.os, "replace", fail)
    with pytest.raises(OSError):
        db.write_atomically(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


def test_a_full_disk_refuses_the_write_clearly_and_keeps_the_old_data(portfolio, me):
    from workbench.errors import StorageError
    from workbench.statement import drafts
    from workbench.store.portfolios import ensure_person

    person = ensure_person(me)
    drafts.save_working_copy(portfolio.portfolio, person, "Saved before the disk filled.")
    db.database.pragma("max_page_count", db.database.pragma("page_count"))
    with pytest.raises(StorageError, match="the disk is full"):
        drafts.save_working_copy(portfolio.portfolio, person, "x" * 500_000)
    assert drafts.working_text(portfolio.portfolio) == "Saved before the disk filled."
    db.database.pragma("max_page_count", 1_000_000)
    drafts.save_working_copy(portfolio.portfolio, person, "x" * 500_000)
    assert len(drafts.working_text(portfolio.portfolio)) == 500_000


def test_write_failures_a_user_can_fix_are_named_others_pass_through():
    from peewee import OperationalError

    from workbench.errors import StorageError

    read_only = db.storage_error(OperationalError("attempt to write a readonly database"))
    assert isinstance(read_only, StorageError) and "read-only" in str(read_only)
    busy = db.storage_error(OperationalError("database is locked"))
    assert isinstance(busy, StorageError) and "Try again" in str(busy)
    unrelated = OperationalError("no such table: x")
    assert db.storage_error(unrelated) is unrelated
