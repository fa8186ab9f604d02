"""Opening a package where no portfolio is open: find its folder, or make the copy.

The mentor's first package from a mentee creates the mentor's copy of the
portfolio (a new folder); the free mentor place is filled there with the local
user until the mentee's own binding arrives. The copy appears whole or not at
all: it is built beside its folder and renamed into place.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from peewee import IntegrityError

from workbench.errors import PackageError
from workbench.exchange.apply import (
    ImportSummary,
    apply_verified,
    import_package,
    integrity_message,
)
from workbench.exchange.reader import Package, read_package
from workbench.journey.mentor_home import find_portfolio, new_copy_folder, remember_portfolio
from workbench.store import db
from workbench.store.db import DB_NAME, HOLDER_NAME, LOCK_NAME
from workbench.store.identity import Identity
from workbench.store.leftovers import TEMP_NAME, creating_prefix, remove_stale_temp_files
from workbench.store.models import Membership, Person, Portfolio
from workbench.store.portfolios import (
    MENTOR,
    OpenPortfolio,
    build_folder,
    ensure_person,
    open_portfolio,
)
from workbench.store.user_data import data_dir


def unpack(
    path: Path | str,
    identity: Identity,
    root: Path | str | None = None,
    *,
    confirmed_key: str | None = None,
) -> ImportSummary:
    """Apply a package to its portfolio folder, creating the copy on first sight."""

    package = read_package(path)
    remove_stale_temp_files(package.path.parent)  # a killed pack's, e.g. in the sync folder
    remove_stale_temp_files(data_dir())  # the list of portfolios is rewritten below
    manifest = package.manifest
    root = Path(root) if root else find_portfolio(manifest["portfolio"])
    if root is None:
        root = new_copy_folder(manifest)
    if db.PortfolioFolder(root).exists() and not _is_unfinished(root):
        with open_portfolio(root, holder=identity.name) as opened:
            actor = Person.get_or_none(Person.uuid == identity.uuid)
            if actor is None:
                raise PackageError(
                    f"You ({identity.name}) are not a member of the portfolio in {root}."
                )
            summary = import_package(opened, actor, path, package, confirmed_key=confirmed_key)
    else:
        summary = create_copy(package, identity, root, confirmed_key=confirmed_key)
    remember_portfolio(manifest["portfolio"], root)
    return summary


def copy_in_new_folder(
    package: Package, identity: Identity, *, confirmed_key: str | None = None
) -> ImportSummary:
    """The receiver's first copy, in a new folder of the user's data folder and
    remembered among their portfolios (``summary.root`` says where)."""
    manifest = package.manifest
    root = new_copy_folder(manifest)
    summary = create_copy(package, identity, root, confirmed_key=confirmed_key)
    remember_portfolio(manifest["portfolio"], root)
    return summary


def create_copy(
    package: Package, identity: Identity, root: Path, *, confirmed_key: str | None = None
) -> ImportSummary:
    """The receiver's own copy of a portfolio, made from the mentee's first package.

    It appears whole or not at all (``build_folder``). A copy an older
    version left unfinished at ``root`` is made again.
    """
    manifest = package.manifest
    if not any(m is Portfolio for m, _r in package.controls):
        raise PackageError(
            f"{package.path.name} holds only recent changes to '{manifest['portfolio_title']}', "
            f"which you do not have yet. Ask {manifest['sender_name']} to send a full package."
        )
    discard_unfinished_copy(root)

    def fill(opened: OpenPortfolio) -> ImportSummary:
        with db.database.atomic():
            actor = ensure_person(identity)
            summary = apply_verified(opened, actor, package, confirmed_key)
            _take_mentor_place(actor, manifest)
        return summary

    try:
        summary = build_folder(root, identity.name, fill)
    except IntegrityError as exc:  # deferred references are checked at the end
        raise PackageError(integrity_message(package, exc)) from None
    summary.created_copy = True
    summary.root = root
    return summary


def discard_unfinished_copy(root: Path) -> bool:
    """Remove a copy an older version left half-made at ``root``, so it is made again.

    Such a folder holds a database with no portfolio in it and no record of
    value (only the receiver's own person, settings or pinned keys), and
    nothing but the workbench's own files. Anything else is left alone.
    """
    if not _is_unfinished(root):
        return False
    lock = db.PortfolioLock(root, "removing an unfinished copy")
    lock.acquire()  # refuses when someone has it open
    aside = Path(tempfile.mkdtemp(prefix=creating_prefix(root), dir=root.parent))
    try:
        os.replace(root, aside / root.name)
    finally:
        lock.release()
    shutil.rmtree(aside, ignore_errors=True)
    return True


OWN_FILES = {DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", "blobs", "backups"}
OWN_FILES |= {LOCK_NAME, HOLDER_NAME}
WORTHLESS_TABLES = {"person", "setting", "pinned_key", "sqlite_sequence"}


def _is_unfinished(root: Path) -> bool:
    database = root / DB_NAME
    if not database.is_file():
        return False
    if any(
        child.name not in OWN_FILES and not TEMP_NAME.match(child.name) for child in root.iterdir()
    ):
        return False
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=2)) as conn:
            tables = [
                name
                for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if name not in WORTHLESS_TABLES
            ]
            return not any(
                conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() for name in tables
            )
    except sqlite3.Error:
        return False  # unreadable is not the same as empty: the user may restore a backup


def _take_mentor_place(actor: Person, manifest: dict) -> None:
    """On the mentor's computer, fill the free mentor place with the local user.

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
