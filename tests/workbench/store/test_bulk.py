"""store.bulk stores rows exactly as peewee's Model.create would, defaults included."""

import sqlite3
from datetime import date, datetime

import pytest

from workbench.store import bulk, db
from workbench.store.models import CpdActivity, CpdLink, EvidenceItem, new_uuid


def stored(model) -> list[tuple]:
    """Every column of every row, with the type SQLite keeps it as."""
    columns = [f.column_name for f in model._meta.sorted_fields]
    picked = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
    sql = f'SELECT {picked} FROM "{model._meta.table_name}" ORDER BY uuid'
    return db.database.execute_sql(sql).fetchall()


def test_rows_are_stored_as_model_create_stores_them(portfolio):
    home = portfolio.portfolio
    author = new_uuid()
    days = [date(2026, 1, 31), date(1999, 12, 1)]
    uuids = [new_uuid() for _ in days]
    fields = ("uuid", "author", "portfolio", "activity_date", "title", "hours", "participatory")
    insert = bulk.insert(CpdActivity, fields)
    values = [
        (uuids[0], author, home.uuid, days[0].isoformat(), "Course", 1.5, True),
        (uuids[1], author, home.uuid, days[1].isoformat(), "Reading", 2.0, False),
    ]
    with db.database.atomic():
        insert.run(values)
    fast = stored(CpdActivity)
    read = [(a.activity_date, a.participatory, a.revision, a.deleted) for a in CpdActivity.select()]
    updated = {a.updated_at for a in CpdActivity.select()}
    assert len(updated) == 1 and isinstance(next(iter(updated)), datetime)

    CpdActivity.delete().execute()
    for uuid, _, _, day, title, hours, joined in values:
        CpdActivity.create(
            uuid=uuid,
            author=author,
            portfolio=home,
            activity_date=date.fromisoformat(day),
            title=title,
            hours=hours,
            participatory=joined,
            updated_at=next(iter(updated)),
        )
    assert stored(CpdActivity) == fast
    assert read == [
        (a.activity_date, a.participatory, a.revision, a.deleted) for a in CpdActivity.select()
    ]


def test_nulls_and_references_as_model_create(portfolio, me):
    from workbench.evidence.library import add_note
    from workbench.store.portfolios import ensure_person

    home = portfolio.portfolio
    add_note(home, ensure_person(me), "Certificate")
    activity = CpdActivity.create(
        author="a", portfolio=home, activity_date=date(2026, 1, 1), title="T"
    )
    item = EvidenceItem.select().first()
    link = new_uuid()
    with db.database.atomic():
        bulk.insert(CpdLink, ("uuid", "author", "activity", "skill", "evidence")).run(
            [(link, "a", activity.uuid, None, item.uuid)]
        )
    fast = stored(CpdLink)
    when = CpdLink.get_by_id(link).updated_at
    CpdLink.delete().execute()
    CpdLink.create(uuid=link, author="a", activity=activity, evidence=item, updated_at=when)
    assert stored(CpdLink) == fast


def test_a_field_without_default_or_an_unknown_one_is_refused(portfolio):
    with pytest.raises(ValueError, match="title has no default"):
        bulk.insert(CpdActivity, ("uuid", "author", "portfolio", "activity_date"))
    with pytest.raises(ValueError, match="no field colour"):
        bulk.insert(CpdActivity, ("uuid", "colour"))
    with pytest.raises(ValueError, match="need their own uuid"):
        bulk.insert(CpdLink, ("author", "activity"))


def test_a_failed_insert_leaves_nothing(portfolio):
    home = portfolio.portfolio
    insert = bulk.insert(CpdActivity, ("uuid", "author", "portfolio", "activity_date", "title"))
    twice = new_uuid()
    rows = [
        (new_uuid(), "a", home.uuid, "2026-01-01", "One"),
        (twice, "a", home.uuid, "2026-01-02", "Two"),
    ]
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"), db.database.atomic():
        insert.run(rows + [(twice, "a", home.uuid, "2026-01-03", "Three")])
    assert CpdActivity.select().count() == 0


def test_defaults_are_given_as_sqlite_binds_them_without_an_adapter(portfolio):
    insert = bulk.insert(CpdLink, ("uuid", "author", "activity", "skill"))
    assert '"evidence_id"' not in insert.sql  # left to SQLite's NULL, not bound per row
    assert {type(value) for value in insert.rest} <= {str, int, float}  # a flag as 0 or 1
