"""Shared records as JSON lines, and who may author which table.

Every ``SharedModel`` table travels; a record is one JSON object per line with
its table name and every field by name. Reading a line checks the table, the
exact set of fields and each value's type, so nothing unexpected reaches the
database.
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
)

from .errors import PackageError
from .models import shared_models
from .portfolios import MENTEE, MENTOR

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
INT_LIMIT = 2**63


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
    data = {"table": model._meta.table_name}
    for field in model._meta.sorted_fields:
        data[field.name] = _encode(row[field.name])
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_of(record) -> dict:
    """The field values of a model instance, keyed by field name (ids for references)."""
    fields = type(record)._meta.sorted_fields
    return {
        f.name: getattr(record, f.object_id_name if isinstance(f, ForeignKeyField) else f.name)
        for f in fields
    }


def blob_shas(model, row: dict) -> list[str]:
    return [row[name] for name in BLOB_FIELDS if name in model._meta.fields and row.get(name)]


def parse_line(line: str, number: int, tables: dict[str, type]) -> tuple[type, dict]:
    """Read and check one record line; return its model and field values."""
    where = f"record {number}"
    try:
        data = json.loads(line)
    except ValueError:
        raise PackageError(f"The package's {where} is not valid JSON.") from None
    if not isinstance(data, dict):
        raise PackageError(f"The package's {where} is not a record.")
    table = data.pop("table", None)
    model = tables.get(table) if isinstance(table, str) else None
    if model is None:
        raise PackageError(f"The package's {where} is for an unknown table '{table}'.")
    fields = model._meta.fields
    missing = sorted(set(fields) - set(data))
    extra = sorted(set(data) - set(fields))
    if missing or extra:
        raise PackageError(
            f"The package's {where} ({table}) has "
            + (f"missing fields {missing}" if missing else f"unknown fields {extra}")
            + "."
        )
    row = {name: _decode(fields[name], data[name], f"{where} ({table}.{name})") for name in fields}
    for name in ("uuid", "author"):
        if not UUID_PATTERN.match(row[name]):
            raise PackageError(f"The package's {where} ({table}) has an invalid {name}.")
    if row["revision"] < 1:
        raise PackageError(f"The package's {where} ({table}) has an invalid revision.")
    for name in blob_shas(model, row):
        if not SHA_PATTERN.match(name):
            raise PackageError(f"The package's {where} ({table}) names an invalid file hash.")
    return model, row


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
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= INT_LIMIT:
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
