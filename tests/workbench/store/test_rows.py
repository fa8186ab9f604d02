"""plain_rows gives what peewee's tuples give: dates, times and booleans converted."""

from datetime import date, datetime

from workbench.store.models import Comment, CommentState, CpdActivity, EvidenceItem
from workbench.store.rows import plain_rows


def test_plain_rows_equal_peewee_tuples(demo):
    for model in (Comment, CommentState, CpdActivity, EvidenceItem):
        query = model.select(*model._meta.sorted_fields).order_by(model.uuid)
        rows = plain_rows(query)
        assert rows, model.__name__
        assert rows == list(query.tuples()), model.__name__


def test_plain_rows_convert_only_what_sqlite_stores_as_text(demo):
    query = CpdActivity.select(
        CpdActivity.title,
        CpdActivity.activity_date,
        CpdActivity.participatory,
        CpdActivity.updated_at,
    )
    title, day, participatory, updated = plain_rows(query)[0]
    assert isinstance(title, str)
    assert isinstance(day, date)
    assert isinstance(participatory, bool)
    assert isinstance(updated, datetime) and updated.tzinfo is None
