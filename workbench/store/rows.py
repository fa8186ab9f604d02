"""Plain rows of a query, for views that read hundreds or thousands of records.

Peewee converts every column of every row through its field (``python_value``),
which costs several times what SQLite takes to return the rows. Text, numbers
and uuids come back from SQLite as they are stored, so ``plain_rows`` converts
only the columns whose stored form differs from the Python one: dates, times
and booleans. The tuples are the same as ``query.tuples()`` would give.
"""

from __future__ import annotations

from datetime import datetime

from peewee import BooleanField, DateField, DateTimeField, Field, TimeField

from workbench.store import db

CONVERTED = (DateTimeField, DateField, TimeField, BooleanField)


def _converter(column: Field):
    if not isinstance(column, DateTimeField):
        return column.python_value

    def stored_time(value):
        """As peewee reads it (naive, from its own text), at a fraction of the cost."""
        if isinstance(value, str):
            try:
                found = datetime.fromisoformat(value)
            except ValueError:
                found = None
            if found is not None and found.tzinfo is None:
                return found
        return column.python_value(value)

    return stored_time


def plain_rows(query) -> list[tuple]:
    """The rows ``query`` selects, as tuples equal to ``query.tuples()``: one query."""
    converters = [
        (index, _converter(column))
        for index, column in enumerate(query._returning)
        if isinstance(column, Field) and isinstance(column, CONVERTED)
    ]
    rows = db.database.execute(query).fetchall()
    if not converters:
        return rows
    converted = []
    for row in rows:
        values = list(row)
        for index, convert in converters:
            values[index] = convert(values[index])
        converted.append(tuple(values))
    return converted
