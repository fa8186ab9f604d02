"""Which of several states set on one thing is in force, without trusting clocks.

Two people set states on the same thing (a comment resolved or reopened, a
meeting action ticked done or not done), each as a new record of their own, on
machines whose clocks may be wrong. The order between those records is causal:
a new state record gets a sequence number one higher than the highest state of
the same thing known on the machine that made it (a Lamport counter), so a
state set after seeing another always beats it. State records are created and
never edited, so the sequence lives in the record's ``revision`` field and
needs no schema change. Two states made without seeing each other may share a
sequence; then the author's uuid decides, so every machine holding the same
records picks the same one. Only between two states of the same author with
the same sequence (records made before sequences were kept) does that
author's own clock decide, then the record's uuid: one person's clock never
outranks another person's state.

The state in force is the one with the highest (revision, author, updated_at, uuid).
``ORDER`` is that rule; everything that picks a state (peewee queries, raw SQL
read by the mentor's home) is built from it.
"""

from __future__ import annotations

from peewee import fn

ORDER = ("revision", "author", "updated_at", "uuid")


def newest_first(model) -> list:
    """peewee ordering that puts the state in force first."""
    return [getattr(model, name).desc() for name in ORDER]


def oldest_first(model) -> list:
    """peewee ordering that puts the state in force last (a dict filled in order keeps it)."""
    return [getattr(model, name).asc() for name in ORDER]


def newest_first_sql(alias: str) -> str:
    """The same ordering as an SQL ``ORDER BY`` list, for plain sqlite3 readers."""
    return ", ".join(f"{alias}.{name} DESC" for name in ORDER)


def next_sequence(model, *where) -> int:
    """One more than the highest sequence among the states matching ``where``."""
    highest = model.select(fn.MAX(model.revision)).where(*where).scalar()
    return (highest or 0) + 1
