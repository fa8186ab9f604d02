"""A package's records as a stream: never all of ``records.jsonl`` in memory.

Reading splits an entry into lines as its chunks arrive (``lines_of``), hashed
on the way. Each checked record is written to a private spool file
(``RecordSpool``, pickled rows in chunks of bounded size) which applying reads
back chunk by chunk, and of each record only its *facts* are kept in memory
(``Fact``: table, uuid, author, tombstone, references and a rating's levels),
which is all the checks made before anything is written need. The few records
that decide who may do what (the portfolio, people, memberships, frameworks)
are kept whole (``CONTROL``).

So reading a package takes memory for one chunk of rows and a few hundred
bytes a record, whatever the size of its text.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator

from peewee import ForeignKeyField

from workbench.errors import PackageError
from workbench.exchange.zip_safety import read_limited
from workbench.store.models import Framework, Membership, Person, Portfolio

CHUNK_ROWS = 500  # rows applied together (one query per table and step)
CHUNK_BYTES = 2**20  # ... or fewer, when the records are long
CONTROL = (Person, Framework, Portfolio, Membership)
RATED_FIELDS = ("current", "target", "rating")  # a rating's levels, checked against its scale


def lines_of(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The ``\\n``-separated lines of a stream of chunks, one at a time."""
    pieces: list[bytes] = []
    for chunk in chunks:
        if b"\n" not in chunk:
            pieces.append(chunk)
            continue
        parts = chunk.split(b"\n")
        pieces.append(parts[0])
        yield b"".join(pieces)
        yield from parts[1:-1]
        pieces = [parts[-1]]
    tail = b"".join(pieces)
    if tail:
        yield tail


def hashed_lines(zf, info, listed: dict, limit: int, name: str) -> Iterator[bytes]:
    """The lines of an entry, read within its listed size; its hash is compared at
    the end, before the caller hears of any problem in its lines."""
    digest = hashlib.sha256()

    def chunks():
        for chunk in read_limited(zf, info, min(listed["size"], limit), name):
            digest.update(chunk)
            yield chunk

    yield from lines_of(chunks())
    if digest.hexdigest() != listed["sha256"]:
        raise PackageError(f"{name}: {info.filename} does not match its hash; it was altered.")


def entry_lines(zf, infos, entries, entry: str, limit: int, name: str) -> Iterator[tuple[int, str]]:
    """(number, text) of each line of a small text entry, checked against its listed
    hash; nothing when absent. A line that is not UTF-8 is judged after the hash."""
    if entry not in infos:
        return
    bad = False
    for number, raw in enumerate(hashed_lines(zf, infos[entry], entries[entry], limit, name), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            bad = True
            continue
        if not bad:
            yield number, line
    if bad:
        raise PackageError(f"{name}: {entry} is not UTF-8 text.")


_FACT_FIELDS: dict[type, tuple[str, ...]] = {}
_FACT_INDEX: dict[type, dict[str, int]] = {}


def fact_fields(model) -> tuple[str, ...]:
    """The fields of a record its facts keep: identity, references and levels."""
    if model not in _FACT_FIELDS:
        names = ["uuid", "author", "deleted"]
        for field in model._meta.sorted_fields:
            if isinstance(field, ForeignKeyField) or field.name in RATED_FIELDS:
                names.append(field.name)
        _FACT_FIELDS[model] = tuple(names)
        _FACT_INDEX[model] = {name: at for at, name in enumerate(names)}
    return _FACT_FIELDS[model]


def _small(value):
    return sys.intern(value) if isinstance(value, str) else value


class Fact:
    """What the checks before writing need of one record, read like its row."""

    __slots__ = ("model", "values")

    def __init__(self, model, row: dict):
        self.model = model
        self.values = tuple(_small(row[name]) for name in fact_fields(model))

    def __getitem__(self, name: str):
        return self.values[_FACT_INDEX[self.model][name]]

    def get(self, name: str, default=None):
        at = _FACT_INDEX[self.model].get(name)
        return default if at is None else self.values[at]


class RecordSpool:
    """Checked records kept on disk in the order they came, read back in chunks.

    The file is private to this process and removed when closed (or when the
    process ends), so nothing is left behind whatever happens.
    """

    def __init__(self, tables: dict[str, type]):
        self._tables = tables
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - kept open with the package
        self._buffer: list[tuple[str, dict]] = []
        self._buffered = 0
        self.count = 0

    def add(self, model, row: dict, size: int) -> None:
        self._buffer.append((model._meta.table_name, row))
        self._buffered += size
        self.count += 1
        if len(self._buffer) >= CHUNK_ROWS or self._buffered >= CHUNK_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            pickle.dump(self._buffer, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._buffer, self._buffered = [], 0

    def finish(self) -> RecordSpool:
        self._flush()
        self._file.flush()
        return self

    def chunks(self) -> Iterator[list[tuple[type, dict]]]:
        """The records in chunks of bounded size, in the order they came."""
        self._file.seek(0)
        while True:
            try:
                chunk = pickle.load(self._file)  # noqa: S301 - our own file, written above
            except EOFError:
                return
            yield [(self._tables[table], row) for table, row in chunk]

    def __iter__(self) -> Iterator[tuple[type, dict]]:
        for chunk in self.chunks():
            yield from chunk

    def __len__(self) -> int:
        return self.count

    def close(self) -> None:
        self._file.close()
