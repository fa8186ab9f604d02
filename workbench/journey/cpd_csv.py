"""Importing a CPD log from CSV and exporting it to CSV.

A spreadsheet may save CSV as UTF-8 with or without a byte-order mark, as
UTF-16, or in the Windows-1252 code page; all are read. Every row is checked
before anything is written, and every error names its row: an import adds all
rows or none.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice, repeat
from pathlib import Path

from workbench.errors import ValidationError
from workbench.journey.cpd import activities
from workbench.journey.cpd_csv_rows import (
    CSV_COLUMNS,
    CSV_REQUIRED,
    VALUE_NAMES,
    RowChecks,
    one_by_one,
)
from workbench.store import bulk, db
from workbench.store.models import CpdActivity, CpdLink, Person, Portfolio
from workbench.store.portfolios import MENTEE, require_role
from workbench.store.uuids import new_uuids

MAX_ERRORS_SHOWN = 8


@dataclass
class ImportResult:
    added: int = 0
    skipped: int = 0  # rows already in the log
    values: list[tuple] = field(default_factory=list, repr=False)  # the added rows' values

    @property
    def rows(self) -> list[dict]:
        """The added rows' checked values by name, links as lists of uuids."""
        return [
            dict(zip(VALUE_NAMES, (*v[:6], list(v[6]), list(v[7])), strict=True))
            for v in self.values
        ]


# CSV ------------------------------------------------------------------------------------------


def decode_csv(raw: bytes, name: str) -> str:
    """Text of a CSV file: UTF-8 with or without a BOM, UTF-16 with a BOM, or Windows-1252."""
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            f"{name} is a spreadsheet workbook, not a CSV file. "
            "Save it from the spreadsheet as 'CSV (comma delimited)' and import that."
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(raw, "utf-16", name)
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(raw, "utf-8-sig", name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(raw, "cp1252", name)


def _decode(raw: bytes, encoding: str, name: str) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{name} is not text in a known encoding (byte {exc.start}); "
            "save it as CSV UTF-8 and try again."
        ) from None
    if "\x00" in text:
        raise ValidationError(f"{name} is not a text file.")
    return text


def _reader(text: str):
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text, newline=""), dialect=dialect)


def parse_csv(text: str, name: str, portfolio: Portfolio, today: date | None = None) -> list[tuple]:
    """Every row's checked values (in the order of ``VALUE_NAMES``, links as uuids), or
    one error naming the bad rows."""
    try:
        return _parse_rows(text, name, portfolio, today)
    except csv.Error as exc:  # the csv module's own refusal, e.g. a cell past its size limit
        raise ValidationError(
            f"{name} could not be read: a cell is longer than "
            f"{csv.field_size_limit():,} characters, or a quote mark is not closed ({exc}). "
            "Nothing was added."
        ) from None


def _parse_rows(text: str, name: str, portfolio: Portfolio, today: date | None) -> list[tuple]:
    reader = _reader(text)
    header = [h.strip().lower() for h in next(reader, [])]
    if not header:
        raise ValidationError(f"{name} is empty.")
    unknown = [h for h in header if h not in CSV_COLUMNS]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if unknown or missing:
        problems = []
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown {', '.join(repr(u) for u in unknown)}")
        raise ValidationError(
            f"{name}, row 1: the header has the wrong columns ({'; '.join(problems)}). "
            f"Use the columns {', '.join(CSV_COLUMNS)} (date, title and hours are needed)."
        )
    width = len(header)
    where = {column: index for index, column in enumerate(header)}  # a repeated one: its last
    picked = list(where.values())
    checks = RowChecks(portfolio, today or date.today(), list(where))  # today once, not per row
    rows, errors = checks.all_rows(list(reader), width, picked), []
    if rows is None:  # something to name: again, row by row
        reader = _reader(text)
        next(reader)
        rows, errors = one_by_one(reader, checks, width, picked)
    if errors:
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
        more = (
            f" (and {len(errors) - MAX_ERRORS_SHOWN} more)"
            if len(errors) > MAX_ERRORS_SHOWN
            else ""
        )
        raise ValidationError(f"{name} was not imported; nothing was added. {shown}{more}.")
    if not rows:
        raise ValidationError(f"{name} has no activities below the header.")
    return rows


def _keys(days, titles, hours) -> Iterator[tuple]:
    """What makes each row the same activity as one already in the log, for columns
    of dates, titles and hours."""
    return zip(days, map(str.casefold, titles), map(round, hours, repeat(2)), strict=True)


