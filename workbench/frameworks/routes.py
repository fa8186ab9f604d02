"""The registration routes, their criteria and rules, read from resources/routes.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from workbench.errors import NotFound

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class CountRules:
    exclude_headings: bool = True
    exclude_citations: bool = True
    exclude_quotations: bool = False


@dataclass(frozen=True)
class Route:
    code: str
    name: str
    award: str
    word_limit: int
    word_limit_confirmed: bool
    count_rules: CountRules
    min_evidence_per_criterion: int
    cpd_hours: float | None
    signoff: str
    criteria: tuple[Criterion, ...]
    parts: tuple[tuple[str, str], ...]
    focus_areas: tuple[str, ...] = field(default=())
    # The share of the word limit each criterion's section is budgeted (about a third).
    criterion_budget_share: float | None = None

    @property
    def mentee_title(self) -> str:
        """What the route calls the person building the portfolio: a member revalidates,
        a candidate works towards an award."""
        return "Member" if self.code == "revalidation" else "Candidate"

    @property
    def criterion_budget(self) -> int | None:
        """The words budgeted for each criterion's section, or None if the route sets none."""
        if not self.criterion_budget_share:
            return None
        return round(self.word_limit * self.criterion_budget_share)

    def criterion(self, code: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.code == code:
                return criterion
        raise NotFound(f"The route {self.name} has no criterion {code}.")

    def has_part(self, code: str) -> bool:
        return any(part == code for part, _ in self.parts)


@dataclass(frozen=True)
class EvidenceGuidance:
    min_items: int
    max_items: int
    per_criterion: int
    note: str


def _route(data: dict) -> Route:
    return Route(
        code=data["code"],
        name=data["name"],
        award=data["award"],
        word_limit=int(data["word_limit"]),
        word_limit_confirmed=bool(data.get("word_limit_confirmed", True)),
        count_rules=CountRules(**data.get("count_rules", {})),
        min_evidence_per_criterion=int(data.get("min_evidence_per_criterion", 0)),
        cpd_hours=data.get("cpd_hours"),
        signoff=data.get("signoff", "none"),
        criteria=tuple(
            Criterion(c["code"], c["name"], c.get("description", "")) for c in data["criteria"]
        ),
        parts=tuple((p["code"], p["name"]) for p in data.get("parts", [])),
        focus_areas=tuple(data.get("focus_areas", [])),
        criterion_budget_share=data.get("criterion_budget_share"),
    )


@cache
def _load() -> tuple[dict[str, Route], EvidenceGuidance, str]:
    data = json.loads((RESOURCES / "routes.json").read_text(encoding="utf-8"))
    routes = {r["code"]: _route(r) for r in data["routes"]}
    guidance = EvidenceGuidance(**data["evidence_guidance"])
    return routes, guidance, data.get("outline_prompt", "")


def all_routes() -> list[Route]:
    return list(_load()[0].values())


def get_route(code: str) -> Route:
    try:
        return _load()[0][code]
    except KeyError:
        known = ", ".join(_load()[0])
        raise NotFound(f"There is no route called '{code}' (known: {known}).") from None


def evidence_guidance() -> EvidenceGuidance:
    return _load()[1]


def outline_prompt() -> str:
    """The one-line prompt under each criterion of a statement started from the outline."""
    return _load()[2]
