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
import operator
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from peewee import DateField, DateTimeField

from workbench.errors import ValidationError
from workbench.journey.cpd import (
    Lookup,
    activities,
    check_date,
    check_hours,
    check_title,
    clean_type,
)
from workbench.store import db
from workbench.store.models import CpdActivity, CpdLink, Person, Portfolio
from workbench.store.portfolios import MENTEE, require_role

CSV_COLUMNS = (
    "date",
    "title",
    "type",
    "hours",
    "participatory",
    "reflection",
    "skills",
    "evidence",
)
CSV_REQUIRED = ("date", "title", "hours")
TRUE_WORDS = {"yes", "y", "true", "1", "x", "participatory"}
FALSE_WORDS = {"no", "n", "false", "0", ""}
MAX_ERRORS_SHOWN = 8


@dataclass
class ImportResult:
    added: int = 0
    skipped: int = 0  # rows already in the log
    rows: list[dict] = field(default_factory=list)


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


def _reader(text: str) -> csv.DictReader:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)


ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _parse_csv_date(text: str) -> date:
    text = text.strip()
    if ISO_DATE.fullmatch(text):  # the common case, without strptime's cost
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(f"'{text}' is not a date; write it as 2026-03-31 or 31/03/2026.")


DECIMAL_COMMA = re.compile(r"\d+,\d+")  # "1,5" hours, as a spreadsheet in French writes it


def _parse_csv_hours(text: str) -> float:
    text = text.strip().lower().removesuffix("hours").removesuffix("h").strip()
    if DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    return check_hours(text)


def _parse_flag(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(f"'{text}' in the participatory column should be yes or no.")


LIST_SEPARATORS = re.compile(r"[;|]")


def _split_list(text: str) -> list[str]:
    if not text:
        return []
    return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]


def parse_csv(text: str, name: str, portfolio: Portfolio, today: date | None = None) -> list[dict]:
    """Every row's checked values (links as uuids), or one error naming the bad rows."""
    reader = _reader(text)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
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
    reader.fieldnames = header
    lookup = Lookup(portfolio)
    today = today or date.today()  # once, not for every row
    rows, errors = [], []
    for row in reader:
        line = reader.line_num
        if None in row:
            errors.append(f"row {line}: more cells than columns in the header")
            continue
        row = {k: (v or "").strip() for k, v in row.items()}
        if not any(row.values()):
            continue
        try:
            rows.append(_row_values(row, lookup, today))
        except ValidationError as exc:
            errors.append(f"row {line}: {exc}")
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


def _row_values(row: dict, lookup: Lookup, today: date | None) -> dict:
    values = {
        "activity_date": check_date(_parse_csv_date(row["date"]), today),
        "title": check_title(row["title"]),
        "hours": _parse_csv_hours(row["hours"]),
        "activity_type": clean_type(row.get("type", "")),
        "participatory": _parse_flag(row.get("participatory", "")),
        "reflection": row.get("reflection", ""),
        "skills": _split_list(row.get("skills", "")),
        "evidence": _split_list(row.get("evidence", "")),
    }
    values["skills"] = [s.uuid for s in lookup.skill_list(values["skills"])]
    values["evidence"] = [e.uuid for e in lookup.evidence_list(values["evidence"])]
    return values


def _key(values: dict) -> tuple:
    return (values["activity_date"], values["title"].casefold(), round(values["hours"], 2))


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
    existing = {
        (a.activity_date, a.title.casefold(), round(a.hours, 2)) for a in activities(portfolio)
    }
    result = ImportResult()
    new_rows = []
    for values in rows:
        key = _key(values)
        if key in existing:
            result.skipped += 1
            continue
        existing.add(key)
        new_rows.append(values)
    _insert(portfolio, actor, new_rows)
    result.added = len(new_rows)
    result.rows = new_rows
    return result


def _new_uuids(count: int) -> list[str]:
    """``count`` random uuids of the form ``models.new_uuid`` makes (version 4), made
    from one call for the random bytes, without a UUID object each: many times faster."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # the RFC 4122 variant
    h = raw.hex()
    return [
        f"{h[k : k + 8]}-{h[k + 8 : k + 12]}-{h[k + 12 : k + 16]}-"
        f"{h[k + 16 : k + 20]}-{h[k + 20 : k + 32]}"
        for k in range(0, 32 * count, 32)
    ]


def _insert(portfolio: Portfolio, actor: Person, rows: list[dict]) -> None:
    """All rows and their links in one transaction, each table in one executemany."""
    activities_rows, links = [], []
    count = sum(1 + len(values["skills"]) + len(values["evidence"]) for values in rows)
    uuids = iter(_new_uuids(count))
    for values in rows:
        uuid = next(uuids)
        activities_rows.append(
            {"uuid": uuid, "author": actor.uuid, "portfolio": portfolio.uuid, **values}
        )
        for skill in values["skills"]:
            links.append(
                {"uuid": next(uuids), "author": actor.uuid, "activity": uuid, "skill": skill}
            )
        for evidence in values["evidence"]:
            links.append(
                {"uuid": next(uuids), "author": actor.uuid, "activity": uuid, "evidence": evidence}
            )
    with db.database.atomic():
        _executemany(CpdActivity, activities_rows)
        _executemany(CpdLink, links)


def _executemany(model, rows: list[dict]) -> None:
    """Insert rows through sqlite3's executemany: building one large INSERT statement
    in peewee takes many times longer than SQLite needs to store the rows. Fields a
    row does not name take their defaults; checked values of plain kinds are stored
    as they are, dates take peewee's conversion."""
    fields = model._meta.sorted_fields
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    dated = {f.name: f.db_value for f in fields if isinstance(f, (DateField, DateTimeField))}
    defaults = {}
    for f in fields:
        default = f.default() if callable(f.default) else f.default
        defaults[f.name] = dated[f.name](default) if f.name in dated else default
    given = set().union(*rows)
    convert = [(name, to_db) for name, to_db in dated.items() if name in given]
    pick = operator.itemgetter(*(f.name for f in fields))  # in the columns' order
    values = []
    for row in rows:
        merged = {**defaults, **row}
        for name, to_db in convert:
            merged[name] = to_db(merged[name])
        values.append(pick(merged))
    db.database.connection().executemany(sql, values)


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
