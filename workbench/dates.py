"""How a day is written for people: one rule for every view, message and export.

The day of the month has no leading zero and the month is a word, so a date
reads the same whatever the computer's locale ("5 Dec 2025", "5 December
2025"). A stored timestamp (naive UTC, as every record keeps it) is shown in
this computer's local time. Typed dates and the date fields follow the locale
(ui.common.dates).
"""

from __future__ import annotations

from datetime import date, datetime, timezone


def local_time(stored: datetime) -> datetime:
    """A stored timestamp (naive UTC) in this computer's local time, as it is shown."""
    return stored.replace(tzinfo=timezone.utc).astimezone()


def short_date(day: date) -> str:
    """'5 Dec 2025': in lists, tables and messages."""
    return f"{day.day} {day:%b %Y}"


def long_date(day: date) -> str:
    """'5 December 2025': in documents and sentences."""
    return f"{day.day} {day:%B %Y}"


def day_month(day: date) -> str:
    """'5 Dec': where the year goes without saying."""
    return f"{day.day} {day:%b}"
