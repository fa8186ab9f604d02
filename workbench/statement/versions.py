"""The frozen versions of the statement: listing them and finding one."""

from __future__ import annotations

from workbench.store.lookup import record_of
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
    message = "That version of the statement no longer exists."
    return record_of(StatementVersion, version, message, live=True)
