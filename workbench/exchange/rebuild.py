"""Records an author wrote again after losing their copy of a portfolio.

A mentor who lost their copy rebuilds it from the mentee's full package, which
holds only the mentee's records. Their next rating of a skill is then a new
record (a new uuid) in a place where the mentee already holds their earlier
one: the same author, the same snapshot and skill. Both are the author's own,
so the newer one takes the place; nothing of anyone else is touched.
"""

from __future__ import annotations

from peewee import Model


def _natural_keys(model: type[Model]) -> list[tuple[str, ...]]:
    """The unique indexes of a table that include its author: one record per place."""
    keys = []
    for fields, unique in model._meta.indexes:
        if unique and "author" in fields:
            keys.append(tuple(fields))
    return keys


def replace_lost_twins(model: type[Model], rows: list[dict]) -> list[dict]:
    """Make room for incoming rows whose place here is held by an older twin.

    A twin is a record of the same author in the same place under another
    uuid. The older of the two (by revision, then time) goes; returns the
    incoming rows that are to be written.
    """
    older = []
    for key in _natural_keys(model):
        for row in rows:
            twin = _twin(model, key, row)
            if twin is None:
                continue
            if (twin.revision, twin.updated_at) > (row["revision"], row["updated_at"]):
                older.append(row["uuid"])
                continue
            model.delete().where(model.uuid == twin.uuid).execute()
    return [row for row in rows if row["uuid"] not in older]


def _twin(model: type[Model], key: tuple[str, ...], row: dict):
    fields = model._meta.fields
    query = model.select().where(model.uuid != row["uuid"])
    for name in key:
        value = row[name]
        query = query.where(fields[name].is_null() if value is None else fields[name] == value)
    return query.first()
