"""The plain data of a competency framework: its rating scale, areas and skills,
as read from a file (validated as a whole) before anything is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FORMAT = "workbench-framework"

DEFAULT_SCALE = (
    (0, "None"),
    (1, "Basic"),
    (2, "Developing"),
    (3, "Proficient"),
    (4, "Expert"),
)


@dataclass
class ScaleLevel:
    value: int
    label: str
    description: str = ""


@dataclass
class SkillSpec:
    code: str
    name: str
    description: str = ""


@dataclass
class AreaSpec:
    code: str
    name: str
    description: str = ""
    skills: list[SkillSpec] = field(default_factory=list)


@dataclass
class FrameworkSpec:
    key: str
    name: str
    edition: str = ""
    notice: str = ""
    scale: list[ScaleLevel] = field(default_factory=list)
    areas: list[AreaSpec] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def skill_count(self) -> int:
        return sum(len(area.skills) for area in self.areas)

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "format_version": 1,
            "id": self.key,
            "name": self.name,
            "edition": self.edition,
            "notice": self.notice,
            "scale": [vars(level) for level in self.scale],
            "areas": [
                {
                    "code": a.code,
                    "name": a.name,
                    "description": a.description,
                    "skills": [vars(s) for s in a.skills],
                }
                for a in self.areas
            ],
        }


def default_scale() -> list[ScaleLevel]:
    return [ScaleLevel(value, label) for value, label in DEFAULT_SCALE]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "framework"
