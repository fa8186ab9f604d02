"""Importing and exporting the CPD log as CSV: encodings, bad rows, all or nothing."""

from __future__ import annotations

import codecs
import csv
from datetime import date

import pytest
from peewee import SQL

from tests.workbench.journey.helpers import join_mentor
from workbench.errors import ValidationError
from workbench.journey import cpd
from workbench.journey.cpd_csv import export_csv, import_csv
from workbench.store import db
from workbench.store.models import CpdActivity, CpdLink

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
        (HEADER + "2027-05-01,Later,,2,no,,,\n", "row 2: 1 May 2027 is in the future"),
        (HEADER + "yesterday,Vague,,2,no,,,\n", "row 2: 'yesterday' is not a date"),
        (HEADER + "2026-01-01,Odd,,2,maybe,,,\n", "row 2: 'maybe' in the participatory"),
        (HEADER + "2026-01-01,Skill,,2,no,,99.1,\n", "row 2: There is no skill with the code 99.1"),
        (HEADER + "2026-01-01,Ev,,2,no,,,E4\n", "row 2: There is no evidence item E4"),
        (HEADER + "2026-01-01,Ev,,2,no,,,E²\n", "row 2: There is no evidence item E²"),
        (HEADER + "2026-01-01,Extra,,2,no,,,,surplus\n", "row 2: more cells than columns"),
        (HEADER + "2026-01-01,Ok,,2,no,,,\n\n\n2026-01-02,Bad,,-3,no,,,\n", "row 5: The hours"),
        ("date,title,hours\n", "no activities below the header"),
        ("", "is empty"),
    ],
)
def test_bad_files_name_the_row_and_add_nothing(portfolio, me, other, tmp_path, text, message):
    mentee, _ = join_mentor(portfolio, me, other)
    with pytest.raises(ValidationError, match=message):
        import_csv(portfolio.portfolio, mentee, write(tmp_path, "log.csv", text), today=TODAY)
    assert CpdActivity.select().count() == 0


def test_a_cell_past_the_csv_modules_limit_is_a_clear_error(portfolio, me, other, tmp_path):
    mentee, _ = join_mentor(portfolio, me, other)
    long_reflection = "What I learnt. " * 20_000  # 300,000 characters in one cell
    path = write(tmp_path, "long.csv", HEADER + f"2026-01-01,Long,,2,no,{long_reflection},,\n")
    with pytest.raises(ValidationError, match="long.csv could not be read: a cell is longer"):
        import_csv(portfolio.portfolio, mentee, path, today=TODAY)
    assert not CpdActivity.select().exists()


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


def stored(model) -> list[tuple]:
    """Every column of every row in the order stored, with the type SQLite keeps it as."""
    columns = [f.column_name for f in model._meta.sorted_fields]
    picked = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
    sql = f'SELECT {picked} FROM "{model._meta.table_name}" ORDER BY rowid'
    return db.database.execute_sql(sql).fetchall()


MIXED = HEADER + (
    "2026-01-04,  Café   visit ,Event,2,yes,  Notes. ,10.1; 4.0,E1\r\n"
    '31/03/2026,Webinar,,"1,5",no,,,E2|E1\r\n'
    "01.02.2025,Book,READING,3 hours,,,15.0,\r\n"
    '2025-07-09,Talk,event,0.5h,x,"Two\nlines",,\r\n'
)


def test_imported_rows_are_stored_as_the_models_store_them(portfolio, me, other, tmp_path):
    from workbench.evidence.library import add_note

    mentee, _ = join_mentor(portfolio, me, other)
    add_note(portfolio.portfolio, mentee, "Certificate")
    add_note(portfolio.portfolio, mentee, "Slides")
    result = import_csv(portfolio.portfolio, mentee, write(tmp_path, "log.csv", MIXED), TODAY)
    assert result.added == 4
    fast = (stored(CpdActivity), stored(CpdLink))
    shown = cpd.activities(portfolio.portfolio)
    activities = list(CpdActivity.select().order_by(SQL("rowid")))
    links = list(CpdLink.select().order_by(SQL("rowid")))

    # The same records written one by one through the models, with the same uuids and times.
    CpdLink.delete().execute()
    CpdActivity.delete().execute()
    wanted = set()
    for activity, values in zip(activities, result.rows, strict=True):
        fields = {k: v for k, v in values.items() if k not in ("skills", "evidence")}
        CpdActivity.create(
            uuid=activity.uuid,
            author=mentee.uuid,
            portfolio=portfolio.portfolio,
            updated_at=activity.updated_at,
            **fields,
        )
        wanted |= {(activity.uuid, "skill", target) for target in values["skills"]}
        wanted |= {(activity.uuid, "evidence", target) for target in values["evidence"]}
    for link in links:  # in the order stored, each one of the checked values' links
        kind, target = ("skill", link.skill_id) if link.skill_id else ("evidence", link.evidence_id)
        wanted.remove((link.activity_id, kind, target))
        CpdLink.create(
            uuid=link.uuid,
            author=mentee.uuid,
            activity=link.activity_id,
            updated_at=link.updated_at,
            **{kind: target},
        )
    assert not wanted
    assert (stored(CpdActivity), stored(CpdLink)) == fast
    assert cpd.activities(portfolio.portfolio) == shown
    rows = {r.title: r for r in shown}
    assert rows["Café visit"].skills == ("10.1", "4.0") and rows["Café visit"].evidence == (1,)
    assert rows["Café visit"].reflection == "Notes." and rows["Café visit"].participatory
    assert rows["Webinar"].hours == 1.5 and rows["Webinar"].evidence == (1, 2)
    assert (
        rows["Book"].activity_date == date(2025, 2, 1) and rows["Book"].activity_type == "reading"
    )
    assert rows["Talk"].reflection == "Two\nlines" and rows["Talk"].hours == 0.5


