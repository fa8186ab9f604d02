"""Framework file formats: our JSON, a CSV export from a spreadsheet, and a Mahara
SmartEvidence ``.matrix`` file, each read into a ``FrameworkSpec`` or refused
with a FrameworkError naming the file, line or field."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from workbench.errors import FrameworkError
from workbench.frameworks.spec import (
    FORMAT,
    AreaSpec,
    FrameworkSpec,
    ScaleLevel,
    SkillSpec,
    default_scale,
    slug,
)
from workbench.store import limits

MAX_FILE_BYTES = 20 * 1024 * 1024


def read_framework(path: Path | str) -> FrameworkSpec:
    """Read a framework file of any supported format, or raise FrameworkError."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise FrameworkError(f"{path.name} is too large to be a framework file.")
        raw = path.read_bytes()
    except OSError as exc:
        raise FrameworkError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrameworkError(
            f"{path.name} is not UTF-8 text (byte {exc.start}). Save it as UTF-8 and try again."
        ) from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        spec = parse_csv(text, path.name)
    elif suffix in (".json", ".matrix") or text.lstrip().startswith("{"):
        data = _parse_json_text(text, path.name)
        if "framework" in data and isinstance(data["framework"], dict):
            spec = parse_mahara(data, path.name)
        else:
            spec = parse_json(data, path.name)
    else:
        raise FrameworkError(
            f"{path.name}: unknown framework format; use .json, .csv or a Mahara .matrix file."
        )
    spec.source = path.name
    return spec


def _parse_json_text(text: str, name: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FrameworkError(
            f"{name}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})."
        ) from None
    if not isinstance(data, dict):
        raise FrameworkError(f"{name}: expected a JSON object at the top.")
    return data


def _text(data: dict, key: str, where: str, required: bool = True) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, (str, int, float)):
        raise FrameworkError(f"{where}: field '{key}' must be text.")
    value = str(value).strip()
    if required and not value:
        raise FrameworkError(f"{where}: field '{key}' is missing or empty.")
    return value


def _parse_scale(levels, name: str) -> list[ScaleLevel]:
    if not levels:
        return default_scale()
    if not isinstance(levels, list):
        raise FrameworkError(f"{name}: 'scale' must be a list of levels.")
    scale = []
    for index, level in enumerate(levels):
        where = f"{name}, scale[{index}]"
        if not isinstance(level, dict) or not isinstance(level.get("value"), int):
            raise FrameworkError(f"{where}: each level needs a whole-number 'value'.")
        scale.append(
            ScaleLevel(
                level["value"],
                _text(level, "label", where),
                _text(level, "description", where, False),
            )
        )
    values = [level.value for level in scale]
    if values != list(range(values[0], values[0] + len(values))):
        raise FrameworkError(f"{name}: scale values must run in steps of one, e.g. 0 to 4.")
    if values[0] < limits.RATING_LOWEST or values[-1] > limits.RATING_HIGHEST:
        raise FrameworkError(
            f"{name}: scale values must lie from {limits.RATING_LOWEST} to {limits.RATING_HIGHEST}."
        )
    return scale


def parse_json(data: dict, name: str) -> FrameworkSpec:
    """Our own format (resources/frameworks/FORMAT.md)."""
    if data.get("format") != FORMAT:
        raise FrameworkError(f"{name}: field 'format' must be \"{FORMAT}\".")
    if data.get("format_version") != 1:
        raise FrameworkError(
            f"{name}: unsupported 'format_version' {data.get('format_version')!r}."
        )
    spec = FrameworkSpec(
        key=_text(data, "id", name),
        name=_text(data, "name", name),
        edition=_text(data, "edition", name, False),
        notice=_text(data, "notice", name, False),
        scale=_parse_scale(data.get("scale"), name),
    )
    areas = data.get("areas")
    if not isinstance(areas, list) or not areas:
        raise FrameworkError(f"{name}: field 'areas' must be a non-empty list.")
    for index, area in enumerate(areas):
        where = f"{name}, areas[{index}]"
        if not isinstance(area, dict):
            raise FrameworkError(f"{where}: each area must be an object.")
        area_spec = AreaSpec(
            _text(area, "code", where),
            _text(area, "name", where),
            _text(area, "description", where, False),
        )
        skills = area.get("skills") or []
        if not isinstance(skills, list):
            raise FrameworkError(f"{where}: 'skills' must be a list.")
        for s_index, skill in enumerate(skills):
            s_where = f"{where}.skills[{s_index}]"
            if not isinstance(skill, dict):
                raise FrameworkError(f"{s_where}: each skill must be an object.")
            area_spec.skills.append(
                SkillSpec(
                    _text(skill, "code", s_where),
                    _text(skill, "name", s_where),
                    _text(skill, "description", s_where, False),
                )
            )
        spec.areas.append(area_spec)
    _check_unique_codes(spec, name)
    return spec


