"""Exchange packages (``.wbpack``): writing one, and applying one from the other person.

A package is a zip of ``manifest.json`` (format, portfolio, sender and their
public key, every entry with size and SHA-256), ``signature`` (Ed25519 over
the manifest bytes), ``records.jsonl`` (the sender's own records) and
``blobs/<sha256>`` (evidence files). Reading checks everything before any
write (see ``package_reader``); applying is one transaction that keeps, for
each uuid, the highest revision from its author.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from peewee import IntegrityError

from . import db, keys
from .errors import PackageError
from .exchange_reader import (
    BLOB_PREFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    RECORDS,
    SIGNATURE,
    Package,
    extract_blobs,
    read_package,
)
from .exchange_records import blob_shas, to_json_line
from .exchange_trust import check_records, sender_role
from .identity import Identity
from .models import Membership, Person, PinnedKey, Portfolio, Setting, all_models, shared_models
from .portfolios import MENTEE, MENTOR, OpenPortfolio, ensure_person, members, require_role

try:  # the evidence store's layout helper, when present
    from .blobs import blob_path
except ImportError:  # pragma: no cover - same layout

    def blob_path(folder, sha: str) -> Path:
        return Path(getattr(folder, "root", folder)) / "blobs" / sha[:2] / sha


SUFFIX = ".wbpack"
CHUNK = 1024 * 1024
BATCH = 500
ACK_KEY = "exchange.ack."  # + person uuid: what they hold of my records
NEWS_KEY = "exchange.news"  # what arrived since the user last looked
ZIP64_LIMIT = (1 << 31) - 1
BUCKET_CHARS = 3  # 4096 buckets: a small change resends a small share


@dataclass
class PackResult:
    path: Path
    records: int
    blobs: int
    scope: str  # "full" or "changes"


@dataclass
class ImportSummary:
    """What one package brought, for the dialog and the CLI."""

    root: Path
    portfolio_title: str
    sender_name: str
    sender_role: str
    new: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    blobs_added: int = 0
    pinned_fingerprint: str = ""
    created_copy: bool = False
    bound_member: bool = False

    @property
    def nothing_new(self) -> bool:
        return not self.new and not self.changed and not self.blobs_added

    def lines(self) -> list[str]:
        """Plain sentences: what arrived from whom."""
        who = f"{self.sender_name} ({self.sender_role})"
        out = []
        if self.created_copy:
            out.append(f"Your copy of '{self.portfolio_title}' was created from {who}'s package.")
        if self.pinned_fingerprint:
            out.append(
                f"{self.sender_name}'s key was seen for the first time and is now remembered. "
                f"Its fingerprint is {self.pinned_fingerprint}: compare it with them by phone."
            )
        if self.bound_member:
            out.append(f"{self.sender_name} has joined as your {self.sender_role}.")
        for table, label in NEWS_LABELS.items():
            new, changed = self.new.get(table, 0), self.changed.get(table, 0)
            if new or changed:
                parts = [f"{new} new"] if new else []
                parts += [f"{changed} changed"] if changed else []
                out.append(f"{label}: {', '.join(parts)}.")
        others = sum(v for k, v in self.new.items() if k not in NEWS_LABELS)
        others += sum(v for k, v in self.changed.items() if k not in NEWS_LABELS)
        if others:
            out.append(f"Other records: {others} new or changed.")
        if self.blobs_added:
            out.append(f"Evidence files received: {self.blobs_added}.")
        if self.nothing_new:
            out.append(f"Nothing new from {who}: you already had all of it.")
        return out


NEWS_LABELS = {
    "statement_version": "Statement versions",
    "comment": "Comments and replies",
    "comment_state": "Comments resolved or reopened",
    "rating": "Self-ratings",
    "mentor_rating": "Mentor ratings",
    "evidence_item": "Evidence items",
    "meeting": "Meetings",
    "meeting_action": "Meeting actions",
    "sign_off": "Sign-offs",
    "cpd_activity": "CPD activities",
}


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
    acks = [_load_json_setting(ACK_KEY + person) for person in others]
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


# Applying a package --------------------------------------------------------------------


def import_package(
    opened: OpenPortfolio, actor: Person, path: Path | str, package: Package | None = None
) -> ImportSummary:
    """Verify a package and apply it to the open portfolio, all or nothing."""
    package = package or read_package(path)
    manifest = package.manifest
    if manifest["portfolio"] != opened.portfolio.uuid:
        raise PackageError(
            f"{package.path.name} belongs to the portfolio '{manifest['portfolio_title']}', "
            f"not to '{opened.portfolio.title}' which is open."
        )
    require_role(opened.portfolio, actor, MENTEE, MENTOR)
    summary = _apply(opened, actor, package)
    opened.portfolio = Portfolio.get_by_id(opened.portfolio.uuid)
    return summary


def _apply(opened: OpenPortfolio, actor: Person, package: Package) -> ImportSummary:
    manifest = package.manifest
    role, bind = sender_role(package, actor)
    pinned = _check_pinned_key(manifest)
    check_records(package, role)
    staging, incoming = extract_blobs(package, opened.root)
    moved: list[Path] = []
    try:
        with db.database.atomic():
            summary = ImportSummary(
                root=opened.root,
                portfolio_title=manifest["portfolio_title"],
                sender_name=manifest["sender_name"],
                sender_role=role,
            )
            _merge(package, summary)
            if bind:
                _bind_mentor(manifest["sender"])
                summary.bound_member = True
            if not pinned:
                _pin(manifest)
                summary.pinned_fingerprint = keys.fingerprint(manifest["public_key"])
            _remember_acks(manifest, actor.uuid)
            _add_news(summary)
            moved = _move_blobs(incoming, opened)
            summary.blobs_added = len(moved)
    except IntegrityError as exc:
        for path in moved:
            path.unlink(missing_ok=True)
        raise PackageError(_integrity_message(package, exc)) from None
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        raise
    finally:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
    return summary


def _integrity_message(package: Package, exc: IntegrityError) -> str:
    name = package.path.name
    sender = package.manifest["sender_name"]
    if "FOREIGN KEY" in str(exc).upper():
        return (
            f"{name} refers to records this portfolio does not have. Open {sender}'s earlier "
            "packages first, or ask for a full package."
        )
    return f"{name} clashes with records already in this portfolio ({exc})."


def _check_pinned_key(manifest: dict) -> bool:
    """Whether the sender's key is already pinned; refuse a different key."""
    pin = PinnedKey.get_or_none(PinnedKey.person == manifest["sender"])
    if pin is None:
        return False
    if pin.public_key != manifest["public_key"]:
        raise PackageError(
            f"This package says it is from {manifest['sender_name']} but is signed with a "
            f"different key (fingerprint {keys.fingerprint(manifest['public_key'])}) from the "
            f"one first seen from them ({pin.fingerprint}). It was not opened. If they really "
            "have a new computer, check the new fingerprint with them by phone."
        )
    return True


