"""Checking the rows of a CPD log's CSV file (reading and writing it: cpd_csv.py).

Each cell is read by one rule per column (``RowChecks``). A file's rows are
checked column by column: each distinct text of a column once (a log repeats
its dates, hours, types, yes and no, lists of skills), then mapped onto every
row, without a Python step per cell. If anything in the file is wrong, the
rows are checked again one by one in the file's order, so every error names
its row and, for a row with several faults, the first of them.
"""

from __future__ import annotations

import operator
import re
from datetime import date, datetime

from workbench.errors import ValidationError
from workbench.journey.cpd import Lookup
from workbench.journey.cpd_checks import (
    EARLIEST,
    MAX_TITLE,
    check_date,
    check_hours,
    check_title,
    clean_type,
)
from workbench.store.models import Portfolio

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

# The checked values of a row, in this order (skills and evidence as tuples of uuids),
# and the column each comes from.
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
VALUE_COLUMNS = ("date", "title", "hours", "type", "participatory", "reflection", "skills")
VALUE_COLUMNS += ("evidence",)

ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
ISO_DATES = re.compile(r"(?:\d{4}-\d\d-\d\d\n)*\d{4}-\d\d-\d\d")  # one a line


def parse_csv_date(text: str) -> date:
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


def parse_csv_hours(text: str) -> float:
    text = text.strip().lower().removesuffix("hours").removesuffix("h").strip()
    if DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    return check_hours(text)


def parse_flag(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(f"'{text}' in the participatory column should be yes or no.")


LIST_SEPARATORS = re.compile(r"[;|]")


def split_list(text: str) -> list[str]:
    if not text:
        return []
    return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]


def _same(text: str) -> str:
    return text


def check_titles(titles: list[str]) -> list[str]:
    """``check_title`` of each stripped title; at once when none is too long and none
    has space to tidy, as in most logs: every whitespace character but the space is
    unprintable, so printable text without two spaces in a row has single spaces only."""
    joined = "|".join(titles)
    if joined.isprintable() and "  " not in joined and max(map(len, titles)) <= MAX_TITLE:
        return titles
    return list(map(check_title, titles))


def iso_dates(texts: set[str], today: date) -> dict[str, date] | None:
    """The dates of texts all written as 2026-03-31 and all within the log's span, read
    at once; None if any is not (the rule for one date then reads each)."""
    if not texts or not ISO_DATES.fullmatch("\n".join(texts)):
        return None
    try:
        days = dict(zip(texts, map(date.fromisoformat, texts), strict=True))
    except ValueError:  # 2026-02-30
        return None
    if min(days.values()) < EARLIEST or max(days.values()) > today:
        return None
    return days


# The columns whose every text is read (not each distinct one once), by a rule for all.
WHOLE_COLUMN_RULES = {"title": check_titles, "reflection": list}


class RowChecks:
    """The rule of each column, and what each distinct text of a column came to."""

    def __init__(self, portfolio: Portfolio, today: date, columns: list[str]):
        lookup = Lookup(portfolio)
        self.today = today
        self.columns = columns  # the file's columns; a repeated one counts once, its last
        self.rules = {
            "date": lambda text: check_date(parse_csv_date(text), today),
            "title": check_title,
            "hours": parse_csv_hours,
            "type": clean_type,
            "participatory": parse_flag,
            "reflection": _same,
            "skills": lambda text: tuple(lookup.skill_uuids(split_list(text))),
            "evidence": lambda text: tuple(lookup.evidence_uuids(split_list(text))),
        }
        self.seen = {column: {} for column in CSV_COLUMNS if column not in WHOLE_COLUMN_RULES}
        # Where each value's cell is in a row's cells; a column the file lacks reads the
        # empty cell that ``row`` appends at the end.
        self.pick = operator.itemgetter(
            *(columns.index(c) if c in columns else -1 for c in VALUE_COLUMNS)
        )

    def checked(self, column: str, text: str):
        seen = self.seen.get(column)
        if seen is None:
            return self.rules[column](text)
        if text not in seen:
            seen[text] = self.rules[column](text)
        return seen[text]

    def row(self, cells: list[str]) -> tuple:
        """One row's values (its stripped cells in the file's columns), in the order
        of VALUE_NAMES and checked in that order: a row is named for its first fault."""
        cells.append("")
        return tuple(map(self.checked, VALUE_COLUMNS, self.pick(cells)))

    def all_rows(self, rows: list[list[str]], width: int, picked: list[int]) -> list[tuple] | None:
        """Every row's values, checked column by column; None if any row has a fault
        or more cells than the header (``one_by_one`` then names them), or if some row
        is not simple enough for this way (a blank title)."""
        lengths = set(map(len, rows))
        if not rows or max(lengths) > width:
            return None
        if lengths != {width}:  # blank lines, or rows without their last empty cells
            rows = [row + [""] * (width - len(row)) for row in rows if row]
        if not rows:
            return None
        by_column = list(zip(*rows, strict=True))
        cells = {
            column: list(map(str.strip, by_column[index]))
            for column, index in zip(self.columns, picked, strict=True)
        }
        if "" in cells["title"]:  # rows left empty are skipped; any other blank title is a fault
            blank = {i for i, title in enumerate(cells["title"]) if not title}
            empty = {i for i in blank if not any(texts[i] for texts in cells.values())}
            if len(empty) < len(blank) or len(empty) == len(cells["title"]):
                return None
            cells = {
                c: [t for i, t in enumerate(texts) if i not in empty] for c, texts in cells.items()
            }
        count = len(cells["title"])
        values = []
        try:
            for column in VALUE_COLUMNS:
                texts = cells.get(column) or [""] * count
                if column in WHOLE_COLUMN_RULES:
                    values.append(WHOLE_COLUMN_RULES[column](texts))
                    continue
                seen = self.seen[column]
                new = set(texts).difference(seen)
                if column == "date":
                    seen.update(iso_dates(new, self.today) or ())
                    new.difference_update(seen)
                for text in new:
                    seen[text] = self.rules[column](text)
                values.append(list(map(seen.__getitem__, texts)))
        except ValidationError:
            return None
        return list(zip(*values, strict=True))


def one_by_one(
    reader, checks: RowChecks, width: int, picked: list[int]
) -> tuple[list[tuple], list[str]]:
    """Every good row's values, and an error for each bad row naming its row."""
    rows, errors = [], []
    for cells in reader:
        if not cells:  # a blank line
            continue
        line = reader.line_num  # the row's own line in the file, as a spreadsheet numbers it
        if len(cells) > width:
            errors.append(f"row {line}: more cells than columns in the header")
            continue
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        values = [cells[index].strip() for index in picked]
        if not any(values):
            continue
        try:
            rows.append(checks.row(values))
        except ValidationError as exc:
            errors.append(f"row {line}: {exc}")
    return rows, errors
