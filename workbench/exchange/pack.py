"""Writing an exchange package: the sender's own records and evidence files, signed.

``changes_only`` leaves out what the other side already holds: their last
package says, per bucket of uuids, a digest of the (uuid, revision) pairs of
our records they hold; only buckets whose digest differs are sent again.
"""

from __future__ import annotations

import copy
import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench import __version__
from workbench.errors import PackageError
from workbench.evidence.blobs import blob_path
from workbench.exchange.reader import (
    BLOB_PREFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    RECORDS,
    RELAYED,
    SIGNATURE,
    SIGNATURES,
)
from workbench.exchange.records import blob_shas, bucket_of, to_json_line
from workbench.exchange.relay import rows_to_relay, sign_rows, their_word
from workbench.store import db, keys
from workbench.store.leftovers import remove_stale_temp_files
from workbench.store.models import Person, Setting, shared_models
from workbench.store.portfolios import MENTEE, MENTOR, OpenPortfolio, members, require_role
from workbench.store.recovery import stamp_own_key

CHUNK = 1024 * 1024
ZIP64_LIMIT = (1 << 31) - 1
ACK_KEY = "exchange.ack."  # + person uuid: what they hold of my records


class PackCancelledError(PackageError):
    """The user cancelled writing a package; nothing was written."""


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
            buckets.setdefault(bucket_of(uuid), []).append(f"{uuid}:{revision}")
    return {prefix: _digest(items) for prefix, items in buckets.items()}


def _unacknowledged(rows, opened: OpenPortfolio, me: str) -> list | None:
    """The rows some other member may lack, or None when a full package is due."""
    others = [m.person_id for m in members(opened.portfolio) if m.person_id and m.person_id != me]
    acks = [load_json_setting(ACK_KEY + person) for person in others]
    if not others or not all(acks):
        return None
    mine: dict[str, list[str]] = {}
    for _model, row in rows:
        mine.setdefault(bucket_of(row["uuid"]), []).append(f"{row['uuid']}:{row['revision']}")
    digests = {prefix: _digest(items) for prefix, items in mine.items()}
    stale = {p for p, d in digests.items() if any(ack.get(p) != d for ack in acks)}
    return [item for item in rows if bucket_of(item[1]["uuid"]) in stale]


@dataclass
class PackPlan:
    """Everything a package holds, read from the database; writing needs no database."""

    out: Path
    records: bytes
    record_count: int
    signatures: bytes  # the author's signature of each record, line by line
    relayed: bytes  # the other members' own records, handed back (exchange_relay)
    blobs: list[Path]  # stored evidence files, named by their SHA-256
    manifest: dict
    scope: str

    @property
    def blob_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.blobs)


def plan_pack(
    opened: OpenPortfolio,
    actor: Person,
    out: Path | str,
    *,
    changes_only: bool = False,
    include_blobs: bool = True,
) -> PackPlan:
    """Read what the actor's package will hold (run where the database lives)."""
    role = require_role(opened.portfolio, actor, MENTEE, MENTOR)
    stamp_own_key(actor)
    rows = own_rows(actor.uuid)
    scope = "full"
    if changes_only:
        delta = _unacknowledged(rows, opened, actor.uuid)
        if delta is not None:
            rows, scope = delta, "changes"
    shas = sorted({s for m, r in rows for s in blob_shas(m, r)}) if include_blobs else []
    blobs = [blob_path(opened, s) for s in shas if blob_path(opened, s).is_file()]
    others = [
        m.person_id for m in members(opened.portfolio) if m.person_id and m.person_id != actor.uuid
    ]
    acks = {person: holdings(person) for person in others}
    relay = [
        item
        for person in others
        for item in rows_to_relay(person, their_word(person), acks[person], scope == "full")
    ]
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,  # the release that made it, named if it is refused
        "portfolio": opened.portfolio.uuid,
        "portfolio_title": opened.portfolio.title,
        "sender": actor.uuid,
        "sender_name": actor.name,
        "sender_role": role,
        "public_key": keys.my_public_key(),
        "created": db.utcnow().isoformat(),
        "scope": scope,
        "record_count": len(rows),
        "acks": acks,
        "own": holdings(actor.uuid),
        "entries": [],
    }
    records = "".join(to_json_line(m, r) + "\n" for m, r in rows).encode("utf-8")
    signatures = sign_rows(rows, keys.load_or_create_key())
    sig_lines = "".join(f"{r['uuid']} {s}\n" for (_m, r), s in zip(rows, signatures, strict=True))
    relayed = "".join(f"{s} {to_json_line(m, r)}\n" for m, r, s in relay)
    return PackPlan(
        Path(out),
        records,
        len(rows),
        sig_lines.encode("utf-8"),
        relayed.encode("utf-8"),
        blobs,
        manifest,
        scope,
    )


Progress = Callable[[int], None]  # bytes of evidence written so far
Cancelled = Callable[[], bool]


def write_pack(
    plan: PackPlan, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> PackResult:
    """Write and sign the package file; safe off the GUI thread (no database)."""
    key = keys.load_or_create_key()
    _write_zip(plan, key, progress, cancelled)
    return PackResult(plan.out, plan.record_count, len(plan.blobs), plan.scope)


def pack(
    opened: OpenPortfolio,
    actor: Person,
    out: Path | str,
    *,
    changes_only: bool = False,
    include_blobs: bool = True,
) -> PackResult:
    """Write the actor's own records (and their evidence files) to a signed package."""
    plan = plan_pack(opened, actor, out, changes_only=changes_only, include_blobs=include_blobs)
    return write_pack(plan)


def _write_zip(plan: PackPlan, key, progress, cancelled) -> None:
    out, manifest = plan.out, copy.deepcopy(plan.manifest)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out.parent)  # those of a killed pack, before a sync service sends them
    done = 0
    # the zip is closed, then moved into place only once complete
    with db.replacing(out) as tmp, zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
        for name, data in (
            (RECORDS, plan.records),
            (SIGNATURES, plan.signatures),
            (RELAYED, plan.relayed),
        ):
            zf.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
            digest = hashlib.sha256(data).hexdigest()
            manifest["entries"].append({"path": name, "size": len(data), "sha256": digest})
        for source in plan.blobs:
            size = _copy_blob_in(zf, source, source.name, cancelled)
            manifest["entries"].append(
                {"path": BLOB_PREFIX + source.name, "size": size, "sha256": source.name}
            )
            done += size
            if progress:
                progress(done)
        data = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
        zf.writestr(MANIFEST, data, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(SIGNATURE, keys.sign_with(key, data))


def _copy_blob_in(zf: zipfile.ZipFile, source: Path, sha: str, cancelled) -> int:
    """Stream one evidence file into the zip (stored: most are compressed already)."""
    size = source.stat().st_size
    info = zipfile.ZipInfo(BLOB_PREFIX + sha, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.file_size = size
    digest = hashlib.sha256()
    with open(source, "rb") as src, zf.open(info, "w", force_zip64=size > ZIP64_LIMIT) as dst:
        while chunk := src.read(CHUNK):
            if cancelled and cancelled():
                raise PackCancelledError("Sending was cancelled; no package was written.")
            digest.update(chunk)
            dst.write(chunk)
    if digest.hexdigest() != sha:
        raise PackageError(
            f"The stored evidence file {source.name} is damaged (its content no longer "
            "matches its name). Add the file again before sending."
        )
    return size
