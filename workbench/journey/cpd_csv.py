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
from dataclasses import dataclass, field
from datetime import date
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


def _key(day: date, title: str, hours: float) -> tuple:
    """What makes a row the same activity as one already in the log."""
    return (day, title.casefold(), round(hours, 2))


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
    existing = {_key(a.activity_date, a.title, a.hours) for a in activities(portfolio)}
    result = ImportResult()
    new_rows = []
    for values in rows:
        key = _key(*values[:3])  # values: activity_date, title, hours, …
        if key in existing:
            result.skipped += 1
            continue
        existing.add(key)
        new_rows.append(values)
    _insert(portfolio, actor, new_rows)
    result.added = len(new_rows)
    result.values = new_rows
    return result


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
LINK_FIELDS = ("uuid", "author", "activity", "skill", "evidence")


def _insert(portfolio: Portfolio, actor: Person, rows: list[tuple]) -> None:
    """All rows and their links in one transaction, each table in one executemany of
    tuples in the stored form: a date as its ISO text, as peewee stores it."""
    count = sum(1 + len(values[6]) + len(values[7]) for values in rows)
    uuids = iter(new_uuids(count))
    me, home = actor.uuid, portfolio.uuid
    activity_rows, links = [], []
    for day, title, hours, kind, joined, reflection, skills, evidence in rows:
        uuid = next(uuids)
        activity_rows.append(
            (uuid, me, home, day.isoformat(), title, hours, kind, joined, reflection)
        )
        for skill in skills:
            links.append((next(uuids), me, uuid, skill, None))
        for item in evidence:
            links.append((next(uuids), me, uuid, None, item))
    with db.database.atomic():
        bulk.insert(CpdActivity, ACTIVITY_FIELDS).run(activity_rows)
        bulk.insert(CpdLink, LINK_FIELDS).run(links)


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
