"""A package is read and applied as a stream: bounded memory, a bounded number of queries.

Only what is deterministic is asserted: the statements SQLite runs (counted
with the connection's trace callback) and the memory Python allocates
(tracemalloc), never a time.
"""

from __future__ import annotations

import os
import tracemalloc
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.workbench.exchange.support import Two, dump_shared
from workbench.exchange.apply import import_package, pack
from workbench.exchange.copies import unpack
from workbench.exchange.reader import read_package
from workbench.exchange.stream import lines_of
from workbench.store import db
from workbench.store.models import EvidenceItem, new_uuid

LONG = 40_000  # characters of one long evidence description


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    return people


def add_evidence(two: Two, count: int, long: bool = False, first: int = 100) -> None:
    """``count`` evidence notes; ``long``: each with LONG characters that do not compress
    (a package refuses an entry that would grow a hundredfold, as a zip bomb)."""
    identity = two.as_mentee()
    with two.open(two.mentee_root, identity) as (opened, me), db.database.atomic():
        rows = [
            {
                "uuid": new_uuid(),
                "author": me.uuid,
                "portfolio": opened.portfolio.uuid,
                "number": first + n,
                "title": f"Item {n}",
                "kind": "note",
                "description": os.urandom(LONG // 2).hex() if long else f"{n} A note.",
            }
            for n in range(count)
        ]
        for start in range(0, len(rows), 100):
            EvidenceItem.insert_many(rows[start : start + 100]).execute()


def send(two: Two, name: str) -> Path:
    out = two.tmp / name
    identity = two.as_mentee()
    with two.open(two.mentee_root, identity) as (opened, me):
        pack(opened, me, out)
    return out


@contextmanager
def counted_queries():
    """Every statement but INSERTs (executemany runs one per row, by design) while
    the block runs, on the open connection and on any opened meanwhile."""
    seen: list[str] = []

    def trace(statement: str) -> None:
        if not statement.lstrip().upper().startswith("INSERT"):
            seen.append(statement)

    original = db.database.connect

    def connect(*args, **kwargs):
        done = original(*args, **kwargs)
        db.database.connection().set_trace_callback(trace)
        return done

    db.database.connect = connect
    if not db.database.is_closed():
        db.database.connection().set_trace_callback(trace)
    try:
        yield seen
    finally:
        del db.database.connect  # the method again
        if not db.database.is_closed():
            db.database.connection().set_trace_callback(None)


def queries_to_apply(two: Two, package: Path, root: Path) -> tuple[int, int]:
    """(statements making the copy, statements opening the same package again)."""
    mentor = two.as_mentor()
    with counted_queries() as first:
        unpack(package, mentor, root)
    with two.open(root, mentor) as (opened, me), counted_queries() as again:
        summary = import_package(opened, me, package)
    assert summary.nothing_new
    return len(first), len(again)


def test_applying_a_package_asks_a_bounded_number_of_queries(two):
    small = send(two, "small.wbpack")
    add_evidence(two, 1500)
    large = send(two, "large.wbpack")
    made_small, again_small = queries_to_apply(two, small, two.tmp / "copy-small")
    made_large, again_large = queries_to_apply(two, large, two.tmp / "copy-large")
    extra = 1500
    # A few statements per table and chunk of 500 records, never one per record.
    assert made_large - made_small < extra / 20
    assert again_large - again_small < extra / 20
    mine = two.mentee.uuid
    copied, sent = dump_shared(two.tmp / "copy-large", mine), dump_shared(two.mentee_root, mine)
    assert len(copied["evidence_item"]) == 1500
    assert copied["evidence_item"] == sent["evidence_item"] and copied["rating"] == sent["rating"]


def test_reading_a_package_never_holds_all_of_its_records(two):
    add_evidence(two, 600, long=True)
    package = send(two, "long.wbpack")
    with zipfile.ZipFile(package) as zf:
        size = zf.getinfo("records.jsonl").file_size
    assert size > 600 * LONG
    tracemalloc.start()
    try:
        read = read_package(package)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(read.records) == read.manifest["record_count"] > 600
    assert peak < size / 3  # one chunk of rows and small facts of each record

    mentor = two.as_mentor()
    tracemalloc.start()
    try:
        unpack(read.path, mentor, two.mentor_root, confirmed_key=read.manifest["public_key"])
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size / 3
    copied = dump_shared(two.mentor_root, two.mentee.uuid)["evidence_item"]
    assert copied == dump_shared(two.mentee_root, two.mentee.uuid)["evidence_item"]


def test_the_records_come_back_in_their_order_however_long(two):
    add_evidence(two, 30, long=True)
    add_evidence(two, 700, first=1000)
    package = read_package(send(two, "mixed.wbpack"))
    with zipfile.ZipFile(package.path) as zf:
        expected = [line for line in zf.read("records.jsonl").split(b"\n") if line]
    uuids = [row["uuid"] for _model, row in package.records]
    assert uuids == list(package.facts) and len(uuids) == len(expected)
    assert [len(chunk) for chunk in package.records.chunks()] != [len(uuids)]  # in chunks


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_lines_are_cut_at_newlines_only_whatever_the_chunks(size):
    text = "one\ntwo\u2028still two\n\nthree".encode()
    chunks = [text[at : at + size] for at in range(0, len(text), size)]
    assert list(lines_of(chunks)) == text.split(b"\n")
