"""The private journal: dated reflective notes that stay on the mentee's computer.

For what one does not want to share yet (a difficult colleague, a mistake).
Entries are ``JournalEntry`` rows, a ``LocalModel``: no package, sync file or
export ever carries them, because only shared records travel
(``workbench.exchange.pack`` packs ``shared_models()``). A passage leaves the
journal only when the mentee quotes it into the statement themselves
(``quote_passage``). Only the mentee keeps a journal; a mentor's copy has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workbench.errors import NotFound, WorkbenchError
from workbench.store import limits
from workbench.store.db import database, utcnow
from workbench.store.models import JournalEntry, Person, Portfolio
from workbench.store.roles import MENTEE, require_role

PRIVATE_NOTE = "Private — never shared"


@dataclass(frozen=True)
class JournalRow:
    uuid: str
    entry_date: date
    text: str
    updated_at: datetime

    @property
    def first_line(self) -> str:
        line = next((part.strip() for part in self.text.splitlines() if part.strip()), "")
        return line or "(empty)"


def _row(entry: JournalEntry) -> JournalRow:
    return JournalRow(entry.uuid, entry.entry_date, entry.text, entry.updated_at)


def entries(portfolio: Portfolio, reader: Person) -> list[JournalRow]:
    """The journal's entries, newest date first; only the mentee reads them."""
    require_role(portfolio, reader, MENTEE)
    query = (
        JournalEntry.select()
        .where(JournalEntry.portfolio == portfolio.uuid, ~JournalEntry.deleted)
        .order_by(JournalEntry.entry_date.desc(), JournalEntry.updated_at.desc())
    )
    return [_row(entry) for entry in query]


def _entry(portfolio: Portfolio, uuid: str) -> JournalEntry:
    entry = JournalEntry.get_or_none(
        JournalEntry.uuid == uuid, JournalEntry.portfolio == portfolio.uuid
    )
    if entry is None:
        raise NotFound("That journal entry is no longer in this portfolio.")
    return entry


def _check_text(text: str) -> str:
    if len(text) > limits.LONG_TEXT_MAX:
        raise WorkbenchError(
            f"A journal entry holds up to {limits.LONG_TEXT_MAX:,} characters; "
            f"this one has {len(text):,}. Split it into two entries."
        )
    return text


def add_entry(portfolio: Portfolio, actor: Person, entry_date: date, text: str = "") -> JournalRow:
    """A new entry dated ``entry_date``."""
    require_role(portfolio, actor, MENTEE)
    with database.atomic():
        entry = JournalEntry.create(
            portfolio=portfolio.uuid, entry_date=entry_date, text=_check_text(text)
        )
    return _row(entry)


def update_entry(
    portfolio: Portfolio,
    actor: Person,
    uuid: str,
    *,
    text: str | None = None,
    entry_date: date | None = None,
) -> JournalRow:
    """Change an entry's text or date."""
    require_role(portfolio, actor, MENTEE)
    with database.atomic():
        entry = _entry(portfolio, uuid)
        if text is not None:
            entry.text = _check_text(text)
        if entry_date is not None:
            entry.entry_date = entry_date
        entry.updated_at = utcnow()
        entry.save()
    return _row(entry)


def set_deleted(portfolio: Portfolio, actor: Person, uuid: str, deleted: bool) -> None:
    """Delete an entry, or bring it back (undo)."""
    require_role(portfolio, actor, MENTEE)
    with database.atomic():
        entry = _entry(portfolio, uuid)
        entry.deleted = deleted
        entry.save()


def quote_passage(text: str) -> str:
    """A passage chosen from the journal, as it goes into the statement: its lines
    joined into one paragraph (the statement's blocks are lines)."""
    passage = " ".join(text.split())
    if not passage:
        raise WorkbenchError("Select the words of the entry to quote into your statement.")
    return passage
