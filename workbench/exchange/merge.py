"""Merging records into the portfolio: for each uuid, the highest (revision,
updated_at) from its author; a few queries per table and chunk, never one per record.
"""

from __future__ import annotations

from peewee import DateField, DateTimeField

from workbench.exchange.rebuild import replace_lost_twins
from workbench.store import db

BATCH = 500


def merge(records: list, summary, me: str, arrivals: list | None = None) -> list[tuple[type, dict]]:
    """Insert or replace each record newer than what is here; return those applied.

    Newer means a higher (revision, updated_at): both are the author's own, and
    only the author changes a record, so this orders one person's changes of
    one record and never one person's against another's. Revisions follow the
    author's clock (``store.revisions.next_revision``), so a copy restored from a backup
    still writes changes newer than what its partner holds.
    """
    by_model: dict[type, list[dict]] = {}
    for model, row in records:
        by_model.setdefault(model, []).append(row)
    applied = []
    for model, rows in by_model.items():
        existing = _existing_versions(model, [r["uuid"] for r in rows])
        table = model._meta.table_name
        fresh = []
        for row in rows:
            here = existing.get(row["uuid"])
            if here is not None and (row["revision"], row["updated_at"]) <= here:
                summary.unchanged += 1
                continue
            bucket = summary.changed if here is not None else summary.new
            bucket[table] = bucket.get(table, 0) + 1
            fresh.append(row)
            if arrivals is not None:
                arrivals.append((table, row, here is None))
        fresh = replace_lost_twins(model, fresh, me)
        upsert(model, [row for row in fresh if row["uuid"] not in existing], new=True)
        upsert(model, [row for row in fresh if row["uuid"] in existing])
        applied += [(model, row) for row in fresh]
    return applied


def _existing_versions(model, uuids: list[str]) -> dict[str, tuple]:
    """uuid -> (revision, updated_at) of those records here, asked in batches (plain
    SQL: peewee's building of a long IN list costs more than SQLite's answer)."""
    found = {}
    table, parse = model._meta.table_name, model.updated_at.python_value
    for start in range(0, len(uuids), BATCH):
        chunk = uuids[start : start + BATCH]
        marks = ", ".join("?" * len(chunk))
        sql = f'SELECT uuid, revision, updated_at FROM "{table}" WHERE uuid IN ({marks})'
        for uuid, revision, updated_at in db.database.execute_sql(sql, chunk):
            found[uuid] = (revision, parse(updated_at))
    return found


def upsert(model, rows: list[dict], new: bool = False) -> None:
    """Insert or overwrite whole records with one prepared statement (executemany).

    ``new``: none of them is here (a plain INSERT, which SQLite does several
    times faster than an upsert).
    """
    if not rows:
        return
    fields = model._meta.sorted_fields
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    updates = ", ".join(
        f'"{f.column_name}" = excluded."{f.column_name}"' for f in fields if not f.primary_key
    )
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    if not new:
        sql += f' ON CONFLICT("{model._meta.primary_key.column_name}") DO UPDATE SET {updates}'

    # Checked values are stored as they are; only dates need peewee's conversion.
    names = [f.name for f in fields]
    convert = [(f.name, f.db_value) for f in fields if isinstance(f, (DateField, DateTimeField))]
    params = []
    for row in rows:
        if convert:
            row = {**row, **{name: to_db(row[name]) for name, to_db in convert}}
        params.append(tuple(row[name] for name in names))
    db.database.cursor().executemany(sql, params)
