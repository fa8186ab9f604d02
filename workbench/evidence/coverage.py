"""Evidence coverage: which route criteria and chosen PKSB skills the live
evidence items show, and what is missing (criteria with too little evidence,
skills with a gap but no evidence, items linked to nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from workbench.evidence.library import EvidenceRow, _code_key, evidence_items
from workbench.frameworks.routes import evidence_guidance, get_route
from workbench.matrix.ratings import latest_snapshot, matrix_rows
from workbench.store.models import Area, EvidenceItem, EvidenceLink, Portfolio, Skill
from workbench.store.rows import plain_rows


@dataclass(frozen=True)
class CriterionCoverage:
    code: str
    name: str
    items: tuple[int, ...]  # evidence numbers
    minimum: int
    suggested: int

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def short(self) -> bool:
        return self.count < self.minimum


@dataclass(frozen=True)
class SkillCoverage:
    uuid: str
    code: str
    name: str
    area_name: str
    gap: int | None
    items: tuple[int, ...]

    @property
    def gap_without_evidence(self) -> bool:
        return bool(self.gap and self.gap > 0 and not self.items)


@dataclass(frozen=True)
class Coverage:
    items: tuple[tuple[int, str], ...]  # (number, title) of every live item
    criteria: tuple[CriterionCoverage, ...]
    skills: tuple[SkillCoverage, ...]  # the chosen skills of the latest snapshot
    unlinked: tuple[tuple[int, str], ...]
    min_items: int
    max_items: int
    note: str

    @property
    def total(self) -> int:
        return len(self.items)


def criterion_counts(portfolio: Portfolio) -> dict[str, int]:
    """criterion code -> how many live items show it: one grouped query."""
    query = (
        EvidenceLink.select(EvidenceLink.criterion, fn.COUNT(EvidenceItem.uuid.distinct()))
        .join(EvidenceItem)
        .where(
            EvidenceItem.portfolio == portfolio,
            ~EvidenceItem.deleted,
            ~EvidenceLink.deleted,
            EvidenceLink.criterion.is_null(False),
        )
        .group_by(EvidenceLink.criterion)
    )
    return dict(query.tuples())


def coverage(portfolio: Portfolio, rows: list[EvidenceRow] | None = None) -> Coverage:
    """Which criteria and chosen skills the evidence shows, and what is missing
    (``rows``: the items of ``evidence_items``, when the caller has read them already)."""

    rows = evidence_items(portfolio) if rows is None else rows
    route = get_route(portfolio.route)
    guidance = evidence_guidance()
    by_criterion = {c.code: [] for c in route.criteria}
    by_skill: dict[str, list[int]] = {}
    for row in rows:
        for code in row.criteria:
            by_criterion.setdefault(code, []).append(row.number)
        for uuid in row.skill_uuids:
            by_skill.setdefault(uuid, []).append(row.number)
    criteria = tuple(
        CriterionCoverage(
            c.code,
            c.name,
            tuple(by_criterion[c.code]),
            route.min_evidence_per_criterion,
            guidance.per_criterion,
        )
        for c in route.criteria
    )
    snapshot = latest_snapshot(portfolio)
    chosen = [r for r in matrix_rows(snapshot) if r.relevant] if snapshot else []
    linked_skills = set(by_skill)
    chosen_ids = {r.skill for r in chosen}
    extra = _linked_unchosen_skills(linked_skills - chosen_ids)
    skills = tuple(
        SkillCoverage(r.skill, r.code, r.name, r.area_name, r.gap, tuple(by_skill.get(r.skill, ())))
        for r in chosen
    ) + tuple(
        SkillCoverage(uuid, code, name, area_name, None, tuple(by_skill[uuid]))
        for uuid, code, name, area_name in extra
    )
    return Coverage(
        items=tuple((r.number, r.title) for r in rows),
        criteria=criteria,
        skills=skills,
        unlinked=tuple((r.number, r.title) for r in rows if not r.criteria and not r.skills),
        min_items=guidance.min_items,
        max_items=guidance.max_items,
        note=guidance.note,
    )


def _linked_unchosen_skills(uuids: set[str]) -> list[tuple[str, str, str, str]]:
    """Skills evidence shows although they were not chosen in the matrix: (uuid, code,
    name, area name) in code order, as plain tuples (a large portfolio links to
    more than a hundred, and model records of them cost far more than the query)."""
    if not uuids:
        return []
    found = (
        Skill.select(Skill.uuid, Skill.code, Skill.name, Area.name)
        .join(Area)
        .where(Skill.uuid.in_(list(uuids)), ~Skill.deleted)
    )
    return sorted(plain_rows(found), key=lambda s: _code_key(s[1]))
