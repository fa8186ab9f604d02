"""Writing an exchange package: the sender's own records and evidence files, signed.

``changes_only`` leaves out what the other side already holds: their last
package says, per bucket of uuids, a digest of the (uuid, revision) pairs of
our records they hold; only buckets whose digest differs are sent again.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import db, keys
from .errors import PackageError
from .exchange_reader import BLOB_PREFIX, FORMAT_NAME, FORMAT_VERSION, MANIFEST, RECORDS, SIGNATURE
from .exchange_records import blob_shas, to_json_line
from .models import Person, Setting, shared_models
from .portfolios import MENTEE, MENTOR, OpenPortfolio, members, require_role

try:  # the evidence store's layout helper, when present
    from .blobs import blob_path
except ImportError:  # pragma: no cover - same layout

    def blob_path(folder, sha: str) -> Path:
        return Path(getattr(folder, "root", folder)) / "blobs" / sha[:2] / sha


CHUNK = 1024 * 1024
ZIP64_LIMIT = (1 << 31) - 1
BUCKET_CHARS = 3  # 4096 buckets: a small change resends a small share
ACK_KEY = "exchange.ack."  # + person uuid: what they hold of my records


@dataclass
class PackResult:
    path: Path
    records: int
    blobs: int
    scope: str  # "full" or "changes"


def load_json_setting(key: str) -> dict:
    setting = Setting.get_or_none(Setting.key == key)
    try:
        value = json.loads(setting.value) if setting else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# Writing a package ---------------------------------------------------------------------


def own_rows(author: str) -> list[tuple[type, dict]]:
    """Every shared record the author wrote, tombstones included, in dependency order."""
    found = []
    for model in shared_models():
        for row in model.select().where(model.author == author).order_by(model.uuid).dicts():
            found.append((model, row))
    return found


def _bucket(uuid: str) -> str:
    return uuid[:BUCKET_CHARS]


def _digest(items: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(items)).encode()).hexdigest()[:16]


def holdings(author: str) -> dict[str, str]:
    """What this portfolio holds of one author's records, as a digest per uuid bucket.

    The other side compares it with its own records: a bucket whose digest
    differs holds something they have not got, whatever the clocks say.
    """
    buckets: dict[str, list[str]] = {}
    for model in shared_models():
        query = model.select(model.uuid, model.revision).where(model.author == author)
        for uuid, revision in query.tuples():
            buckets.setdefault(_bucket(uuid), []).append(f"{uuid}:{revision}")
    return {prefix: _digest(items) for prefix, items in buckets.items()}


def _unacknowledged(rows, opened: OpenPortfolio, me: str) -> list | None:
    """The rows some other member may lack, or None when a full package is due."""
    others = [m.person_id for m in members(opened.portfolio) if m.person_id and m.person_id != me]
    acks = [load_json_setting(ACK_KEY + person) for person in others]
    if not others or not all(acks):
        return None
    mine: dict[str, list[str]] = {}
    for _model, row in rows:
        mine.setdefault(_bucket(row["uuid"]), []).append(f"{row['uuid']}:{row['revision']}")
    digests = {prefix: _digest(items) for prefix, items in mine.items()}
    stale = {p for p, d in digests.items() if any(ack.get(p) != d for ack in acks)}
    return [item for item in rows if _bucket(item[1]["uuid"]) in stale]


def pack(
    opened: OpenPortfolio,
    actor: Person,
    out: Path | str,
    *,
    changes_only: bool = False,
    include_blobs: bool = True,
) -> PackResult:
    """Write the actor's own records (and their evidence files) to a signed package."""
    role = require_role(opened.portfolio, actor, MENTEE, MENTOR)
    out = Path(out)
    key = keys.load_or_create_key()
    rows = own_rows(actor.uuid)
    scope = "full"
    if changes_only:
        delta = _unacknowledged(rows, opened, actor.uuid)
        if delta is not None:
            rows, scope = delta, "changes"
    shas = sorted({s for m, r in rows for s in blob_shas(m, r)}) if include_blobs else []
    shas = [s for s in shas if blob_path(opened, s).is_file()]
    records = "".join(to_json_line(m, r) + "\n" for m, r in rows).encode("utf-8")
    acks = {
        m.person_id: holdings(m.person_id)
        for m in members(opened.portfolio)
        if m.person_id and m.person_id != actor.uuid
    }
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "portfolio": opened.portfolio.uuid,
        "portfolio_title": opened.portfolio.title,
        "sender": actor.uuid,
        "sender_name": actor.name,
        "sender_role": role,
        "public_key": keys.public_key_text(key),
        "created": db.utcnow().isoformat(),
        "scope": scope,
        "record_count": len(rows),
        "acks": acks,
        "entries": [],
    }
    _write_zip(opened, out, records, shas, manifest, key)
    return PackResult(out, len(rows), len(shas), scope)


def _write_zip(opened, out: Path, records: bytes, shas: list[str], manifest: dict, key) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    try:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
            zf.writestr(RECORDS, records, compress_type=zipfile.ZIP_DEFLATED)
            manifest["entries"].append(
                {
                    "path": RECORDS,
                    "size": len(records),
                    "sha256": hashlib.sha256(records).hexdigest(),
                }
            )
            for sha in shas:
                size = _copy_blob_in(zf, blob_path(opened, sha), sha)
                manifest["entries"].append({"path": BLOB_PREFIX + sha, "size": size, "sha256": sha})
            data = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
            zf.writestr(MANIFEST, data, compress_type=zipfile.ZIP_DEFLATED)
            zf.writestr(SIGNATURE, keys.sign_with(key, data))
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def _copy_blob_in(zf: zipfile.ZipFile, source: Path, sha: str) -> int:
    """Stream one evidence file into the zip (stored: most are compressed already)."""
    size = source.stat().st_size
    info = zipfile.ZipInfo(BLOB_PREFIX + sha, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.file_size = size
    digest = hashlib.sha256()
    with open(source, "rb") as src, zf.open(info, "w", force_zip64=size > ZIP64_LIMIT) as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    if digest.hexdigest() != sha:
        raise PackageError(
            f"The stored evidence file {source.name} is damaged (its content no longer "
            "matches its name). Add the file again before sending."
        )
    return size
