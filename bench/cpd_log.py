"""Time importing a long CPD log from CSV and computing its totals and the checklist.

    python bench/cpd_log.py [--rows 5000] [--repeat 1]

A member who logs for years has thousands of activities. In the same run this
measures: importing ``--rows`` rows from a CSV file (all checked before any is
written, one transaction), the 12-month summary and the readiness checklist;
and the floor beside each: reading the same CSV with the csv module and
inserting every cell of its rows with sqlite3 ``executemany`` into a bare table
(in a file opened with the portfolio's journal and durability pragmas, in one
committed transaction), and a ``SUM`` over that table. For comparison it also
stores the imported rows again, with ``executemany`` into the portfolio's own
tables and indexes: what SQLite alone needs for them, without any check. The
import's time is split into reading and checking the rows (``parse_csv``, timed
again on the same file) and storing them (the rest). With ``--repeat N`` each
figure is the best of N runs, every run measuring the import and its floor side
by side: on a busy machine one run's ratio can be off by 2x either way.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import record  # noqa: E402
from workbench.frameworks.library import builtin_framework, install_framework  # noqa: E402
from workbench.journey.cpd import summary  # noqa: E402
from workbench.journey.cpd_csv import decode_csv, import_csv, parse_csv  # noqa: E402
from workbench.journey.readiness import readiness  # noqa: E402
from workbench.store.db import DB_NAME  # noqa: E402
from workbench.store.identity import Identity  # noqa: E402
from workbench.store.models import new_uuid  # noqa: E402
from workbench.store.portfolios import create_portfolio, ensure_person  # noqa: E402

TYPES = ("course", "reading", "event", "webinar", "work project")


def write_csv(path: Path, rows: int) -> None:
    today = date.today()
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(("date", "title", "type", "hours", "participatory", "reflection", "skills"))
    random.seed(7)
    for n in range(rows):
        day = today - timedelta(days=random.randint(0, 3650))
        writer.writerow(
            (
                day.isoformat(),
                f"Activity {n}: reading group on service design",
                random.choice(TYPES),
                random.choice(("0.5", "1", "1.5", "2", "3", "6")),
                random.choice(("yes", "no")),
                "What I learnt, so what, now what. " * 3,
                random.choice(("10.1", "4.0", "15.0; 2.0", "")),
            )
        )
    path.write_text(out.getvalue(), encoding="utf-8")


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


FLOOR_PRAGMAS = ("journal_mode=wal", "synchronous=normal")  # as the portfolio is opened


def floor_import(csv_path: Path, db_path: Path) -> tuple[float, float]:
    """csv module + sqlite3 executemany of every cell of every row, one transaction
    committed, then a SUM over the last 12 months.

    The file is opened with the portfolio's pragmas and its table made before
    the clock starts, as the import finds its portfolio open: what is timed is
    reading the same CSV and storing its rows with the same durability (with
    SQLite's default ``synchronous=full`` the floor alone would wait for the disk
    at its commit, on a busy machine the slowest and most variable part of it).
    """
    conn = sqlite3.connect(db_path)
    for pragma in FLOOR_PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    columns = "d TEXT, title TEXT, type TEXT, hours REAL, participatory TEXT, r TEXT, skills TEXT"
    conn.execute(f"CREATE TABLE cpd ({columns})")

    def load():
        with open(csv_path, encoding="utf-8", newline="") as handle:
            rows = [
                (
                    r["date"],
                    r["title"],
                    r["type"],
                    float(r["hours"]),
                    r["participatory"],
                    r["reflection"],
                    r["skills"],
                )
                for r in csv.DictReader(handle)
            ]
        with conn:
            conn.executemany("INSERT INTO cpd VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    seconds, _ = timed(load)
    start = (date.today() - timedelta(days=364)).isoformat()
    total, _ = timed(lambda: conn.execute("SELECT SUM(hours) FROM cpd WHERE d >= ?", (start,)))
    conn.close()
    return seconds, total


def schema_floor(portfolio_db: Path, rows: list, links: list, work: Path) -> float:
    """sqlite3 executemany of the rows the import stored, into the same tables and
    indexes (copied from the portfolio's schema): what SQLite alone needs for them."""
    source = sqlite3.connect(portfolio_db)
    ddl = [
        sql
        for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name IN ('cpd_activity', 'cpd_link') "
            "AND sql IS NOT NULL ORDER BY type DESC"  # tables before their indexes
        )
    ]
    source.close()
    conn = sqlite3.connect(work / "schema-floor.sqlite3")
    for pragma in FLOOR_PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    for sql in ddl:
        conn.execute(sql)

    def load():
        with conn:
            for table, values in (("cpd_activity", rows), ("cpd_link", links)):
                marks = ", ".join("?" for _ in values[0])
                conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', values)

    seconds, _ = timed(load)
    conn.close()
    return seconds


