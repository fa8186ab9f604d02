"""The portfolios this user takes part in, and the mentor's home summary of each.

A small list in the user's data folder remembers where each portfolio lives
(portfolio uuid -> folder). The home reads each portfolio's database read-only
with plain sqlite3, so it never disturbs the one opened in the window.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from workbench.exchange.apply import ARRIVED_KEY
from workbench.statement.open_comments import count_open_comments
from workbench.store.db import DB_NAME, write_atomically
from workbench.store.user_data import data_dir, default_portfolios_dir

KNOWN_FILE = "portfolios.json"


def _known_path() -> Path:
    return data_dir() / KNOWN_FILE


def _load_known() -> dict[str, str]:
    try:
        data = json.loads(_known_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def remember_portfolio(portfolio_uuid: str, root: Path | str) -> None:
    known = _load_known()
    known[portfolio_uuid] = str(Path(root).resolve())
    write_atomically(_known_path(), json.dumps(known, indent=2, sort_keys=True).encode())


def _portfolio_uuid(root: Path) -> str | None:
    try:
        with closing(_read_only(root / DB_NAME)) as conn:
            row = conn.execute("SELECT uuid FROM portfolio WHERE deleted = 0 LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise sqlite3.OperationalError(f"{path} does not exist")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)


def known_portfolios() -> dict[str, Path]:
    """Portfolio uuid -> folder: the remembered ones and those in the default folder."""
    found = {k: Path(v) for k, v in _load_known().items() if (Path(v) / DB_NAME).is_file()}
    base = default_portfolios_dir()
    if base.is_dir():
        for child in sorted(base.iterdir()):
            uuid = _portfolio_uuid(child) if (child / DB_NAME).is_file() else None
            if uuid and uuid not in found:
                found[uuid] = child
    return found


def find_portfolio(portfolio_uuid: str) -> Path | None:
    return known_portfolios().get(portfolio_uuid)


def new_copy_folder(manifest: dict) -> Path:
    """A fresh folder for the copy of someone's portfolio, named after it."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", manifest.get("portfolio_title", "")).strip("-")[:40]
    base = default_portfolios_dir()
    base.mkdir(parents=True, exist_ok=True)
    name = f"{slug or 'portfolio'}-{manifest['portfolio'][:8]}"
    return base / name


@dataclass(frozen=True)
class MenteeSummary:
    """One line of the mentor's home."""

    root: Path
    title: str
    mentee: str
    route: str
    news: dict
    open_comments: int
    target_date: date | None
    days_left: int | None
    latest_version: int | None
    last_arrival: datetime | None = None  # UTC: when the mentee's last package brought anything

    @property
    def news_count(self) -> int:
        return sum(self.news.values())


def summarise(root: Path, me: str, today: date | None = None) -> MenteeSummary | None:
    """What the mentor needs at a glance, read without opening the portfolio."""
    today = today or date.today()
    try:
        with closing(_read_only(root / DB_NAME)) as conn:
            return _summary(conn, root, me, today)
    except sqlite3.Error:
        return None


def _summary(conn: sqlite3.Connection, root: Path, me: str, today: date) -> MenteeSummary | None:
    row = conn.execute(
        "SELECT p.uuid, p.title, p.route, p.target_date, pe.name, pe.uuid FROM portfolio p "
        "JOIN person pe ON pe.uuid = p.candidate_id WHERE p.deleted = 0 LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    uuid, title, route, target, mentee, mentee_uuid = row
    news_row = conn.execute("SELECT value FROM setting WHERE key = 'exchange.news'").fetchone()
    try:
        news = json.loads(news_row[0]) if news_row else {}
    except ValueError:
        news = {}
    target_date = date.fromisoformat(str(target)[:10]) if target else None
    version = conn.execute(
        "SELECT MAX(number) FROM statement_version WHERE deleted = 0"
    ).fetchone()[0]
    return MenteeSummary(
        root=root,
        title=title,
        mentee=mentee,
        route=route,
        news={k: v for k, v in news.items() if isinstance(v, int)},
        open_comments=count_open_comments(conn.execute, uuid),
        target_date=target_date,
        days_left=(target_date - today).days if target_date else None,
        latest_version=version,
        last_arrival=_arrival(conn, mentee_uuid),
    )


def _arrival(conn: sqlite3.Connection, sender: str) -> datetime | None:
    row = conn.execute(
        "SELECT value FROM setting WHERE key = ?", (ARRIVED_KEY + sender,)
    ).fetchone()
    try:
        return datetime.fromisoformat(row[0]) if row else None
    except (TypeError, ValueError):
        return None


def mentor_home(me: str, today: date | None = None) -> list[MenteeSummary]:
    """The portfolios where ``me`` is the mentor, soonest target date first."""
    rows = []
    for root in known_portfolios().values():
        if _role_in(root, me) != "mentor":
            continue
        summary = summarise(root, me, today)
        if summary:
            rows.append(summary)
    far = 10**6
    return sorted(rows, key=lambda s: (s.days_left if s.days_left is not None else far, s.title))


def _role_in(root: Path, me: str) -> str | None:
    try:
        with closing(_read_only(root / DB_NAME)) as conn:
            row = conn.execute(
                "SELECT role FROM membership WHERE person_id = ? AND deleted = 0", (me,)
            ).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None