CSV_COLUMNS = ("area", "code", "skill")


def parse_csv(text: str, name: str) -> FrameworkSpec:
    """A spreadsheet export: columns area, code, skill, description (optional)."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise FrameworkError(
            f"{name}, line 1: the header needs the columns area, code, skill "
            f"(and optionally description); missing: {', '.join(missing)}."
        )
    reader.fieldnames = header
    areas: dict[str, AreaSpec] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            raise FrameworkError(f"{name}, line {line}: more cells than columns in the header.")
        row = {k: (v or "").strip() for k, v in row.items()}
        if not any(row.values()):
            continue
        area_name = row["area"]
        if not area_name:
            raise FrameworkError(f"{name}, line {line}: the 'area' cell is empty.")
        area = areas.get(area_name)
        if area is None:
            area = areas[area_name] = AreaSpec("", area_name, row.get("area_description", ""))
        if not row["code"] and not row["skill"]:
            area.description = row.get("area_description") or row.get("description", "")
            continue
        if not row["code"] or not row["skill"]:
            cell = "code" if not row["code"] else "skill"
            raise FrameworkError(f"{name}, line {line}: the '{cell}' cell is empty.")
        area.skills.append(SkillSpec(row["code"], row["skill"], row.get("description", "")))
    if not areas:
        raise FrameworkError(f"{name}: no skills found below the header.")
    for position, area in enumerate(areas.values(), start=1):
        prefixes = {s.code.split(".")[0] for s in area.skills if "." in s.code}
        area.code = prefixes.pop() if len(prefixes) == 1 else str(position)
    title = Path(name).stem.replace("_", " ").replace("-", " ").strip() or "Imported framework"
    spec = FrameworkSpec(
        key=slug(title), name=title, scale=default_scale(), areas=list(areas.values())
    )
    _check_unique_codes(spec, name)
    return spec


def parse_mahara(data: dict, name: str) -> FrameworkSpec:
    """A Mahara SmartEvidence matrix: standards become areas, elements skills."""
    fw = data["framework"]
    where = f"{name}, framework"
    standards = fw.get("standards")
    elements = fw.get("standardelements")
    if not isinstance(standards, list) or not standards:
        raise FrameworkError(f"{where}: field 'standards' must be a non-empty list.")
    if not isinstance(elements, list):
        raise FrameworkError(f"{where}: field 'standardelements' must be a list.")
    title = _text(fw, "name", where)
    spec = FrameworkSpec(key=slug(title), name=title, scale=default_scale())
    by_id: dict[str, AreaSpec] = {}
    for index, standard in enumerate(standards):
        s_where = f"{where}.standards[{index}]"
        if not isinstance(standard, dict):
            raise FrameworkError(f"{s_where}: each standard must be an object.")
        standard_id = _text(standard, "standardid", s_where)
        area = AreaSpec(
            _text(standard, "shortname", s_where),
            _strip_prefix(_text(standard, "name", s_where)),
            _text(standard, "description", s_where, False),
        )
        by_id[standard_id] = area
        spec.areas.append(area)
    seen: dict[str, int] = {}
    for index, element in enumerate(elements):
        e_where = f"{where}.standardelements[{index}]"
        if not isinstance(element, dict):
            raise FrameworkError(f"{e_where}: each element must be an object.")
        area = by_id.get(_text(element, "standardid", e_where))
        if area is None:
            raise FrameworkError(f"{e_where}: 'standardid' names no standard in this file.")
        code = _text(element, "elementid", e_where, False) or _text(element, "shortname", e_where)
        seen[code] = seen.get(code, 0) + 1
        if seen[code] > 1:
            new_code = f"{code} ({seen[code]})"
            spec.warnings.append(
                f"Element id {code} appears more than once; the repeat was imported as {new_code}."
            )
            code = new_code
        area.skills.append(
            SkillSpec(
                code,
                _strip_prefix(_text(element, "name", e_where)),
                _text(element, "description", e_where, False),
            )
        )
    return spec


def _strip_prefix(name: str) -> str:
    """Mahara names repeat the code: '1.1 - Title' becomes 'Title'."""
    return re.sub(r"^[\w.]+\s+-\s+", "", name)


def _check_unique_codes(spec: FrameworkSpec, name: str) -> None:
    seen: set[str] = set()
    for area in spec.areas:
        for skill in area.skills:
            if skill.code in seen:
                raise FrameworkError(f"{name}: skill code {skill.code} is used twice.")
            seen.add(skill.code)
