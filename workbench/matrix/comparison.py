"""Comparing snapshots of the gap matrix: each skill's ratings in two snapshots
side by side, and the mean ratings per area (for the chart)."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from workbench.matrix.ratings import MatrixRow, matrix_rows
from workbench.store.models import Snapshot


@dataclass(frozen=True)
class ComparisonRow:
    skill: str
    code: str
    name: str
    area_name: str
    before_current: int | None
    after_current: int | None
    before_target: int | None
    after_target: int | None

    @property
    def change(self) -> int | None:
        if self.before_current is None or self.after_current is None:
            return None
        return self.after_current - self.before_current


@dataclass(frozen=True)
class AreaSummary:
    area: str
    code: str
    name: str
    current: float
    target: float
    skills: int


def compare(
    before: Snapshot | str, after: Snapshot | str, relevant_only: bool = True
) -> list[ComparisonRow]:
    """Each skill's ratings in two snapshots, side by side."""
    a_rows = {row.skill: row for row in matrix_rows(before)}
    result = []
    for row in matrix_rows(after):
        old = a_rows.get(row.skill)
        if relevant_only and not (row.relevant or (old and old.relevant)):
            continue
        result.append(
            ComparisonRow(
                skill=row.skill,
                code=row.code,
                name=row.name,
                area_name=row.area_name,
                before_current=old.current if old else None,
                after_current=row.current,
                before_target=old.target if old else None,
                after_target=row.target,
            )
        )
    return result


def area_summaries(snapshot: Snapshot | str) -> list[AreaSummary]:
    """Mean current and target per area over the skills chosen as relevant."""
    by_area: dict[str, list[MatrixRow]] = {}
    for row in matrix_rows(snapshot):
        if row.relevant and row.current is not None and row.target is not None:
            by_area.setdefault(row.area, []).append(row)
    return [
        AreaSummary(
            area=area,
            code=rows[0].area_code,
            name=rows[0].area_name,
            current=mean(r.current for r in rows),
            target=mean(r.target for r in rows),
            skills=len(rows),
        )
        for area, rows in by_area.items()
    ]
