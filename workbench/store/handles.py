"""The portfolio and the acting person as the UI holds them.

One design for every service the UI (and the CLI) calls:

- The open ``Portfolio`` and the acting ``Person`` are *handles*. The UI keeps
  them (``Session.portfolio``, ``Session.actor``) only to pass them back to
  services; it never reads a field of them. What it shows of them is plain
  data: ``PortfolioInfo`` (``portfolio_info``) and ``Member`` (``people``,
  ``member_of``), defined here.
- Every other record reaches the UI as a frozen dataclass or named tuple
  defined next to its service (``EvidenceRow``, ``SnapshotInfo``,
  ``VersionInfo``, ``ActivityRow``, ``MeetingRow``…), as its uuid, or not at
  all: a service that makes a record returns its uuid (or its row, where the
  caller shows it); one that changes a record returns nothing.
- A service that takes a record takes the record or its uuid (``get_item``,
  ``get_snapshot``, ``get_version``, ``get_meeting``… resolve either). The UI
  passes uuids; the core and the CLI may pass the records they hold.
- Where the core itself needs a record from a reader (``latest_version``,
  ``snapshots``, ``send_for_review``), the UI calls its plain counterpart
  (``latest_version_info``, ``listing.snapshot_list``, ``send_draft``).

``tests/ui/plain_data.py`` holds the UI to it: every GUI test fails when a core
function hands a ``ui`` module a record other than a handle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workbench.store.models import Person, Portfolio
from workbench.store.portfolios import members
from workbench.store.roles import role_of


@dataclass(frozen=True)
class PortfolioInfo:
    """What is shown of a portfolio."""

    uuid: str
    title: str
    route: str  # the route's code (``frameworks.routes.get_route``)
    candidate: str  # the mentee's person uuid
    start_date: date
    target_date: date | None
    has_framework: bool


@dataclass(frozen=True)
class Member:
    """A place in a portfolio: the person holding it (``uuid`` None for a mentor
    named but not yet joined), the name shown and the role."""

    uuid: str | None
    name: str
    role: str | None  # None only for someone acting who holds no place here
    public_key: str | None = None  # the key the person last wrote with, where known


def portfolio_info(portfolio: Portfolio) -> PortfolioInfo:
    return PortfolioInfo(
        portfolio.uuid,
        portfolio.title,
        portfolio.route,
        portfolio.candidate_id,
        portfolio.start_date,
        portfolio.target_date,
        portfolio.framework_id is not None,
    )


def people(portfolio: Portfolio) -> list[Member]:
    """Every place in the portfolio as it names it, the mentee first."""
    return [Member(m.person_id, m.name, m.role) for m in members(portfolio)]


def member_of(portfolio: Portfolio, person: Person) -> Member:
    """The acting person as plain data: their own name and key, and their role
    here (None when they hold no place in the portfolio)."""
    return Member(person.uuid, person.name, role_of(portfolio, person), person.public_key)
