"""One way to write a day for people: no leading zero, the month as a word."""

from datetime import date, datetime

from workbench.dates import day_month, long_date, short_date


def test_a_day_reads_the_same_in_every_form():
    day = date(2025, 12, 5)
    assert (short_date(day), long_date(day), day_month(day)) == (
        "5 Dec 2025",
        "5 December 2025",
        "5 Dec",
    )
    assert short_date(datetime(2026, 7, 1, 23, 59)) == "1 Jul 2026"  # a time's day alike
