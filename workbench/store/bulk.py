"""Storing many new records at once, through sqlite3's ``executemany`` of plain tuples.

Peewee's ``insert_many`` builds the SQL text and converts every value of every
row in Python, which takes several times what SQLite needs to store the rows.
An ``Insert`` is built once per table: the caller gives the values of some
fields, already in their stored form, and every other field takes its default,
converted once the way peewee stores it (``db_form``). Rows go in with the
connection's ``executemany``, inside the caller's ``db.atomic()``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from peewee import Field

from workbench.store import db


def db_form(field: Field, value):
    """``value`` as peewee stores it in ``field``'s column: its ``db_value``, then
    dates and times as text the way sqlite3 adapts them (``isoformat``)."""
    value = field.db_value(value)
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
        if not rows:
            return
        rest = self.rest
        try:
            db.database.connection().executemany(self.sql, [row + rest for row in rows])
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
    rest = [f for f in model._meta.sorted_fields if f.name not in given]
    defaults = []
    for f in rest:
        if f.default is None and not f.null:
            raise ValueError(f"{model.__name__}.{f.name} has no default; give it")
        defaults.append(db_form(f, f.default() if callable(f.default) else f.default))
    columns = ", ".join(f'"{fields[name].column_name}"' for name in given)
    columns = ", ".join(filter(None, (columns, ", ".join(f'"{f.column_name}"' for f in rest))))
    marks = ", ".join("?" for _ in range(len(given) + len(rest)))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    return Insert(sql, tuple(given), tuple(defaults))
