"""The ordered migrations of the portfolio database (``db.migrate`` runs them).

MIGRATIONS[n] upgrades a database from schema version n - 1 to version n. Each
runs inside the one transaction of ``migrate`` after a backup copy was taken,
and takes playhouse.migrate's SqliteMigrator (loaded only to migrate).
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import CharField, DateTimeField

Migration = Callable[[object], None]  # takes playhouse.migrate's SqliteMigrator
MIGRATIONS: dict[int, Migration] = {}


def _add_record_signatures(_migrator) -> None:
    """Version 2 adds the record_signature table: ``migrate`` creates it from the models."""


MIGRATIONS[2] = _add_record_signatures


def _add_word_authors(migrator) -> None:
    """Version 3 keeps who wrote a comment in Word, beside the record's author."""
    from playhouse.migrate import migrate as run_migrations  # loaded only to migrate

    run_migrations(
        migrator.add_column("comment", "word_author", CharField(default="")),
        migrator.add_column("comment", "word_date", DateTimeField(null=True)),
    )


MIGRATIONS[3] = _add_word_authors


def _add_journal(_migrator) -> None:
    """Version 4 adds the private journal_entry table: ``migrate`` creates it from the models."""


MIGRATIONS[4] = _add_journal


def _drop_cpd_indexes(migrator) -> None:
    """Version 5 drops the CPD log's indexes of author and portfolio: each held every
    row (the log is its member's, in their one portfolio), and its queries read the
    table as fast without them."""
    for name in ("cpd_activity_author", "cpd_activity_portfolio_id", "cpd_link_author"):
        migrator.database.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


MIGRATIONS[5] = _drop_cpd_indexes
