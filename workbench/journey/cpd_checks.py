"""The rules of one CPD activity's fields: its hours, date, title and type.

The log's own forms, its commands and the CSV import (cpd_csv_rows.py) all check
a field with these.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from workbench.dates import short_date
from workbench.errors import ValidationError
from workbench.store import limits

MAX_HOURS = limits.HOURS_MAX
EARLIEST = date(1950, 1, 1)
MAX_TITLE = limits.TITLE_MAX


def check_hours(hours) -> float:
    try:
        value = float(hours)
    except (TypeError, ValueError):
        raise ValidationError(f"The hours must be a number, not '{hours}'.") from None
    if not math.isfinite(value) or value <= 0:
        raise ValidationError("The hours must be more than zero.")
    if value > MAX_HOURS:
        raise ValidationError(
            f"{value:g} hours is more than one activity can hold (at most {MAX_HOURS:g}); "
            "split a long course into its parts."
        )
    return round(value, 2)


def check_date(day, today: date | None = None) -> date:
    today = today or date.today()
    if not isinstance(day, date):
        raise ValidationError("The activity needs a date.")
    if isinstance(day, datetime):
        day = day.date()
    if day > today:
        raise ValidationError(
            f"{short_date(day)} is in the future; log an activity once it is done."
        )
    if day < EARLIEST:
        raise ValidationError(f"{short_date(day)} is too long ago for a CPD log.")
    return day


def check_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError("Give the activity a title.")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"The title is longer than {MAX_TITLE} characters.")
    return title


def clean_type(activity_type: str) -> str:
    return " ".join((activity_type or "").split()).lower() or "other"
