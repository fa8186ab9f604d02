"""Shared records as JSON lines, and who may author which table.

Every ``SharedModel`` table travels; a record is one JSON object per line with
its table name and every field by name. Lines are separated by ``\n`` alone:
JSON escapes every control character, so a record never holds a raw ``\n``,
while the line and paragraph separators a user may paste (U+2028, U+2029,
U+0085) travel as they are. Reading a line checks the table, the exact set of
fields, each value's type and each value against ``workbench.store.limits`` (text
lengths, clean names, rating and hours ranges, revisions), so nothing reaches
the database that the app would refuse from its own user.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime

from peewee import (
    BooleanField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from workbench.errors import FrameworkError, PackageError
from workbench.frameworks.library import scale_from_json
from workbench.store import limits
from workbench.store.models import shared_models
from workbench.store.portfolios import MENTEE, MENTOR
from workbench.versions import please_update

BOTH = frozenset({MENTEE, MENTOR})
ONLY_MENTEE = frozenset({MENTEE})
ONLY_MENTOR = frozenset({MENTOR})

# Which role may author records of each table (DESIGN.md, Roles). A table that
# is not named here belongs to the mentee, the owner of the portfolio.
AUTHOR_ROLES: dict[str, frozenset] = {
    "Portfolio": ONLY_MENTEE,
    "Membership": ONLY_MENTEE,
    "Framework": ONLY_MENTEE,
    "Area": ONLY_MENTEE,
    "Skill": ONLY_MENTEE,
    "Snapshot": ONLY_MENTEE,
    "Rating": ONLY_MENTEE,
    "AreaComment": ONLY_MENTEE,
    "EvidenceItem": ONLY_MENTEE,
    "EvidenceLink": ONLY_MENTEE,
    "StatementVersion": ONLY_MENTEE,
    "CpdActivity": ONLY_MENTEE,
    "CpdLink": ONLY_MENTEE,
    "MentorRating": ONLY_MENTOR,
    "SignOff": ONLY_MENTOR,
    "Person": BOTH,  # each person writes only their own record
    "Comment": BOTH,
    "CommentState": BOTH,
    "Meeting": BOTH,
    "MeetingAction": BOTH,
    "ActionState": BOTH,
    "Agreement": BOTH,
    "AgreementConsent": BOTH,
}

# Fields that name an evidence file by its SHA-256 (content-addressed blobs).
BLOB_FIELDS = ("blob_sha",)

UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHA_PATTERN = re.compile(r"^[0-9a-f]{64}$")
# Whole-number fields with a narrower range than MAX_INTEGER ("table.field").
NUMBER_RANGES = {
    "rating.current": (limits.RATING_LOWEST, limits.RATING_HIGHEST),
    "rating.target": (limits.RATING_LOWEST, limits.RATING_HIGHEST),
    "mentor_rating.rating": (limits.RATING_LOWEST, limits.RATING_HIGHEST),
    "cpd_activity.hours": (0, limits.HOURS_MAX),
    "revision": (1, limits.MAX_REVISION),
}


# Fields added after packages were first made, with the value a record without
# them holds. Such a field is written only when it differs from that value, so
# a record made before the field existed reads back, and signs, as the same
# bytes; a package without the field is read with the value below.
ADDED_FIELDS: dict[str, dict[str, object]] = {
    "comment": {"word_author": "", "word_date": None},
}

BUCKET_CHARS = 3  # 4096 buckets: a small change resends a small share


def bucket_of(uuid: str) -> str:
    """The bucket of a record in the digests of what each side holds."""
    return uuid[:BUCKET_CHARS]


def allowed_roles(model) -> frozenset:
    return AUTHOR_ROLES.get(model.__name__, ONLY_MENTEE)


def models_by_table() -> dict[str, type]:
    return {m._meta.table_name: m for m in shared_models()}


def _encode(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json_line(model, row: dict) -> str:
    """One record as a canonical JSON line (sorted keys, no spaces)."""
    table = model._meta.table_name
    added = ADDED_FIELDS.get(table, {})
    data = {"table": table}
    for field in model._meta.sorted_fields:
        if field.name in added and row[field.name] == added[field.name]:
            continue
        data[field.name] = _encode(row[field.name])
    line = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate cannot be UTF-8: write it escaped
        line = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return line


def row_of(record) -> dict:
    """The field values of a model instance, keyed by field name (ids for references)."""
    fields = type(record)._meta.sorted_fields
    return {
        f.name: getattr(record, f.object_id_name if isinstance(f, ForeignKeyField) else f.name)
        for f in fields
    }


def blob_shas(model, row: dict) -> list[str]:
    return [row[name] for name in BLOB_FIELDS if name in model._meta.fields and row.get(name)]


def newer(where: str, detail: str) -> str:
    """Why a record of a table or with a field this version does not know is refused:
    a later release adds them, so its packages say to update, not that they are bad."""
    return please_update(f"The package's {where}", None, detail)


def parse_line(line: str, number: int, tables: dict[str, type]) -> tuple[type, dict]:
    """Read and check one record line; return its model and field values."""
    quick = _quick_parse(line, tables)
    if quick is not None:
        return quick
    where = f"record {number}"
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply to be a record
        raise PackageError(f"The package's {where} is not valid JSON.") from None
    if not isinstance(data, dict):
        raise PackageError(f"The package's {where} is not a record.")
    table = data.pop("table", None)
    model = tables.get(table) if isinstance(table, str) else None
    if model is None:
        raise PackageError(newer(where, f"a record of an unknown table '{table}'"))
    fields = model._meta.fields
    for name, value in ADDED_FIELDS.get(table, {}).items():
        data.setdefault(name, value)
    missing = sorted(set(fields) - set(data))
    extra = sorted(set(data) - set(fields))
    if missing:
        raise PackageError(f"The package's {where} ({table}) has missing fields {missing}.")
    if extra:
        raise PackageError(newer(where, f"{table} with unknown fields {extra}"))
    row = {name: _decode(fields[name], data[name], f"{where} ({table}.{name})") for name in fields}
    for name in ("uuid", "author"):
        if not UUID_PATTERN.match(row[name]):
            raise PackageError(f"The package's {where} ({table}) has an invalid {name}.")
    for name in fields:
        _check_limits(fields[name], row[name], f"{where} ({table}.{name})")
    for name in blob_shas(model, row):
        if not SHA_PATTERN.match(name):
            raise PackageError(f"The package's {where} ({table}) names an invalid file hash.")
    return model, row


def _check_limits(field, value, where: str) -> None:
    """The limits of ``workbench.store.limits`` for one decoded value (None has none)."""
    key = f"{field.model._meta.table_name}.{field.name}"
    if isinstance(value, str):
        _check_text(field, key, value, where)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = NUMBER_RANGES.get(key) or NUMBER_RANGES.get(field.name) or _INTEGERS
        if not low <= value <= high:
            raise PackageError(f"The package's {where} is {value}, outside {low} to {high}.")


_INTEGERS = (-limits.MAX_INTEGER, limits.MAX_INTEGER)


def _check_text(field, key: str, value: str, where: str) -> None:
    limit = limits.text_limit(*key.split("."), multiline=isinstance(field, TextField))
    if len(value) > limit:
        raise PackageError(
            f"The package's {where} is {len(value)} characters long; at most {limit} may arrive."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PackageError(f"The package's {where} holds text that is not valid Unicode.") from None
    optional = key in limits.OPTIONAL_NAME_FIELDS and not value
    if (
        (key in limits.NAME_FIELDS | limits.OPTIONAL_NAME_FIELDS)
        and not optional
        and (not limits.is_clean_name(value))
    ):
        raise PackageError(
            f"The package's {where} is not a clean one-line name (it holds line breaks, "
            "invisible or control characters, or extra spaces)."
        )
    if key == "framework.scale_json":
        try:
            scale_from_json(value, where)
        except FrameworkError:
            raise PackageError(f"The package's {where} is not a valid rating scale.") from None


def _decode(field, value, where: str):
    if value is None:
        if field.null:
            return None
        raise PackageError(f"The package's {where} is empty but must have a value.")
    try:
        return _decode_value(field, value)
    except (TypeError, ValueError):
        raise PackageError(f"The package's {where} has a value of the wrong kind.") from None


def _decode_value(field, value):
    if isinstance(field, BooleanField):
        if not isinstance(value, bool):
            raise TypeError
        return value
    if isinstance(field, ForeignKeyField):
        if not isinstance(value, str) or not UUID_PATTERN.match(value):
            raise ValueError
        return value
    if isinstance(field, IntegerField):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError
        return value
    if isinstance(field, FloatField):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError
        if not math.isfinite(value):
            raise ValueError
        return float(value)
    if not isinstance(value, str):
        raise TypeError
    if isinstance(field, DateTimeField):
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is not None:
            raise ValueError
        return parsed
    if isinstance(field, DateField):
        return date.fromisoformat(value)
    return value


# The same checks, fast, for the common case -------------------------------------------
#
# ``_quick_parse`` accepts exactly what ``parse_line`` accepts, with each field's
# checks prepared once per table (``_plan``); at the first doubt it gives up and
# ``parse_line`` reads the line again the slow way, to name what is wrong. Tables
# with names or a rating scale (a few records a package) always go the slow way.

TEXT, REF, INT, FLOAT, BOOL, DATETIME, DATE = range(7)
_PLANS: dict[type, tuple] = {}


def _kind(field) -> int:
    for kind, cls in (
        (BOOL, BooleanField),
        (REF, ForeignKeyField),
        (INT, IntegerField),
        (FLOAT, FloatField),
        (DATETIME, DateTimeField),
        (DATE, DateField),
    ):
        if isinstance(field, cls):
            return kind
    return TEXT


def _plan(model) -> tuple:
    plan = _PLANS.get(model)
    if plan is None:
        table = model._meta.table_name
        steps, special = [], False
        for name, field in model._meta.fields.items():
            key = f"{table}.{name}"
            special |= key in limits.NAME_FIELDS or key == "framework.scale_json"
            limit = limits.text_limit(table, name, multiline=isinstance(field, TextField))
            low, high = NUMBER_RANGES.get(key) or NUMBER_RANGES.get(name) or _INTEGERS
            steps.append((name, _kind(field), field.null, limit, low, high))
        blobs = tuple(name for name in BLOB_FIELDS if name in model._meta.fields)
        plan = _PLANS[model] = (frozenset(model._meta.fields), tuple(steps), blobs, special)
    return plan


def _quick_parse(line: str, tables: dict[str, type]) -> tuple[type, dict] | None:
    try:
        return _quick(line, tables)
    except Exception:  # noqa: BLE001 - any doubt: the slow way names the problem
        return None


def _quick(line: str, tables: dict[str, type]) -> tuple[type, dict] | None:  # noqa: C901
    line.encode("utf-8")  # a lone surrogate: the slow way says so
    data = json.loads(line)
    if type(data) is not dict:
        return None
    table = data.pop("table", None)
    model = tables.get(table) if type(table) is str else None
    if model is None:
        return None
    names, steps, blobs, special = _plan(model)
    if special or data.keys() != names:
        return None
    row = {}
    for name, kind, null, limit, low, high in steps:
        value = data[name]
        kind_of = type(value)
        if value is None:
            if not null:
                return None
        elif kind == TEXT:
            if kind_of is not str or len(value) > limit:
                return None
        elif kind == REF:
            if kind_of is not str or not UUID_PATTERN.match(value):
                return None
        elif kind == INT:
            if kind_of is not int or not low <= value <= high:
                return None
        elif kind == FLOAT:
            if kind_of is not int and kind_of is not float:
                return None
            value = float(value)
            if not math.isfinite(value) or not low <= value <= high:
                return None
        elif kind == BOOL:
            if kind_of is not bool:
                return None
        elif kind == DATETIME:
            if kind_of is not str:
                return None
            value = datetime.fromisoformat(value)
            if value.tzinfo is not None:
                return None
        elif kind_of is str:
            value = date.fromisoformat(value)
        else:
            return None
        row[name] = value
    if "\\u" in line:  # an escaped lone surrogate cannot be stored
        for value in row.values():
            if type(value) is str:
                value.encode("utf-8")
    if not (UUID_PATTERN.match(row["uuid"]) and UUID_PATTERN.match(row["author"])):
        return None
    for name in blobs:
        if row[name] and not SHA_PATTERN.match(row[name]):
            return None
    return model, row
