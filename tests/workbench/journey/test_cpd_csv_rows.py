"""The rows of a CPD CSV file come to the same values checked column by column as
checked one by one, whatever the file's shape."""

from __future__ import annotations

from datetime import date

import pytest

from tests.workbench.journey.helpers import join_mentor
from workbench.errors import ValidationError
from workbench.journey import cpd_csv
from workbench.journey.cpd import check_title
from workbench.journey.cpd_csv import parse_csv
from workbench.journey.cpd_csv_rows import RowChecks, check_titles

TODAY = date(2026, 11, 29)
HEADER = "date,title,type,hours,participatory,reflection,skills,evidence\r\n"
SHORT = "date,title,hours\r\n"

FILES = {
    "every column": HEADER
    + "2026-01-04,  Café   visit ,Event,2,yes,  Notes. ,10.1; 4.0,E1\r\n"
    + '31/03/2026,Webinar,,"1,5",no,,,E1\r\n'
    + '01.02.2025,Book,READING,3 hours,,"Two\nlines",15.0,\r\n',
    "blank lines and empty rows": HEADER
    + "2026-01-04,Visit,,2,no,,,\r\n\r\n\r\n,,,,,,,\r\n2026-01-05,Talk,,1,yes,,,\r\n , ,,,,,,\r\n",
    "short rows": "date,title,hours,type,skills\r\n"
    + "2026-01-04,Visit,2\r\n2026-01-05,Talk,1,event\r\n",
    "a column twice": "title,date,hours,title\r\nFirst,2026-01-04,2,Second\r\nA,2026-01-05,1,B\r\n",
    "the needed columns only": "Hours;Date;Title\n1;2026-01-04;Visit\n2.5;04/01/2026;Visit\n",
    "one row": "date,title,hours\n2026-01-04,Visit,2",
    "titles with space to tidy": HEADER
    + '2026-01-04,"Tab\there",,2,no,,,\r\n2026-01-04,Two  spaces,,1,no,,,\r\n'
    + "2026-01-06,No\u00a0break\u2003em,,1,no,,,\r\n2026-01-07,Unit\x1fsep,,1,no,,,\r\n",
    "dates in other forms among ISO ones": HEADER
    + "2026-01-04,Visit,,2,no,,,\r\n4 Jan 2026,Talk,,1,no,,,\r\n2026-01-05,Book,,1,no,,,\r\n",
}


def one_by_one_only(monkeypatch):
    monkeypatch.setattr(RowChecks, "all_rows", lambda *args: None)


@pytest.mark.parametrize("name", FILES)
def test_column_by_column_equals_row_by_row(portfolio, me, other, monkeypatch, name):
    from workbench.evidence.library import add_note

    mentee, _ = join_mentor(portfolio, me, other)
    add_note(portfolio.portfolio, mentee, "Certificate")
    text = FILES[name]
    with monkeypatch.context() as patched:  # checked column by column, not row by row
        patched.setattr(cpd_csv, "one_by_one", None)
        fast = parse_csv(text, "log.csv", portfolio.portfolio, TODAY)
    one_by_one_only(monkeypatch)
    assert parse_csv(text, "log.csv", portfolio.portfolio, TODAY) == fast
    assert fast


def test_the_file_shapes_give_the_rows_they_hold(portfolio, me, other):
    from workbench.evidence.library import add_note

    mentee, _ = join_mentor(portfolio, me, other)
    add_note(portfolio.portfolio, mentee, "Certificate")
    parsed = {
        name: parse_csv(text, "x", portfolio.portfolio, TODAY) for name, text in FILES.items()
    }
    assert [r[1] for r in parsed["blank lines and empty rows"]] == ["Visit", "Talk"]
    assert [(r[1], r[2], r[3]) for r in parsed["short rows"]] == [
        ("Visit", 2.0, "other"),
        ("Talk", 1.0, "event"),
    ]
    assert [r[1] for r in parsed["a column twice"]] == ["Second", "B"]
    assert parsed["every column"][2][5] == "Two\nlines"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + "2026-01-04,Visit,,2,no,,,\r\n,Untitled,,1,no,,,\r\n", "row 3: 'Untitled'|row 3"),
        (HEADER + "2026-01-04,Visit,,2,no,,,\r\n2026-01-05,,,1,no,,,\r\n", "row 3: Give the"),
        (HEADER + "\r\n\r\n2026-01-05,Far,,x,no,,,\r\n", "row 4: The hours must be"),
        ("date,title,hours\r\n2026-01-04,Visit,2,extra\r\n", "row 2: more cells than columns"),
        ("date,title,hours\r\n,,\r\n\r\n", "no activities below the header"),
        # ISO dates are read all at once, unless one of them is wrong
        (SHORT + "2026-01-04,Visit,2\r\n2026-02-30,Talk,1\r\n", "row 3: '2026-02-30'"),
        (SHORT + "2026-01-04,Visit,2\r\n2099-01-05,Talk,1\r\n", "row 3: 5 Jan 2099"),
        (SHORT + "1949-12-31,Old,2\r\n", "row 2: 31 Dec 1949 is too long ago"),
        # titles too, unless one is too long
        (SHORT + "2026-01-04,Visit,2\r\n2026-01-05," + "T" * 201 + ",1\r\n", "row 3: The title"),
    ],
)
def test_faults_are_named_by_their_row(portfolio, me, other, text, message):
    join_mentor(portfolio, me, other)
    with pytest.raises(ValidationError, match=message):
        parse_csv(text, "log.csv", portfolio.portfolio, TODAY)


def test_titles_are_read_at_once_only_when_nothing_needs_tidying():
    # check_titles relies on this: every whitespace character but the space is unprintable
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace() and c != 0x20]
    assert spaces and not any(c.isprintable() for c in spaces)
    tidy = ["Visit", "Reading group", "Café talk 🙂"]
    assert check_titles(tidy) is tidy
    untidy = ["Visit", "Reading  group", "Tab\there", "No\u00a0break", "Zero\u200bwidth"]
    assert check_titles(untidy) == [check_title(t) for t in untidy]
    assert check_titles(untidy) == [
        "Visit",
        "Reading group",
        "Tab here",
        "No break",
        "Zero\u200bwidth",
    ]