def import_csv(
    portfolio: Portfolio, actor: Person, path: Path | str, today: date | None = None
) -> ImportResult:
    """Add every row of a CSV log, all or nothing; rows already in the log are skipped."""
    path = Path(path)
    require_role(portfolio, actor, MENTEE)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    rows = parse_csv(decode_csv(raw, path.name), path.name, portfolio, today)
    new_rows = _not_logged(portfolio, rows)
    _insert(portfolio, actor, new_rows)
    return ImportResult(len(new_rows), len(rows) - len(new_rows), new_rows)


def _not_logged(portfolio: Portfolio, rows: list[tuple]) -> list[tuple]:
    """The rows that are not in the log yet, each once (a file may repeat a row)."""
    logged = [(a.activity_date, a.title, a.hours) for a in activities(portfolio)]
    existing = set(_keys(*zip(*logged, strict=True))) if logged else set()
    days, titles, hours = islice(zip(*rows, strict=True), 3)
    # The keys of checked rows, whose hours check_hours rounded already (round costs).
    keys = list(zip(days, map(str.casefold, titles), hours, strict=True))
    distinct = set(keys)
    if len(distinct) == len(keys) and existing.isdisjoint(distinct):  # a new log, as most are
        return rows
    new_rows = []
    for key, values in zip(keys, rows, strict=True):
        if key not in existing:
            existing.add(key)
            new_rows.append(values)
    return new_rows


# The fields each row gives, in its tuple's order; the others (revision, updated_at,
# deleted) take their defaults.
ACTIVITY_FIELDS = (
    "uuid",
    "author",
    "portfolio",
    "activity_date",
    "title",
    "hours",
    "activity_type",
    "participatory",
    "reflection",
)
LINK_FIELDS = ("uuid", "author", "activity")  # and the skill or the evidence item


def _insert(portfolio: Portfolio, actor: Person, rows: list[tuple]) -> None:
    """All rows and their links in one transaction, each table in one executemany of
    tuples in the stored form: a date as its ISO text and a flag as 0 or 1, as
    SQLite keeps what peewee stores.

    Each table's new uuids are handed out in ascending order, so SQLite adds
    every key (and the links' index of their activity) at the end of its index
    instead of at random places in it. The tuples are made as SQLite reads them,
    not all kept at once.
    """
    if not rows:
        return
    activities_insert = bulk.insert(CpdActivity, ACTIVITY_FIELDS)
    days, titles, hours, kinds, joined, reflections, skills, evidence = zip(*rows, strict=True)
    count = len(rows)
    uuids = new_uuids(count + sum(map(len, skills)) + sum(map(len, evidence)))
    activity_uuids = sorted(uuids[:count])
    iso = {day: day.isoformat() for day in set(days)}
    given = (
        activity_uuids,
        repeat(actor.uuid),
        repeat(portfolio.uuid),
        map(iso.__getitem__, days),
        titles,
        hours,
        kinds,
        map(int, joined),
        reflections,
        *map(repeat, activities_insert.rest),
    )
    with db.database.atomic():
        activities_insert.store(zip(*given, strict=False))  # the repeats end with the uuids
        link_uuids = sorted(uuids[count:])
        for field, column in (("skill", skills), ("evidence", evidence)):
            links_insert = bulk.insert(CpdLink, (*LINK_FIELDS, field))
            targets = list(chain.from_iterable(column))
            mine, link_uuids = link_uuids[: len(targets)], link_uuids[len(targets) :]
            links = (
                mine,
                repeat(actor.uuid),
                # each activity's uuid once for each of its targets
                chain.from_iterable(map(repeat, activity_uuids, map(len, column))),
                targets,
                *map(repeat, links_insert.rest),
            )
            links_insert.store(zip(*links, strict=False))  # as long as the targets


def csv_text(portfolio: Portfolio) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in sorted(activities(portfolio), key=lambda r: (r.activity_date, r.title)):
        writer.writerow(
            [
                row.activity_date.isoformat(),
                row.title,
                row.activity_type,
                f"{row.hours:g}",
                "yes" if row.participatory else "no",
                row.reflection,
                "; ".join(row.skills),
                "; ".join(f"E{n}" for n in row.evidence),
            ]
        )
    return out.getvalue()


def export_csv(portfolio: Portfolio, path: Path | str) -> Path:
    """Write the log as CSV (UTF-8 with a BOM, so spreadsheets read the accents)."""
    path = Path(path)
    db.write_atomically(path, csv_text(portfolio).encode("utf-8-sig"))
    return path