def stored_rows(portfolio_db: Path) -> tuple[list, list]:
    conn = sqlite3.connect(portfolio_db)
    rows = conn.execute("SELECT * FROM cpd_activity").fetchall()
    links = conn.execute("SELECT * FROM cpd_link").fetchall()
    conn.close()
    return rows, links


def one_run(rows: int) -> dict:
    """Every figure of one run, in seconds."""
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        csv_path = work / "log.csv"
        write_csv(csv_path, rows)
        floor_load, floor_sum = floor_import(csv_path, work / "floor.sqlite3")
        member = Identity(uuid=new_uuid(), name="Bench Member")
        with create_portfolio(work / "p", member, route="revalidation") as opened:
            me = ensure_person(member)
            opened.portfolio.framework = install_framework(builtin_framework(), me)
            opened.portfolio.save()
            load, result = timed(lambda: import_csv(opened.portfolio, me, csv_path))
            checks, _ = timed(
                lambda: parse_csv(
                    decode_csv(csv_path.read_bytes(), csv_path.name),
                    csv_path.name,
                    opened.portfolio,
                )
            )
            totals, facts = timed(lambda: summary(opened.portfolio))
            checklist, _ = timed(lambda: readiness(opened.portfolio))
        stored = work / "p" / DB_NAME
        schema = schema_floor(stored, *stored_rows(stored), work)
    return {
        "load": load,
        "floor_load": floor_load,
        "checks": checks,
        "schema": schema,
        "totals": totals,
        "floor_sum": floor_sum,
        "checklist": checklist,
        "added": result.added,
        "hours": facts.hours,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    args = parser.parse_args()
    runs = [one_run(args.rows) for _ in range(max(1, args.repeat))]
    best = {key: min(run[key] for run in runs) for key in runs[0]}
    load, floor_load, schema = best["load"], best["floor_load"], best["schema"]
    checks, totals, floor_sum, checklist = (
        best["checks"],
        best["totals"],
        best["floor_sum"],
        best["checklist"],
    )
    ms = 1000
    met = load <= 3 * floor_load
    runs_note = f", best of {len(runs)} runs" if len(runs) > 1 else ""
    print(f"CPD log of {args.rows} rows ({runs[0]['added']} added{runs_note}):")
    print(
        f"  import CSV      {load * ms:8.0f} ms   floor (csv+sqlite3) {floor_load * ms:6.0f} ms"
        f"   {load / floor_load:.2f}x; target at most 3x: {'met' if met else 'NOT MET'}"
    )
    if len(runs) > 1:
        ratios = ", ".join(f"{run['load'] / run['floor_load']:.2f}x" for run in runs)
        print(f"    each run's own ratio: {ratios}")
    print(
        f"    reading and checking the rows {checks * ms:6.0f} ms ({checks / floor_load:.2f}x); "
        f"storing them the rest, about {(load - checks) * ms:.0f} ms"
    )
    print(
        f"  SQLite alone    {schema * ms:8.0f} ms   (the stored rows into the same tables and "
        f"indexes: {schema / floor_load:.2f}x the floor)"
    )
    print(f"  12-month total  {totals * ms:8.1f} ms   floor (SQL SUM)  {floor_sum * ms:6.1f} ms")
    print(f"  readiness       {checklist * ms:8.1f} ms   ({best['hours']:g} hours in the window)")
    record(
        f"import a CPD log of {args.rows} rows",
        load,
        "s",
        floor="csv module + sqlite3 executemany",
        floor_value=floor_load,
        target="at most 3x the floor",
        met=met,
    )
    record(
        "  the same rows into the same tables and indexes (SQLite alone)",
        schema,
        "s",
        floor="csv module + sqlite3 executemany",
        floor_value=floor_load,
        target="for comparison",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
