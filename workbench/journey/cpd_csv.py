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

from workbench.errors import ValidationError
from workbench.journey.cpd import (
    Lookup,
    activities,
    check_date,
    check_hours,
    check_title,
    clean_type,
)
from workbench.store import bulk, db
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


# The checked values of a row, in this order (skills and evidence as tuples of uuids).
VALUE_NAMES = (
    "activity_date",
    "title",
    "hours",
    "activity_type",
    "participatory",
    "reflection",
    "skills",
    "evidence",
)


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


def parse_csv(text: str, name: str, portfolio: Portfolio, today: date | None = None) -> list[tuple]:
    """Every row's checked values (in the order of ``VALUE_NAMES``, links as uuids), or
    one error naming the bad rows."""
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
    check = _RowCheck(portfolio, today or date.today(), list(where))  # today once, not per row
    rows, errors = [], []
    blank_from = None
    for cells in reader:
        if not cells:  # a blank line: the next row is named by the line the blanks began on
            blank_from = blank_from or reader.line_num
            continue
        line, blank_from = blank_from or reader.line_num, None
        if len(cells) > width:
            errors.append(f"row {line}: more cells than columns in the header")
            continue
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        values = [cells[index].strip() for index in picked]
        if not any(values):
            continue
        try:
            rows.append(check.row(values))
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


class _RowCheck:
    """A row's checked values. What repeats from row to row (a date, the hours, a type,
    a yes or no, a list of skills or of evidence) is checked once per distinct text."""

    def __init__(self, portfolio: Portfolio, today: date, columns: list[str]):
        self.lookup = Lookup(portfolio)
        self.today = today
        # Where each column's cell is in a row's values; a column the file lacks reads
        # the empty cell that ``row`` appends at the end.
        self.pick = operator.itemgetter(
            *(columns.index(c) if c in columns else -1 for c in CSV_COLUMNS)
        )
        self.dates: dict[str, date] = {}
        self.hours: dict[str, float] = {}
        self.types: dict[str, str] = {}
        self.flags: dict[str, bool] = {}
        self.skills: dict[str, tuple[str, ...]] = {}
        self.evidence: dict[str, tuple[str, ...]] = {}

    def row(self, values: list[str]) -> tuple:
        """The values in the order of VALUE_NAMES; checked in that order, so a row with
        several faults is named for the first, as one check after another would."""
        values.append("")
        day, title, kind, hours, flag, reflection, skills, evidence = self.pick(values)
        checked_day = self.dates.get(day)
        if checked_day is None:
            checked_day = self.dates[day] = check_date(_parse_csv_date(day), self.today)
        title = check_title(title)
        checked_hours = self.hours.get(hours)
        if checked_hours is None:
            checked_hours = self.hours[hours] = _parse_csv_hours(hours)
        checked_kind = self.types.get(kind)
        if checked_kind is None:
            checked_kind = self.types[kind] = clean_type(kind)
        joined = self.flags.get(flag)
        if joined is None:
            joined = self.flags[flag] = _parse_flag(flag)
        skill_uuids = self.skills.get(skills)
        if skill_uuids is None:
            found = self.lookup.skill_list(_split_list(skills))
            skill_uuids = self.skills[skills] = tuple(s.uuid for s in found)
        evidence_uuids = self.evidence.get(evidence)
        if evidence_uuids is None:
            found = self.lookup.evidence_list(_split_list(evidence))
            evidence_uuids = self.evidence[evidence] = tuple(e.uuid for e in found)
        return (
            checked_day,
            title,
            checked_hours,
            checked_kind,
            joined,
            reflection,
            skill_uuids,
            evidence_uuids,
        )


def _key(values: tuple) -> tuple:
    return (values[0], values[1].casefold(), round(values[2], 2))


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
    result.values = new_rows
    return result


VERSION_4 = bytes(b & 0x0F | 0x40 for b in range(256))  # a byte with the version bits set
RFC_VARIANT = bytes(b & 0x3F | 0x80 for b in range(256))  # ...with the RFC 4122 variant's
# Where each of a uuid's 32 hex digits goes in its 36 characters (dashes after 8, 12, 16, 20).
DIGIT_PLACES = [(d, d + (d >= 8) + (d >= 12) + (d >= 16) + (d >= 20)) for d in range(32)]


def _new_uuids(count: int) -> list[str]:
    """``count`` random uuids of the form ``models.new_uuid`` makes (version 4), made
    from one call for the random bytes and laid out by slices of all of them at once,
    without a UUID object or a string format each: many times faster."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = raw[6::16].translate(VERSION_4)
    raw[8::16] = raw[8::16].translate(RFC_VARIANT)
    digits = raw.hex().encode("ascii")
    text = bytearray(b"-") * (37 * count)  # each uuid, then a line end
    for digit, place in DIGIT_PLACES:
        text[place::37] = digits[digit::32]
    text[36::37] = b"\n" * count
    return text.decode("ascii").split()


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
    uuids = iter(_new_uuids(count))
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
