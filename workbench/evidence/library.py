"""The evidence library: items (files, notes, web links), their links to skills
and criteria, importing files, and the integrity of the stored files.

Items are numbered E1, E2, … in the order they were added; a number is never
reused, even after a deletion. Deleting sets the tombstone (undoable); the
blob is collected by ``collect_garbage`` once no live item uses it, which the
app runs when the portfolio closes (the undo history ends there).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from peewee import JOIN, fn

from workbench.errors import ValidationError
from workbench.frameworks.routes import get_route
from workbench.store import db
from workbench.store.lookup import record_of
from workbench.store.models import EvidenceItem, EvidenceLink, Person, Portfolio, Skill
from workbench.store.portfolios import MENTEE, require_role
from workbench.store.rows import plain_rows

EVIDENCE_TYPES = (
    "Document",
    "Report",
    "Email",
    "Presentation",
    "Feedback",
    "Certificate",
    "Image",
    "Spreadsheet",
    "Record of a conversation",
    "Web page",
    "Annotated CV",  # readiness.py looks for these three
    "Annotated job description",
    "Letter of support",
    "Other",
)
TYPE_BY_SUFFIX = {
    ".eml": "Email",
    ".msg": "Email",
    ".ppt": "Presentation",
    ".pptx": "Presentation",
    ".odp": "Presentation",
    ".key": "Presentation",
    ".xls": "Spreadsheet",
    ".xlsx": "Spreadsheet",
    ".ods": "Spreadsheet",
    ".csv": "Spreadsheet",
    ".png": "Image",
    ".jpg": "Image",
    ".jpeg": "Image",
    ".gif": "Image",
    ".webp": "Image",
    ".heic": "Image",
}
EDITABLE = ("title", "evidence_type", "item_date", "description", "reflection", "url")


@dataclass(frozen=True)
class EvidenceRow:
    """One live item with its links, as plain data for views and exports."""

    uuid: str
    number: int
    title: str
    kind: str
    evidence_type: str
    item_date: date | None
    source_name: str
    blob_sha: str | None
    size: int
    url: str
    description: str
    reflection: str
    criteria: tuple[str, ...]
    skills: tuple[str, ...]  # skill codes
    skill_uuids: tuple[str, ...]

    @property
    def label(self) -> str:
        return label(self.number)


def label(number: int) -> str:
    return f"E{number}"


def clean_name(name: str) -> str:
    """A file name as text SQLite can hold, whatever bytes the file system gave."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def guess_type(name: str) -> str:
    return TYPE_BY_SUFFIX.get(Path(name).suffix.lower(), "Document")


# Reading -----------------------------------------------------------------------------


def get_item(item: EvidenceItem | str) -> EvidenceItem:
    """The item's record (given it, or its uuid)."""
    return record_of(EvidenceItem, item, "There is no evidence item {uuid}.")


ROW_COLUMNS = (
    EvidenceItem.uuid,
    EvidenceItem.number,
    EvidenceItem.title,
    EvidenceItem.kind,
    EvidenceItem.evidence_type,
    EvidenceItem.item_date,
    EvidenceItem.source_name,
    EvidenceItem.blob_sha,
    EvidenceItem.size,
    EvidenceItem.url,
    EvidenceItem.description,
    EvidenceItem.reflection,
)


def evidence_items(portfolio: Portfolio) -> list[EvidenceRow]:
    """Every live item in number order with its criteria and skill codes: two queries
    of plain tuples (model objects for hundreds of items and links cost more than the
    queries)."""
    items = (
        EvidenceItem.select(*ROW_COLUMNS)
        .where(EvidenceItem.portfolio == portfolio, ~EvidenceItem.deleted)
        .order_by(EvidenceItem.number)
    )
    links = (
        EvidenceLink.select(EvidenceLink.evidence, EvidenceLink.criterion, Skill.uuid, Skill.code)
        .join(Skill, join_type=JOIN.LEFT_OUTER, on=(EvidenceLink.skill == Skill.uuid))
        .switch(EvidenceLink)
        .join(EvidenceItem)
        .where(EvidenceItem.portfolio == portfolio, ~EvidenceItem.deleted, ~EvidenceLink.deleted)
        .where(EvidenceLink.criterion.is_null(False) | ~Skill.deleted)
    )
    criteria: dict[str, set[str]] = {}
    skills: dict[str, dict[str, str]] = {}
    for item_uuid, criterion, skill_uuid, code in plain_rows(links):
        if criterion:
            criteria.setdefault(item_uuid, set()).add(criterion)
        elif skill_uuid:
            skills.setdefault(item_uuid, {})[skill_uuid] = code
    rows = []
    for values in plain_rows(items):
        uuid = values[0]
        linked = sorted(skills.get(uuid, {}).items(), key=lambda pair: _code_key(pair[1]))
        rows.append(
            EvidenceRow(
                *values,
                criteria=tuple(sorted(criteria.get(uuid, ()))),
                skills=tuple(code for _, code in linked),
                skill_uuids=tuple(skill for skill, _ in linked),
            )
        )
    return rows


def row_of(item: EvidenceItem, criteria: tuple = (), skills: tuple = ()) -> EvidenceRow:
    """An item as plain data; ``skills`` are (uuid, code) pairs in order."""
    return EvidenceRow(
        uuid=item.uuid,
        number=item.number,
        title=item.title,
        kind=item.kind,
        evidence_type=item.evidence_type,
        item_date=item.item_date,
        source_name=item.source_name,
        blob_sha=item.blob_sha,
        size=item.size,
        url=item.url,
        description=item.description,
        reflection=item.reflection,
        criteria=criteria,
        skills=tuple(code for _, code in skills),
        skill_uuids=tuple(uuid for uuid, _ in skills),
    )


