"""Importing and exporting the CPD log as CSV: encodings, bad rows, all or nothing."""

from __future__ import annotations

import codecs
import csv
from datetime import date

import pytest

from tests.workbench.journey.helpers import join_mentor
from workbench.errors import ValidationError
from workbench.journey import cpd
from workbench.journey.cpd_csv import export_csv, import_csv
from workbench.store.models import CpdActivity

TODAY = date(2026, 11, 29)
HEADER = "date,title,type,hours,participatory,reflection,skills,evidence\r\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_round_trip_keeps_every_field(portfolio, me, other, tmp_path):
    from workbench.evidence.library import add_note

    mentee, _ = join_mentor(portfolio, me, other)
    add_note(portfolio.portfolio, mentee, "Certificate")
    cpd.add_activity(
        portfolio.portfolio,
        mentee,
        activity_date=date(2026, 2, 3),
        title='Café talk, "data" & more',
        hours=1.5,
        activity_type="Event",
        participatory=True,
        reflection="Line one.\nLine two, with a comma.",
        skills=["10.1", "4.0"],
        evidence=["E1"],
        today=TODAY,
    )
    cpd.add_activity(
        portfolio.portfolio,
        mentee,
        activity_date=date(2025, 7, 9),
        title="Reading",
        hours=2,
        today=TODAY,
    )
    before = cpd.activities(portfolio.portfolio)
    target = export_csv(portfolio.portfolio, tmp_path / "log.csv")
    raw = target.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[1]["title"] == 'Café talk, "data" & more'
    assert rows[1]["skills"] == "10.1; 4.0" and rows[1]["evidence"] == "E1"

    # Importing the same file again adds nothing: every row is already there.
    again = import_csv(portfolio.portfolio, mentee, target, today=TODAY)
    assert (again.added, again.skipped) == (0, 2)

    for activity in CpdActivity.select():
        cpd.set_deleted(activity.uuid, mentee)
    result = import_csv(portfolio.portfolio, mentee, target, today=TODAY)
    assert (result.added, result.skipped) == (2, 0)
    after = cpd.activities(portfolio.portfolio)
    fields = (
        "activity_date",
        "title",
        "activity_type",
        "hours",
        "participatory",
        "reflection",
        "skills",
        "evidence",
    )
    assert [[getattr(r, f) for f in fields] for r in after] == [
        [getattr(r, f) for f in fields] for r in before
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_reads_the_encodings_spreadsheets_write(portfolio, me, other, tmp_path, encoding):
    mentee, _ = join_mentor(portfolio, me, other)
    text = "Date,Title,Hours,Type\r\n2026-01-04,Café visit to the archive,2,Event\r\n"
    path = write(tmp_path, "log.csv", text, encoding)
    result = import_csv(portfolio.portfolio, mentee, path, today=TODAY)
    assert result.added == 1
    assert cpd.activities(portfolio.portfolio)[0].title == "Café visit to the archive"


def test_semicolons_uk_dates_and_decimal_commas(portfolio, me, other, tmp_path):
    mentee, _ = join_mentor(portfolio, me, other)
    text = "date;title;hours;participatory\n31/03/2026;Webinar;1,5;yes\n01/04/2026;Book;2;no\n"
    import_csv(portfolio.portfolio, mentee, write(tmp_path, "log.csv", text), today=TODAY)
    rows = {r.title: r for r in cpd.activities(portfolio.portfolio)}
    assert rows["Webinar"].activity_date == date(2026, 3, 31)
    assert rows["Webinar"].hours == 1.5 and rows["Webinar"].participatory
    assert not rows["Book"].participatory


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("when,what,hours\n2026-01-01,x,1\n", "row 1: the header has the wrong columns"),
        ("date,title,hours,colour\n2026-01-01,x,1,red\n", "unknown 'colour'"),
        ("date,title\n2026-01-01,x\n", "missing hours"),
        (HEADER + "2026-01-01,Ok,,2,no,,,\n2026-01-02,Bad,,-3,no,,,\n", "row 3: The hours must be"),
        (HEADER + "2026-01-01,Ok,,2,no,,,\n2026-01-02,Huge,,900,no,,,\n", "row 3: 900 hours"),
        (HEADER + "2027-05-01,Later,,2,no,,,\n", "row 2: 01 May 2027 is in the future"),
        (HEADER + "yesterday,Vague,,2,no,,,\n", "row 2: 'yesterday' is not a date"),
        (HEADER + "2026-01-01,Odd,,2,maybe,,,\n", "row 2: 'maybe' in the participatory"),
        (HEADER + "2026-01-01,Skill,,2,no,,99.1,\n", "row 2: There is no skill with the code 99.1"),
        (HEADER + "2026-01-01,Ev,,2,no,,,E4\n", "row 2: There is no evidence item E4"),
        (HEADER + "2026-01-01,Extra,,2,no,,,,surplus\n", "row 2: more cells than columns"),
        ("date,title,hours\n", "no activities below the header"),
        ("", "is empty"),
    ],
)
def test_bad_files_name_the_row_and_add_nothing(portfolio, me, other, tmp_path, text, message):
    mentee, _ = join_mentor(portfolio, me, other)
    with pytest.raises(ValidationError, match=message):
        import_csv(portfolio.portfolio, mentee, write(tmp_path, "log.csv", text), today=TODAY)
    assert CpdActivity.select().count() == 0


def test_every_bad_row_is_named(portfolio, me, other, tmp_path):
    mentee, _ = join_mentor(portfolio, me, other)
    text = HEADER + "".join(f"2026-01-0{d},T{d},,{-d},no,,,\n" for d in range(1, 4))
    with pytest.raises(ValidationError) as caught:
        import_csv(portfolio.portfolio, mentee, write(tmp_path, "log.csv", text), today=TODAY)
    assert all(f"row {n}" in str(caught.value) for n in (2, 3, 4))
    assert "nothing was added" in str(caught.value)


def test_a_workbook_is_not_taken_for_csv(portfolio, me, other, tmp_path):
    mentee, _ = join_mentor(portfolio, me, other)
    path = tmp_path / "log.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(ValidationError, match="spreadsheet workbook"):
        import_csv(portfolio.portfolio, mentee, path, today=TODAY)


def test_a_missing_file_is_a_clear_error(portfolio, me, other, tmp_path):
    mentee, _ = join_mentor(portfolio, me, other)
    with pytest.raises(ValidationError, match="gone.csv cannot be read"):
        import_csv(portfolio.portfolio, mentee, tmp_path / "gone.csv", today=TODAY)
