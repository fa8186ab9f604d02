"""Opening a package where no portfolio is open: find its folder, or make the copy.

The mentor's first package from a mentee creates the mentor's copy of the
portfolio (a new folder); the free mentor place is filled there with the local
user until the mentee's own binding arrives.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from peewee import IntegrityError

from . import db
from .errors import PackageError
from .exchange import ImportSummary, apply_verified, import_package, integrity_message
from .exchange_reader import Package, read_package
from .identity import Identity
from .models import Membership, Person, Portfolio, all_models
from .portfolios import MENTOR, OpenPortfolio, ensure_person


def unpack(
    path: Path | str,
    identity: Identity,
    root: Path | str | None = None,
    *,
    confirmed_key: str | None = None,
) -> ImportSummary:
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
            summary = import_package(opened, actor, path, package, confirmed_key=confirmed_key)
    else:
        summary = create_copy(package, identity, root, confirmed_key=confirmed_key)
    remember_portfolio(manifest["portfolio"], root)
    return summary


def create_copy(
    package: Package, identity: Identity, root: Path, *, confirmed_key: str | None = None
) -> ImportSummary:
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
            summary = apply_verified(opened, actor, package, confirmed_key)
            _take_mentor_place(actor, manifest)
        summary.created_copy = True
    except BaseException as exc:
        db.database.close()
        lock.release()
        shutil.rmtree(root, ignore_errors=True) if created else _empty_folder(root)
        if isinstance(exc, IntegrityError):  # deferred references are checked at the end
            raise PackageError(integrity_message(package, exc)) from None
        raise
    db.database.close()
    lock.release()
    return summary


def _empty_folder(root: Path) -> None:
    for child in root.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


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