def evidence_row(portfolio: Portfolio, uuid: str) -> EvidenceRow | None:
    return next((row for row in evidence_items(portfolio) if row.uuid == uuid), None)


@lru_cache(maxsize=4096)  # a framework has a few hundred codes; a list sorts them often
def _code_key(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in code.replace("u", "").split("."))


# Adding ------------------------------------------------------------------------------


def next_number(portfolio: Portfolio) -> int:
    """One past the highest number ever given, deleted items included."""
    highest = (
        EvidenceItem.select(fn.MAX(EvidenceItem.number))
        .where(EvidenceItem.portfolio == portfolio)
        .scalar()
    )
    return (highest or 0) + 1


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError("Give the evidence a title.")
    return title


def add_note(
    portfolio: Portfolio,
    actor: Person,
    title: str,
    *,
    description: str = "",
    evidence_type: str = "Record of a conversation",
    item_date: date | None = None,
) -> EvidenceRow:
    """Evidence without a file, e.g. a record of a conversation."""
    require_role(portfolio, actor, MENTEE)
    title = _clean_title(title)
    with db.database.atomic():
        item = EvidenceItem.create(
            author=actor.uuid,
            portfolio=portfolio,
            number=next_number(portfolio),
            title=title,
            kind="note",
            evidence_type=evidence_type,
            item_date=item_date or date.today(),
            description=description,
        )
    return row_of(item)


def check_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(f"'{url}' is not a web address (it should start with https://).")
    return url


def add_web_link(
    portfolio: Portfolio,
    actor: Person,
    url: str,
    title: str = "",
    *,
    item_date: date | None = None,
    description: str = "",
) -> EvidenceRow:
    require_role(portfolio, actor, MENTEE)
    url = check_url(url)
    title = _clean_title(title or urlparse(url).netloc)
    with db.database.atomic():
        item = EvidenceItem.create(
            author=actor.uuid,
            portfolio=portfolio,
            number=next_number(portfolio),
            title=title,
            kind="link",
            evidence_type="Web page",
            item_date=item_date or date.today(),
            url=url,
            description=description,
        )
    return row_of(item)


# Changing ----------------------------------------------------------------------------


def _require_author(item: EvidenceItem, actor: Person) -> None:
    require_role(item.portfolio, actor, MENTEE)
    if item.author != actor.uuid:
        raise ValidationError(
            f"{label(item.number)} was added by someone else; only they may change it."
        )


def update_item(item: EvidenceItem | str, actor: Person, **changes) -> dict:
    """Change some of the item's fields; return their previous values (for undo)."""
    item = get_item(item)
    _require_author(item, actor)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    if "title" in changes:
        changes["title"] = _clean_title(changes["title"])
    if changes.get("url") and item.kind == "link":
        changes["url"] = check_url(changes["url"])
    previous = {name: getattr(item, name) for name in changes}
    if previous == changes:
        return previous
    with db.database.atomic():
        for name, value in changes.items():
            setattr(item, name, value)
        item.touch()
        item.save()
    return previous


def set_deleted(items: Iterable[EvidenceItem | str], actor: Person, deleted: bool) -> None:
    """Delete (tombstone) or restore items; the blobs stay until collected."""
    items = [get_item(item) for item in items]
    for item in items:
        _require_author(item, actor)
    with db.database.atomic():
        for item in items:
            if item.deleted != deleted:
                item.deleted = deleted
                item.touch()
                item.save()


def links_of(item: EvidenceItem | str) -> tuple[set[str], set[str]]:
    """(criterion codes, skill uuids) the item is linked to."""
    criteria, skills = set(), set()
    for link in EvidenceLink.select().where(EvidenceLink.evidence == item, ~EvidenceLink.deleted):
        if link.criterion:
            criteria.add(link.criterion)
        elif link.skill_id:
            skills.add(link.skill_id)
    return criteria, skills


def set_links(
    item: EvidenceItem | str, actor: Person, *, criteria: Iterable[str], skills: Iterable[str]
) -> tuple[set[str], set[str]]:
    """Link the item to exactly these criteria and skill uuids; return the previous sets."""
    item = get_item(item)
    _require_author(item, actor)
    criteria, skills = set(criteria), set(skills)
    route = get_route(item.portfolio.route)
    for code in criteria:
        route.criterion(code)  # raises for a criterion the route does not have
    previous = links_of(item)
    with db.database.atomic():
        existing = list(EvidenceLink.select().where(EvidenceLink.evidence == item))
        for link in existing:
            wanted = link.criterion in criteria if link.criterion else link.skill_id in skills
            if link.deleted == wanted:  # revive a tombstone or tombstone a removed link
                link.deleted = not wanted
                link.touch()
                link.save()
        have = {(link.criterion, link.skill_id) for link in existing}
        for code in criteria - {c for c, _ in have if c}:
            EvidenceLink.create(author=actor.uuid, evidence=item, criterion=code)
        for uuid in skills - {s for _, s in have if s}:
            EvidenceLink.create(author=actor.uuid, evidence=item, skill=uuid)
    return previous


def toggle_link(
    item: EvidenceItem | str,
    actor: Person,
    *,
    criterion: str | None = None,
    skill: str | None = None,
) -> None:
    criteria, skills = links_of(item)
    target = criteria if criterion else skills
    key = criterion or skill
    target.symmetric_difference_update({key})
    set_links(item, actor, criteria=criteria, skills=skills)
