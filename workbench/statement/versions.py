"""The frozen versions of the statement: listing them and finding one."""

from __future__ import annotations

from workbench.errors import NotFound
from workbench.store.models import Portfolio, StatementVersion


def versions(portfolio: Portfolio) -> list[StatementVersion]:
    return list(
        StatementVersion.select()
        .where(StatementVersion.portfolio == portfolio, ~StatementVersion.deleted)
        .order_by(StatementVersion.number)
    )


def latest_version(portfolio: Portfolio) -> StatementVersion | None:
    return (
        StatementVersion.select()
        .where(StatementVersion.portfolio == portfolio, ~StatementVersion.deleted)
        .order_by(StatementVersion.number.desc())
        .first()
    )


def get_version(version: StatementVersion | str) -> StatementVersion:
    """The version's record (given it, or its uuid)."""
    if isinstance(version, StatementVersion):
        return version
    uuid = version
    version = StatementVersion.get_or_none(StatementVersion.uuid == uuid)
    if version is None or version.deleted:
        raise NotFound("That version of the statement no longer exists.")
    return version