def _pin(manifest: dict) -> None:
    PinnedKey.create(
        person=manifest["sender"],
        public_key=manifest["public_key"],
        fingerprint=keys.fingerprint(manifest["public_key"]),
    )


def _bind_mentor(sender: str) -> None:
    """The mentee accepts the sender into the free mentor place (a mentee's change)."""
    from .portfolios import add_member

    portfolio = Portfolio.select().where(~Portfolio.deleted).first()
    mentee = Person.get_by_id(portfolio.candidate_id)
    add_member(portfolio, mentee, Person.get_by_id(sender), MENTOR)


def _merge(package: Package, summary: ImportSummary) -> None:
    """Insert or replace each record whose (revision, time) is newer than what is here."""
    by_model: dict[type, list[dict]] = {}
    for model, row in package.records:
        by_model.setdefault(model, []).append(row)
    for model, rows in by_model.items():
        existing = _existing_versions(model, [r["uuid"] for r in rows])
        table = model._meta.table_name
        fresh = []
        for row in rows:
            here = existing.get(row["uuid"])
            if here is not None and (row["revision"], row["updated_at"]) <= here:
                summary.unchanged += 1
                continue
            bucket = summary.changed if here is not None else summary.new
            bucket[table] = bucket.get(table, 0) + 1
            fresh.append(row)
        _upsert(model, fresh)


def _existing_versions(model, uuids: list[str]) -> dict[str, tuple]:
    found = {}
    for start in range(0, len(uuids), BATCH):
        chunk = uuids[start : start + BATCH]
        query = model.select(model.uuid, model.revision, model.updated_at).where(
            model.uuid.in_(chunk)
        )
        for uuid, revision, updated_at in query.tuples():
            found[uuid] = (revision, updated_at)
    return found


