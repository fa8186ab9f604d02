"""Applying a package (``.wbpack``) from the other person (writing one: ``pack``).

A package is a zip of ``manifest.json`` (format, portfolio, sender and their
public key, every entry with size and SHA-256), ``signature`` (Ed25519 over
the manifest bytes), ``records.jsonl`` (the sender's own records), their
signatures, records handed back to the receiver (``relay``) and
``blobs/<sha256>`` (evidence files). Reading checks everything before any
write (``reader``); whose key signs it is ``key_trust``, whose records they
are ``trust``. Applying is one transaction that keeps, for each uuid, the
highest (revision, updated_at) from its author. The records are read back from
the reader's spool a chunk at a time (``stream``); each chunk costs a few
queries per table, never one per record.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from peewee import IntegrityError

from workbench.errors import PackageError
from workbench.exchange.key_trust import (
    KEY_KNOWN,
    KEY_REPLACED,
    check_key,
    pin,
)
from workbench.exchange.merge import merge
from workbench.exchange.news import sentences, tally
from workbench.exchange.pack import (
    ACK_KEY,
    PackResult,
    blob_path,
    holdings,
    load_json_setting,
    pack,
)
from workbench.exchange.reader import Package, extract_blobs, read_package
from workbench.exchange.relay import OWN_KEY, remember, verified_own
from workbench.exchange.trust import check_portfolio_of_each, check_records, sender_role
from workbench.statement import placement as comment_placement
from workbench.store import db, keys
from workbench.store.models import (
    Membership,
    Person,
    Portfolio,
    Setting,
    StatementVersion,
)
from workbench.store.portfolios import MENTEE, MENTOR, OpenPortfolio, add_member, require_role

__all__ = ["ImportSummary", "PackResult", "holdings", "import_package", "pack"]

SUFFIX = ".wbpack"
NEWS_KEY = "exchange.news"  # what arrived since the user last looked
ARRIVED_KEY = "exchange.arrived."  # + sender uuid: when their last package brought anything


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
    relayed: int = 0  # records of the receiver's own, handed back by the sender
    pinned_fingerprint: str = ""
    key_replaced: bool = False
    created_copy: bool = False
    bound_member: bool = False
    news: Counter = field(default_factory=Counter)  # what arrived, see news.tally

    @property
    def nothing_new(self) -> bool:
        return not self.new and not self.changed and not self.blobs_added

    def lines(self) -> list[str]:
        """Plain sentences: what arrived from whom."""
        who = f"{self.sender_name} ({self.sender_role})"
        out = []
        if self.created_copy:
            out.append(
                f"Your copy of '{self.portfolio_title}' was made from the package "
                f"{self.sender_name} sent you."
            )
        if self.pinned_fingerprint and self.key_replaced:
            out.append(
                f"You accepted {self.sender_name}'s new key ({self.pinned_fingerprint}); "
                "their earlier key is no longer accepted."
            )
        elif self.pinned_fingerprint:
            out.append(
                f"{self.sender_name}'s key ({self.pinned_fingerprint}) is now remembered as "
                "the one you confirmed."
            )
        if self.bound_member:
            out.append(f"{self.sender_name} has joined as your {self.sender_role}.")
        told = sentences(self.news, self.sender_name)
        out += told
        if self.blobs_added:
            out.append(f"{_files(self.blobs_added)} arrived with it.")
        if self.relayed:
            out.append(
                f"{self.relayed} of your own changes, missing or older here, came back with "
                f"{self.sender_name}'s package."
            )
        if self.nothing_new:
            out.append(f"Nothing new from {who}: you already had all of it.")
        elif not told and not self.blobs_added and not self.created_copy:
            out.append(f"Nothing new to read from {who}: only background details changed.")
        return out


def _files(count: int) -> str:
    return "1 evidence file" if count == 1 else f"{count} evidence files"


# Applying a package --------------------------------------------------------------------


def import_package(
    opened: OpenPortfolio,
    actor: Person,
    path: Path | str,
    package: Package | None = None,
    *,
    confirmed_key: str | None = None,
    seen: bool = False,
) -> ImportSummary:
    """Verify a package and apply it to the open portfolio, all or nothing.

    A sender whose key this user has not confirmed (or whose key changed) is
    refused with ``UnconfirmedKey``; pass the key back as ``confirmed_key``
    once the user compared its fingerprint with the sender. ``seen``: the user
    is shown what came in, so nothing stays marked as new (``mark_seen``).
    """
    package = package or read_package(path)
    manifest = package.manifest
    if manifest["portfolio"] != opened.portfolio.uuid:
        raise PackageError(
            f"{package.path.name} belongs to the portfolio '{manifest['portfolio_title']}', "
            f"not to '{opened.portfolio.title}' which is open."
        )
    require_role(opened.portfolio, actor, MENTEE, MENTOR)
    summary = apply_verified(opened, actor, package, confirmed_key)
    opened.portfolio = Portfolio.get_by_id(opened.portfolio.uuid)
    if seen:
        mark_seen()
    return summary


def apply_verified(
    opened: OpenPortfolio, actor: Person, package: Package, confirmed_key: str | None = None
) -> ImportSummary:
    manifest = package.manifest
    role, bind = sender_role(package, actor)
    trust = check_key(manifest, actor, confirmed_key)
    check_records(package, role)
    relayed = verified_own(package.relayed, actor.uuid)
    check_portfolio_of_each(package, [(m, r) for m, r, _s in relayed])
    staging, incoming = package.staged or extract_blobs(package, opened.root)
    package.staged = None
    moved: list[Path] = []
    try:
        with db.database.atomic():
            summary = ImportSummary(
                root=opened.root,
                portfolio_title=manifest["portfolio_title"],
                sender_name=manifest["sender_name"],
                sender_role=role,
            )
            held = _places_held(actor)
            for chunk in package.records.chunks():  # a bounded number of rows at a time
                comment_placement.forget_stale(chunk)  # the places they move
                arrivals: list[tuple[str, dict, bool]] = []
                applied = merge(chunk, summary, actor.uuid, arrivals)
                summary.news += tally(arrivals, _version_numbers(arrivals))
                _keep_signatures(applied, package.signatures)
            mine_back = [(m, r) for m, r, _s in relayed]
            comment_placement.forget_stale(mine_back)
            handed_back = merge(mine_back, summary, actor.uuid)
            _keep_signatures(handed_back, {r["uuid"]: s for _m, r, s in relayed})
            summary.relayed = len(handed_back)
            _keep_places(actor, held)
            if bind:
                _bind_mentor(manifest["sender"])
                summary.bound_member = True
            if trust != KEY_KNOWN:
                pin(manifest)
                summary.pinned_fingerprint = keys.fingerprint(manifest["public_key"])
                summary.key_replaced = trust == KEY_REPLACED
            _remember_acks(manifest, actor.uuid)
            _remember_their_word(manifest)
            _add_news(summary)
            moved = _move_blobs(incoming, opened)
            summary.blobs_added = len(moved)
            if not summary.nothing_new:  # this computer's time, shown, never compared
                Setting.replace(
                    key=ARRIVED_KEY + manifest["sender"], value=str(db.utcnow())
                ).execute()
    except (IntegrityError, sqlite3.IntegrityError, PackageError) as exc:
        for path in moved:
            path.unlink(missing_ok=True)
        _keep_their_word_alone(manifest, trust)
        if isinstance(exc, PackageError):
            raise
        raise PackageError(integrity_message(package, exc)) from None  # upsert runs plain SQL
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        raise
    finally:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
    return summary


def integrity_message(package: Package, exc: Exception) -> str:
    name = package.path.name
    sender = package.manifest["sender_name"]
    if "FOREIGN KEY" in str(exc).upper():
        return (
            f"{name} refers to records this portfolio does not have. Open {sender}'s earlier "
            "packages first, or ask for a full package."
        )
    return f"{name} clashes with records already in this portfolio ({exc})."


def _places_held(actor: Person) -> list[str]:
    """The memberships naming the actor here, before a package is merged."""
    query = Membership.select(Membership.uuid).where(Membership.person == actor.uuid)
    return [uuid for (uuid,) in query.tuples()]


def _keep_places(actor: Person, held: list[str]) -> None:
    """A mentor place filled only on this computer stays filled after the mentee's
    newer record arrives still empty (before their own binding reaches us)."""
    if held:
        Membership.update(person=actor.uuid).where(
            Membership.uuid.in_(held), Membership.person.is_null()
        ).execute()


def _bind_mentor(sender: str) -> None:
    """The mentee accepts the sender into the free mentor place (a mentee's change)."""

    portfolio = Portfolio.select().where(~Portfolio.deleted).first()
    mentee = Person.get_by_id(portfolio.candidate_id)
    add_member(portfolio, mentee, Person.get_by_id(sender), MENTOR)


def _version_numbers(arrivals: list[tuple[str, dict, bool]]) -> dict[str, int]:
    """The numbers of the versions that arrived comments and sign-offs are about."""
    wanted = {row.get("version") for table, row, _new in arrivals if table in VERSIONED}
    wanted.discard(None)
    query = StatementVersion.select(StatementVersion.uuid, StatementVersion.number)
    return dict(query.where(StatementVersion.uuid.in_(list(wanted))).tuples()) if wanted else {}


VERSIONED = ("comment", "sign_off")


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


def _keep_signatures(applied: list, signatures: dict[str, str]) -> None:
    remember(
        [
            (r["uuid"], r["revision"], signatures[r["uuid"]])
            for _m, r in applied
            if r["uuid"] in signatures
        ]
    )


def _remember_their_word(manifest: dict) -> None:
    """What the sender holds of their own records: ours differing, we hand them back."""
    own = manifest.get("own")
    if isinstance(own, dict) and all(isinstance(v, str) for v in own.values()):
        Setting.replace(key=OWN_KEY + manifest["sender"], value=json.dumps(own)).execute()


def _keep_their_word_alone(manifest: dict, trust: str) -> None:
    """A trusted sender's refused package still says what they hold of their own
    records, so our next package hands back what they lack: the way out of a
    refusal that only those records resolve (a version renumbered after a restore)."""
    if trust == KEY_KNOWN:
        with db.database.atomic():
            _remember_their_word(manifest)


def _remember_acks(manifest: dict, me: str) -> None:
    ack = manifest.get("acks", {}).get(me)
    if isinstance(ack, dict):
        Setting.replace(key=ACK_KEY + manifest["sender"], value=json.dumps(ack)).execute()


def _add_news(summary: ImportSummary) -> None:
    news = load_json_setting(NEWS_KEY)
    for bucket in (summary.new, summary.changed):
        for table, count in bucket.items():
            news[table] = news.get(table, 0) + count
    if news:
        Setting.replace(key=NEWS_KEY, value=json.dumps(news)).execute()


def news() -> dict[str, int]:
    """Record counts by table that arrived since ``mark_seen``."""
    return {k: v for k, v in load_json_setting(NEWS_KEY).items() if isinstance(v, int)}


def mark_seen() -> None:
    Setting.delete().where(Setting.key == NEWS_KEY).execute()
