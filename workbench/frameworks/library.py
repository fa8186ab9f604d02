"""The framework library: the shipped outline, the frameworks the user imported,
and storing a framework in a portfolio.

Reading a file (formats.py) produces a ``FrameworkSpec`` (spec.py: plain data,
validated as a whole) so a bad file is refused before anything is written.
``install_framework`` then stores it in the open portfolio in one transaction.
Imported frameworks are also kept, normalised to our JSON, in the user's
framework library.
"""

from __future__ import annotations

import json
from pathlib import Path

from workbench.errors import FrameworkError
from workbench.frameworks.formats import _parse_scale, read_framework
from workbench.frameworks.spec import FrameworkSpec, ScaleLevel, default_scale, slug
from workbench.store import db
from workbench.store.models import Area, Framework, Person, Skill, new_uuid
from workbench.store.user_data import data_dir

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "resources" / "frameworks"
DEFAULT_FRAMEWORK = "pksb-2021-outline"

# Built-in and library frameworks -------------------------------------------------------


def library_dir() -> Path:
    path = data_dir() / "frameworks"
    path.mkdir(parents=True, exist_ok=True)
    return path


def available_frameworks() -> list[tuple[str, Path]]:
    """(name, path) of the shipped outline and every framework the user imported."""
    found = []
    for folder in (BUILTIN_DIR, library_dir()):
        for path in sorted(folder.glob("*.json")):
            try:
                found.append((read_framework(path).name, path))
            except FrameworkError:
                continue
    return found


def builtin_framework() -> FrameworkSpec:
    return read_framework(BUILTIN_DIR / f"{DEFAULT_FRAMEWORK}.json")


def save_to_library(spec: FrameworkSpec) -> Path:
    """Keep an imported framework, normalised to our JSON, for later portfolios."""
    target = library_dir() / f"{slug(spec.key)}.json"
    db.write_atomically(target, json.dumps(spec.to_json(), indent=2, ensure_ascii=False).encode())
    return target


# Storing in a portfolio -------------------------------------------------------


def install_framework(spec: FrameworkSpec, actor: Person) -> Framework:
    """Store the framework's areas and skills in the open portfolio database."""
    with db.database.atomic():
        framework = Framework.create(
            author=actor.uuid,
            key=spec.key,
            name=spec.name,
            edition=spec.edition,
            source=spec.source,
            scale_json=json.dumps([vars(level) for level in spec.scale]),
        )
        for a_pos, area_spec in enumerate(spec.areas):
            area = Area.create(
                author=actor.uuid,
                framework=framework,
                code=area_spec.code,
                name=area_spec.name,
                description=area_spec.description,
                position=a_pos,
            )
            rows = [
                {
                    "uuid": new_uuid(),
                    "author": actor.uuid,
                    "area": area.uuid,
                    "code": s.code,
                    "name": s.name,
                    "description": s.description,
                    "position": s_pos,
                }
                for s_pos, s in enumerate(area_spec.skills)
            ]
            if rows:
                Skill.insert_many(rows).execute()
    return framework


def scale_from_json(text: str, name: str) -> list[ScaleLevel]:
    """A scale stored in a framework record, checked as a framework file's scale is
    (a package may bring one, and every view reads it)."""
    try:
        levels = json.loads(text)
    except (ValueError, RecursionError):
        raise FrameworkError(f"{name}: the rating scale is not valid JSON.") from None
    return _parse_scale(levels, name)


def scale_of(framework: Framework | None) -> list[ScaleLevel]:
    if framework is None:
        return default_scale()
    levels = json.loads(framework.scale_json or "[]")
    return [ScaleLevel(**level) for level in levels] or default_scale()
