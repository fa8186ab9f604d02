"""Records an author wrote again after losing their copy, or after restoring a backup.

Such an author may make a new record (a new uuid) in a place they already
held under another uuid: a second rating of the same skill in the same
snapshot, or a statement version numbered like one the partner still has.
Both records are the same author's, so the rule settles them the same way on
every machine:

- a *place* (a unique key without a number: rating per snapshot and skill,
  area comment, mentor rating): the newer record, by (revision, updated_at,
  uuid), takes it and the other is dropped here;
- a *number* (statement version, evidence item): nothing is dropped. The
  author's own machine gives its local record the next free number (a change
  by its author, which then travels); another machine refuses the package
  with a sentence until that renumbered record arrives.
"""

from __future__ import annotations

from typing import NamedTuple

from peewee import Model, fn

from workbench.errors import PackageError
from workbench.statement import placement as comment_placement
from workbench.store import db
from workbench.store.models import Person, StatementVersion

BATCH = 300  # rows a query asks about at once (at most SQLite's 999 variables)


def _unique_keys(model: type[Model]) -> list[tuple[str, ...]]:
    return [tuple(fields) for fields, unique in model._meta.indexes if unique]


def replace_lost_twins(model: type[Model], rows: list[dict], me: str = "") -> list[dict]:
    """Settle incoming rows whose unique place here is held by a twin of the same
    author; return the rows that are to be written (``me``: the receiver).

    One query per unique key for all ``rows``, never one per row.
    """
    dropped, gone = set(), set()
    for key in _unique_keys(model):
        places = _places(model, key, rows)
        for row in rows:
            twin = next(
                (
                    held
                    for held in places.get(tuple(row[name] for name in key), ())
                    if held.uuid != row["uuid"]
                    and held.author == row["author"]
                    and held.uuid not in gone
                ),
                None,
            )
            if twin is None:
                continue
            if "number" in key:
                _renumber_or_refuse(model, model.get_by_id(twin.uuid), row, me)
            elif (twin.revision, twin.updated_at, twin.uuid) > (
                row["revision"],
                row["updated_at"],
                row["uuid"],
            ):
                dropped.add(row["uuid"])
            else:
                model.delete().where(model.uuid == twin.uuid).execute()
                gone.add(twin.uuid)
    return [row for row in rows if row["uuid"] not in dropped]


class _Held(NamedTuple):
    uuid: str
    author: str
    revision: int
    updated_at: object


def _places(model: type[Model], key: tuple[str, ...], rows: list[dict]) -> dict:
    """The records here in the unique places ``key`` of ``rows``: values -> records.

    Rows with an empty value in ``key`` are asked about one by one (no such place
    is unique in SQLite), the others in batches of row values.
    """
    found: dict[tuple, list[_Held]] = {}
    fields = model._meta.fields
    full = [row for row in rows if all(row[name] is not None for name in key)]
    for row in rows:
        if any(row[name] is None for name in key):
            for twin in _twins(model, key, row):
                found.setdefault(tuple(row[name] for name in key), []).append(twin)
    columns = ", ".join(f'held."{fields[name].column_name}"' for name in key)
    same = " AND ".join(
        f'held."{fields[name].column_name}" = place.column{at}' for at, name in enumerate(key, 1)
    )
    one = "(" + ", ".join("?" for _ in key) + ")"
    for start in range(0, len(full), BATCH):
        batch = full[start : start + BATCH]
        sql = (  # a join, so SQLite looks each place up in its unique index
            f"SELECT held.uuid, held.author, held.revision, held.updated_at, {columns} "
            f"FROM (VALUES {', '.join(one for _ in batch)}) AS place "
            f'JOIN "{model._meta.table_name}" AS held ON {same}'
        )
        params = [fields[name].db_value(row[name]) for row in batch for name in key]
        for uuid, author, revision, updated_at, *place in db.database.execute_sql(sql, params):
            held = _Held(uuid, author, revision, model.updated_at.python_value(updated_at))
            found.setdefault(tuple(place), []).append(held)
    return found


def _twins(model: type[Model], key: tuple[str, ...], row: dict) -> list[_Held]:
    fields = model._meta.fields
    query = model.select(model.uuid, model.author, model.revision, model.updated_at)
    for name in key:
        value = row[name]
        query = query.where(fields[name].is_null() if value is None else fields[name] == value)
    return [_Held(*found) for found in query.tuples()]


def _renumber_or_refuse(model: type[Model], twin, row: dict, me: str) -> None:
    label = "version" if model is StatementVersion else "evidence item"
    if twin.author != me:
        author = Person.get_or_none(Person.uuid == twin.author)
        name = author.name if author else "its author"
        raise PackageError(
            f"This package holds {label} {row['number']}, but this copy already has another "
            f"{label} {row['number']} by {name} (after a restore of theirs). Send {name} your "
            "package first: their copy will renumber it, and their next package will then open."
        )
    if model is StatementVersion:
        comment_placement.forget(version_uuids=[twin.uuid])
    query = model.select(fn.MAX(model.number)).where(model.portfolio == twin.portfolio_id)
    twin.number = max(query.scalar() or 0, row["number"]) + 1
    twin.touch()
    twin.save()
    if model is StatementVersion:
        comment_placement.forget(version_uuids=[twin.uuid])