def _upsert(model, rows: list[dict]) -> None:
    if not rows:
        return
    keep = [f for f in model._meta.sorted_fields if not f.primary_key]
    size = max(1, 30000 // len(model._meta.sorted_fields) // 2)
    for start in range(0, len(rows), size):
        (
            model.insert_many(rows[start : start + size])
            .on_conflict(conflict_target=[model._meta.primary_key], preserve=keep)
            .execute()
        )


def _move_blobs(incoming: list[Path], opened: OpenPortfolio) -> list[Path]:
    """Put verified files in place; return the ones that were not there before."""
    moved = []
    for source in incoming:
        target = blob_path(opened, source.name)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        moved.append(target)
    return moved


def _load_json_setting(key: str) -> dict:
    setting = Setting.get_or_none(Setting.key == key)
    try:
        value = json.loads(setting.value) if setting else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _remember_acks(manifest: dict, me: str) -> None:
    ack = manifest.get("acks", {}).get(me)
    if isinstance(ack, dict):
        Setting.replace(key=ACK_KEY + manifest["sender"], value=json.dumps(ack)).execute()


def _add_news(summary: ImportSummary) -> None:
    news = _load_json_setting(NEWS_KEY)
    for bucket in (summary.new, summary.changed):
        for table, count in bucket.items():
            news[table] = news.get(table, 0) + count
    if news:
        Setting.replace(key=NEWS_KEY, value=json.dumps(news)).execute()


def news() -> dict[str, int]:
    """Record counts by table that arrived since ``mark_seen``."""
    return {k: v for k, v in _load_json_setting(NEWS_KEY).items() if isinstance(v, int)}


def mark_seen() -> None:
    Setting.delete().where(Setting.key == NEWS_KEY).execute()


# Opening a package from the command line or the welcome screen ---------------------------


def unpack(path: Path | str, identity: Identity, root: Path | str | None = None) -> ImportSummary:
    """Apply a package to its portfolio folder, creating the copy on first sight."""
    from .mentor_home import find_portfolio, new_copy_folder, remember_portfolio

    package = read_package(path)
    manifest = package.manifest
    root = Path(root) if root else find_portfolio(manifest["portfolio"])
    if root is None:
        root = new_copy_folder(manifest)
    if db.PortfolioFolder(root).exists():
        from .portfolios import open_portfolio

        with open_portfolio(root, holder=identity.name) as opened:
            actor = Person.get_or_none(Person.uuid == identity.uuid)
            if actor is None:
                raise PackageError(
                    f"You ({identity.name}) are not a member of the portfolio in {root}."
                )
            summary = import_package(opened, actor, path, package)
    else:
        summary = create_copy(package, identity, root)
    remember_portfolio(manifest["portfolio"], root)
    return summary


def create_copy(package: Package, identity: Identity, root: Path) -> ImportSummary:
    """The receiver's own copy of a portfolio, made from the mentee's first package."""
    manifest = package.manifest
    portfolio = next((r for m, r in package.records if m is Portfolio), None)
    if portfolio is None:
        raise PackageError(
            f"{package.path.name} holds only recent changes to '{manifest['portfolio_title']}', "
            f"which you do not have yet. Ask {manifest['sender_name']} to send a full package."
        )
    created = not root.exists()
    if root.exists() and any(root.iterdir()):
        raise PackageError(f"{root} is not empty; choose an empty folder for the new portfolio.")
    folder = db.PortfolioFolder(root)
    root.mkdir(parents=True, exist_ok=True)
    lock = db.PortfolioLock(root, identity.name)
    lock.acquire()
    try:
        db.connect(folder)
        db.migrate(folder, all_models())
        with db.database.atomic():
            actor = ensure_person(identity)
            opened = OpenPortfolio(folder, lock, None)
            summary = _apply(opened, actor, package)
            _take_mentor_place(actor, manifest)
        summary.created_copy = True
    except BaseException:
        db.database.close()
        lock.release()
        shutil.rmtree(root, ignore_errors=True) if created else _empty_folder(root)
        raise
    db.database.close()
    lock.release()
    return summary


def _empty_folder(root: Path) -> None:
    for child in root.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


def _take_mentor_place(actor: Person, manifest: dict) -> None:
    """On the mentor's machine, fill the free mentor place with the local user.

    The mentee's own record is bound when the mentor's first package reaches
    them (their next package then carries it here). Until then the place is
    filled here only, without a new revision, so nothing of theirs is rewritten.
    """
    if actor.uuid == manifest["sender"]:
        return
    memberships = Membership.select().where(~Membership.deleted)
    if any(m.person_id == actor.uuid for m in memberships):
        return
    free = [m for m in memberships if m.role == MENTOR and m.person_id is None]
    if not free:
        raise PackageError(
            f"'{manifest['portfolio_title']}' has no free mentor place for you. Ask "
            f"{manifest['sender_name']} to name you as their mentor, then send the package again."
        )
    Membership.update(person=actor.uuid).where(Membership.uuid == free[0].uuid).execute()
