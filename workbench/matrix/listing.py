"""The matrix as the views list it: snapshots, and skills to choose from, as
plain rows (workbench/store/handles.py). The services that take a snapshot take
its uuid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from workbench.matrix.ratings import latest_snapshot, skills_in_order, snapshots
from workbench.store.models import Portfolio, Rating, Skill
from workbench.store.rows import plain_rows


@dataclass(frozen=True)
class SnapshotInfo:
    uuid: str
    label: str
    kind: str  # "start", "review" or "end"
    taken_on: date
    frozen: bool  # a later snapshot exists: its ratings are kept as they were


def snapshot_list(portfolio: Portfolio) -> list[SnapshotInfo]:
    """The portfolio's snapshots, oldest first; all but the latest are frozen."""
    found = snapshots(portfolio)
    return [
        SnapshotInfo(s.uuid, s.label, s.kind, s.taken_on, n < len(found) - 1)
        for n, s in enumerate(found)
    ]


class SkillChoice(NamedTuple):
    uuid: str
    code: str
    name: str


def skill_choices(portfolio: Portfolio) -> list[SkillChoice]:
    """The framework's skills in order, to choose from: one query of plain tuples."""
    query = skills_in_order(portfolio, Skill.uuid, Skill.code, Skill.name)
    return [SkillChoice(*values) for values in plain_rows(query)]


def chosen_skills(portfolio: Portfolio) -> set[str]:
    """The uuids of the skills chosen (marked relevant) in the latest snapshot: the
    framework's live skills (``skills_in_order``, as ``matrix_rows`` reads them) that
    are rated relevant, in one query."""
    snapshot = latest_snapshot(portfolio)
    if snapshot is None:
        return set()
    query = Rating.select(Rating.skill).where(
        Rating.snapshot == snapshot,
        ~Rating.deleted,
        Rating.relevant == True,  # noqa: E712 - SQL, not Python
        Rating.skill.in_(skills_in_order(portfolio, Skill.uuid).order_by()),
    )
    return {skill for (skill,) in plain_rows(query)}