def test_the_same_as_logging_each_activity_by_hand(portfolio, me, other, tmp_path):
    mentee, _ = join_mentor(portfolio, me, other)
    text = (
        HEADER + "2026-01-04,Visit,Event,2,yes,Notes,10.1; 4.0,\r\n31/03/2026,Webinar,,1,no,,,\r\n"
    )
    import_csv(portfolio.portfolio, mentee, write(tmp_path, "log.csv", text), TODAY)
    imported = [r.__dict__ | {"uuid": None} for r in cpd.activities(portfolio.portfolio)]
    CpdLink.delete().execute()
    CpdActivity.delete().execute()
    for day, title, kind, hours, joined, note, skills in (
        (date(2026, 1, 4), "Visit", "Event", 2, True, "Notes", ["10.1", "4.0"]),
        (date(2026, 3, 31), "Webinar", "", 1, False, "", []),
    ):
        cpd.add_activity(
            portfolio.portfolio,
            mentee,
            activity_date=day,
            title=title,
            hours=hours,
            activity_type=kind,
            participatory=joined,
            reflection=note,
            skills=skills,
            today=TODAY,
        )
    assert [r.__dict__ | {"uuid": None} for r in cpd.activities(portfolio.portfolio)] == imported


def test_a_bad_row_among_many_writes_nothing(portfolio, me, other, tmp_path):
    mentee, _ = join_mentor(portfolio, me, other)
    good = [f"2026-01-{d % 28 + 1:02d},Activity {d},,1,no,,10.1,\r\n" for d in range(60)]
    good[30] = "2026-01-05,Bad skill,,1,no,,99.9,\r\n"
    with pytest.raises(ValidationError, match="row 32: There is no skill with the code 99.9"):
        import_csv(portfolio.portfolio, mentee, write(tmp_path, "log.csv", HEADER + "".join(good)))
    assert CpdActivity.select().count() == 0 and CpdLink.select().count() == 0


def test_a_fault_repeated_in_many_rows_names_each(portfolio, me, other, tmp_path):
    mentee, _ = join_mentor(portfolio, me, other)
    text = HEADER + "".join(
        f"2026-01-0{d},T{d},,{'lots' if d % 2 else '1'},no,,{'' if d % 2 else '99.1'},\r\n"
        for d in range(1, 6)
    )
    with pytest.raises(ValidationError) as caught:
        import_csv(portfolio.portfolio, mentee, write(tmp_path, "log.csv", text), today=TODAY)
    message = str(caught.value)
    for line in (2, 4, 6):
        assert f"row {line}: The hours must be a number, not 'lots'" in message
    for line in (3, 5):
        assert f"row {line}: There is no skill with the code 99.1" in message


def test_duplicates_in_the_file_and_in_the_log_are_skipped(portfolio, me, other, tmp_path):
    mentee, _ = join_mentor(portfolio, me, other)
    cpd.add_activity(
        portfolio.portfolio, mentee, activity_date=date(2026, 1, 4), title="Visit", hours=2
    )
    text = (
        "title,date,hours\r\nvisit,2026-01-04,2\r\nTalk,2026-01-05,1\r\n"
        "  TALK ,05/01/2026,1.0\r\nTalk,2026-01-05,1.5\r\n\r\n,,\r\nShort,2026-01-06\r\n"
    )
    with pytest.raises(ValidationError, match="row 8: The hours must be a number, not ''"):
        import_csv(portfolio.portfolio, mentee, write(tmp_path, "log.csv", text), today=TODAY)
    result = import_csv(
        portfolio.portfolio, mentee, write(tmp_path, "log.csv", text.rsplit("Short", 1)[0]), TODAY
    )
    assert (result.added, result.skipped) == (2, 2)
    assert sorted((r.title, r.hours) for r in cpd.activities(portfolio.portfolio)) == [
        ("Talk", 1.0),
        ("Talk", 1.5),
        ("Visit", 2.0),
    ]


def statements_of_import(portfolio, mentee, path) -> tuple[list[str], int]:
    """(every statement but the INSERTs, the INSERTs: executemany runs one per row)."""
    seen, inserts = [], []
    connection = db.database.connection()
    connection.set_trace_callback(
        lambda sql: (inserts if sql.lstrip().upper().startswith("INSERT") else seen).append(sql)
    )
    try:
        import_csv(portfolio.portfolio, mentee, path, TODAY)
    finally:
        connection.set_trace_callback(None)
    return seen, len(inserts)


def test_an_import_asks_the_same_statements_whatever_its_length(portfolio, me, other, tmp_path):
    from workbench.evidence.library import add_note

    mentee, _ = join_mentor(portfolio, me, other)
    add_note(portfolio.portfolio, mentee, "Certificate")
    counts = {}
    for rows in (3, 300):
        lines = [
            f"2026-0{1 + n % 9}-1{n % 10},Log {rows}/{n},course,1,yes,,10.1,E1\r\n"
            for n in range(rows)
        ]
        path = write(tmp_path, f"log-{rows}.csv", HEADER + "".join(lines))
        counts[rows] = statements_of_import(portfolio, mentee, path)
    (few, few_inserts), (many, many_inserts) = counts[3], counts[300]
    assert len(many) == len(few)  # no query per row or per link
    assert (few_inserts, many_inserts) == (3 * 3, 300 * 3)  # each activity and its two links
    assert CpdActivity.select().count() == 303 and CpdLink.select().count() == 606
