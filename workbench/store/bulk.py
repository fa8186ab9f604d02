"""Storing many new records at once, through sqlite3's ``executemany`` of plain tuples.

Peewee's ``insert_many`` builds the SQL text and converts every value of every
row in Python, which takes several times what SQLite needs to store the rows.
An ``Insert`` is built once per table: the caller gives the values of some
fields, already in their stored form, and every other field takes its default,
converted once the way peewee stores it (``db_form``). Rows go in with the
connection's ``executemany``, inside the caller's ``db.atomic()``.

sqlite3 binds ``str``, ``int`` and ``float`` values at once, but for any other
value (``True``, ``None``) it first looks for an adapter, several times the
cost of binding it. So a flag is given as the 0 or 1 SQLite stores for it
(``db_form``), and a nullable field without a default is left out of the
INSERT, so SQLite stores its NULL without one being bound per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from peewee import Field

from workbench.store import db


def db_form(field: Field, value):
    """``value`` as peewee stores it in ``field``'s column: its ``db_value``, then
    dates and times as text the way sqlite3 adapts them (``isoformat``)."""
    value = field.db_value(value)
    if isinstance(value, bool):  # stored as the integer 0 or 1, so given as one
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Insert:
    """An INSERT of ``given`` fields (in that order) followed by the defaulted rest."""

    sql: str
    given: tuple[str, ...]
    rest: tuple  # the stored defaults of the fields not given, appended to each row

    def run(self, rows: list[tuple]) -> None:
        """Store ``rows`` (values of ``given``, in their stored form) in one executemany."""
        rest = self.rest
        self.store(row + rest for row in rows)

    def store(self, rows: Iterable[tuple]) -> None:
        """Store ``rows`` already complete (the values of ``given`` followed by
        ``rest``) in one executemany; an iterator is read one row at a time."""
        try:
            db.database.connection().executemany(self.sql, rows)
        except sqlite3.OperationalError as exc:  # a full disk, a read-only folder...
            raise db.storage_error(exc) from exc


def insert(model, given: tuple[str, ...]) -> Insert:
    """The Insert of ``model`` rows giving the fields named ``given``; each other field
    takes its default, which it must have, as ``Model.create`` would store it."""
    fields = model._meta.fields
    unknown = [name for name in given if name not in fields]
    if unknown:
        raise ValueError(f"{model.__name__} has no field {', '.join(unknown)}")
    key = model._meta.primary_key.name
    if key not in given:
        raise ValueError(f"{model.__name__} rows need their own {key}; give it")
    rest = []
    for f in model._meta.sorted_fields:
        if f.name in given:
            continue
        if f.default is None and not f.null:
            raise ValueError(f"{model.__name__}.{f.name} has no default; give it")
        if f.default is not None:  # a nullable field without a default: SQLite's NULL
            rest.append(f)
    defaults = [db_form(f, f.default() if callable(f.default) else f.default) for f in rest]
    columns = ", ".join(f'"{fields[name].column_name}"' for name in given)
    columns = ", ".join(filter(None, (columns, ", ".join(f'"{f.column_name}"' for f in rest))))
    marks = ", ".join("?" for _ in range(len(given) + len(rest)))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    return Insert(sql, tuple(given), tuple(defaults))
