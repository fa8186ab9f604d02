"""The statement: the autosaved working copy, frozen versions and redlines.

The mentee writes in a working copy that stays on their machine. "Send for
review" freezes it as an immutable, numbered version, the record that travels
to the mentor; every comment is then re-anchored on the new version
(comment_placement.place_comments_on). Only the mentee changes the text; the core
refuses anyone else.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from workbench.errors import ValidationError
from workbench.statement.comment_reading import latest_version_commented_by
from workbench.statement.placement import place_comments_on
from workbench.statement.redline import word_diff
from workbench.statement.versions import get_version, latest_version, versions  # noqa: F401 (drafts.get_version)
from workbench.store import db, limits
from workbench.store.models import EvidenceItem, Person, Portfolio, StatementVersion, WorkingCopy
from workbench.store.portfolios import MENTEE, MENTOR, members, require_role
from workbench.store.rows import plain_rows

LABEL_MAX = limits.LABEL_MAX


@dataclass(frozen=True)
class VersionInfo:
    uuid: str
    number: int
    label: str
    author: str
    author_name: str
    created: datetime
    sha256: str

    @property
    def title(self) -> str:
        return f"Version {self.number}" + (f" \u2014 {self.label}" if self.label else "")


# The working copy -----------------------------------------------------------------------


def working_text(portfolio: Portfolio) -> str:
    """The mentee's current draft; the latest version's text before the first save."""
    copy = WorkingCopy.get_or_none(WorkingCopy.portfolio == portfolio.uuid)
    if copy is not None:
        return copy.text
    latest = latest_version(portfolio)
    return latest.text if latest else ""


def save_working_copy(portfolio: Portfolio, actor: Person, text: str) -> None:
    """Keep the draft as typed (autosave). Only the mentee writes the statement."""
    require_role(portfolio, actor, MENTEE)
    with db.database.atomic():
        WorkingCopy.replace(portfolio=portfolio.uuid, text=text, updated_at=db.utcnow()).execute()


# Versions -------------------------------------------------------------------------------


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_infos(portfolio: Portfolio) -> list[VersionInfo]:
    """Every version, oldest first, as plain rows for lists."""
    names = {p.uuid: p.name for p in Person.select(Person.uuid, Person.name)}
    return [_info(v, names) for v in versions(portfolio)]


def _info(version: StatementVersion, names: dict[str, str] | None = None) -> VersionInfo:
    if names is None:
        author = Person.get_or_none(Person.uuid == version.author)
        names = {author.uuid: author.name} if author else {}
    return VersionInfo(
        uuid=version.uuid,
        number=version.number,
        label=version.label,
        author=version.author,
        author_name=names.get(version.author, "someone"),
        created=version.updated_at,
        sha256=version.sha256,
    )


def version_info(uuid: str) -> VersionInfo:
    """One version as plain data (``NotFound`` once it is gone)."""
    return _info(get_version(uuid))


def latest_version_info(portfolio: Portfolio) -> VersionInfo | None:
    latest = latest_version(portfolio)
    return _info(latest) if latest else None


def version_text(uuid: str) -> str:
    return get_version(uuid).text


def send_for_review(portfolio: Portfolio, actor: Person, label: str = "") -> StatementVersion:
    """Freeze the working copy as the next version and carry comments onto it."""
    return _freeze(portfolio, actor, working_text(portfolio), label)


def send_draft(portfolio: Portfolio, actor: Person, label: str = "") -> VersionInfo:
    """``send_for_review`` as the UI calls it: the new version as plain data."""
    return _info(send_for_review(portfolio, actor, label))


def import_version(
    portfolio: Portfolio, actor: Person, text: str, label: str = ""
) -> StatementVersion:
    """Make ``text`` (e.g. read from a Word file) the working copy and the next version."""
    require_role(portfolio, actor, MENTEE)
    with db.database.atomic():
        save_working_copy(portfolio, actor, text)
        return _freeze(portfolio, actor, text, label)


def _freeze(portfolio: Portfolio, actor: Person, text: str, label: str) -> StatementVersion:
    require_role(portfolio, actor, MENTEE)
    label = " ".join(label.split())[:LABEL_MAX]
    if not text.strip():
        raise ValidationError("The statement is empty; write something before sending it.")
    if len(text) > limits.STATEMENT_MAX:
        raise ValidationError(f"The statement is longer than {limits.STATEMENT_MAX} characters.")
    with db.database.atomic():
        latest = latest_version(portfolio)
        if latest is not None and latest.text == text:
            raise ValidationError(
                f"Nothing has changed since version {latest.number}; "
                "edit the statement before sending it again."
            )
        version = StatementVersion.create(
            author=actor.uuid,
            portfolio=portfolio,
            number=(latest.number + 1) if latest else 1,
            label=label,
            text=text,
            sha256=sha256_of(text),
        )
        place_comments_on(version)
    return version


# Evidence cited in the text --------------------------------------------------------------


def evidence_titles(portfolio: Portfolio) -> dict[int, str]:
    """Evidence number -> title, for checking and showing citations [E12]."""
    query = EvidenceItem.select(EvidenceItem.number, EvidenceItem.title).where(
        EvidenceItem.portfolio == portfolio, ~EvidenceItem.deleted
    )
    return dict(plain_rows(query))  # hundreds of items: plain tuples, not records


def evidence_uuid(portfolio: Portfolio, number: int) -> str | None:
    item = EvidenceItem.get_or_none(
        EvidenceItem.portfolio == portfolio, EvidenceItem.number == number, ~EvidenceItem.deleted
    )
    return item.uuid if item else None


# Redline ----------------------------------------------------------------------------------


def redline(old: StatementVersion | None, new: StatementVersion) -> list[tuple[int, str]]:
    return word_diff(old.text if old else "", new.text)


def last_reviewed_version(portfolio: Portfolio) -> StatementVersion | None:
    """The latest version the mentor commented on (or replied while reading).

    Comments travel with exchange packages, so both people see the same answer;
    a local setting would differ between their machines.
    """

    return latest_version_commented_by(portfolio, mentor_names(portfolio))


def mentor_names(portfolio: Portfolio) -> dict[str, str]:
    """uuid -> name of the portfolio's mentors."""
    return {m.person_id: m.name for m in members(portfolio) if m.role == MENTOR and m.person_id}


def changes_since_review(
    portfolio: Portfolio,
) -> tuple[VersionInfo | None, VersionInfo, list[tuple[int, str]]] | None:
    """(reviewed version or None, latest version, redline) or None without
    versions; the versions as ``VersionInfo``."""
    latest = latest_version(portfolio)
    if latest is None:
        return None
    reviewed = last_reviewed_version(portfolio)
    pieces = redline(reviewed, latest)
    return (_info(reviewed) if reviewed else None), _info(latest), pieces


def redline_between(
    first: str, second: str
) -> tuple[VersionInfo, VersionInfo, list[tuple[int, str]]]:
    """(older ``VersionInfo``, newer ``VersionInfo``, redline) of two versions."""
    old, new = get_version(first), get_version(second)
    if old.number > new.number:
        old, new = new, old
    return _info(old), _info(new), redline(old, new)
