"""Creating and opening portfolios, people in them and their roles."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from workbench import __version__
from workbench.errors import (
    CorruptDatabase,
    NotAPortfolio,
    NotFound,
    StorageError,
    ValidationError,
)
from workbench.store import db, leftovers
from workbench.store.identity import Identity
from workbench.store.limits import clean_name
from workbench.store.models import Membership, Person, Portfolio, Setting, all_models
from workbench.store.roles import MENTEE, MENTOR, require_role
from workbench.versions import WRITTEN_BY

if TYPE_CHECKING:
    from workbench.frameworks.spec import FrameworkSpec

T = TypeVar("T")


@dataclass
class OpenPortfolio:
    """A portfolio folder opened by this process, holding its lock."""

    folder: db.PortfolioFolder
    lock: db.PortfolioLock
    portfolio: Portfolio
    # What a killed process had left here, removed on opening (relative paths).
    cleaned: list[str] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.folder.root

    def back_up(self) -> None:
        """The hourly backup copy (at most one an hour), as a clear error if it fails."""
        try:
            db.rolling_backup(self.folder)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"Could not make the hourly backup: {exc}") from None

    def reload(self) -> Portfolio:
        """Read the portfolio record again (a package may have changed it)."""
        self.portfolio = Portfolio.get_by_id(self.portfolio.uuid)
        return self.portfolio

    def close(self) -> None:
        db.disconnect()
        self.lock.release()

    def __enter__(self) -> OpenPortfolio:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def remove_leftovers(folder: db.PortfolioFolder) -> list[str]:
    """Remove what a killed process left in a portfolio whose lock we now hold.

    Staging folders and temp files name the process that writes them: only
    those of a process that is gone are removed. Holding the lock means no
    one else is making a backup copy here, so a partial one is stale.
    """
    gone = leftovers.remove_stale_staging(folder.blobs)
    gone += leftovers.remove_stale_temp_files(folder.root)
    for partial in folder.backups.glob("*.partial"):  # a backup copy cut short
        partial.unlink(missing_ok=True)
        gone.append(partial)
    return [path.relative_to(folder.root).as_posix() for path in gone]


def _open_folder(
    root: Path, holder: str, backup: bool = True
) -> tuple[db.PortfolioFolder, db.PortfolioLock, list]:
    folder = db.PortfolioFolder(Path(root))
    folder.root.mkdir(parents=True, exist_ok=True)
    lock = db.PortfolioLock(folder.root, holder)
    lock.acquire()
    try:
        cleaned = remove_leftovers(folder)
        existed = folder.exists()
        if existed:
            db.schema_version(folder.database)  # a clear error for a corrupt file
        db.connect(folder)
        db.migrate(folder, all_models())
        if get_setting(WRITTEN_BY) != __version__:  # named if an older release refuses it
            set_setting(WRITTEN_BY, __version__)
        if existed and backup:
            db.rolling_backup(folder)
    except sqlite3.DatabaseError as exc:
        db.disconnect()
        lock.release()
        raise CorruptDatabase(
            f"The portfolio database {folder.database} is damaged ({exc}). "
            "The latest backup copy can be restored in its place."
        ) from None
    except Exception:
        db.disconnect()
        lock.release()
        raise
    return folder, lock, cleaned


def open_portfolio(root: Path | str, holder: str = "", *, backup: bool = True) -> OpenPortfolio:
    """Open an existing portfolio folder (migrating it if it is older).

    ``backup=False`` skips the rolling backup, for a folder made a moment ago.
    """
    folder = db.require_portfolio(Path(root))
    folder, lock, cleaned = _open_folder(folder.root, holder, backup)
    portfolio = Portfolio.select().where(~Portfolio.deleted).first()
    if portfolio is None:
        db.disconnect()
        lock.release()
        raise NotAPortfolio(f"{root} has a database but no portfolio in it.")
    return OpenPortfolio(folder, lock, portfolio, cleaned)


def backups_of(root: Path | str) -> list[Path]:
    """The backup copies of a portfolio folder, newest first."""
    return db.list_backups(db.PortfolioFolder(Path(root)))


def require_is_portfolio(root: Path | str) -> None:
    """Refuse a folder that holds no portfolio (``NotAPortfolio``), opening nothing."""
    db.require_portfolio(Path(root))


def restore_from_backup(root: Path | str, backup: Path | None = None, holder: str = "") -> Path:
    """Replace a closed portfolio's database by a backup (the latest by default).

    Returns the backup used. The replaced file is kept in ``backups/``.
    """
    folder = db.PortfolioFolder(Path(root))
    backups = db.list_backups(folder)
    if backup is None:
        if not backups:
            raise NotFound(f"The portfolio in {root} has no backup copies yet.")
        backup = backups[0]
    lock = db.PortfolioLock(folder.root, holder or "restoring a backup")
    lock.acquire()
    try:
        db.restore_backup(folder, Path(backup))
    finally:
        lock.release()
    return Path(backup)


def ensure_person(identity: Identity) -> Person:
    """The Person record of an identity, made on first use (it is its own author)."""
    person = Person.get_or_none(Person.uuid == identity.uuid)
    if person is None:
        name = clean_name(identity.name)
        person = Person.create(uuid=identity.uuid, author=identity.uuid, name=name)
    return person


def require_new_folder(root: Path) -> None:
    """A new portfolio goes into a folder that does not exist yet, or an empty one."""
    if db.PortfolioFolder(root).exists():
        raise ValidationError(f"{root} already holds a portfolio.")
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ValidationError(f"{root} is not empty; choose an empty folder for the new portfolio.")


def build_folder(root: Path, holder: str, fill: Callable[[OpenPortfolio], T]) -> T:
    """Make a new portfolio folder whole or not at all.

    ``fill`` writes the new database in a hidden sibling folder, which is
    renamed to ``root`` when it returns; a failure or a kill at any moment
    leaves nothing at ``root`` (a later call removes the sibling).
    """
    root = Path(root)
    require_new_folder(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    leftovers.remove_stale_creating(root.parent)
    building = Path(tempfile.mkdtemp(prefix=leftovers.creating_prefix(root), dir=root.parent))
    try:
        folder = db.PortfolioFolder(building)
        lock = db.PortfolioLock(building, holder)
        lock.acquire()
        try:
            db.connect(folder)
            db.migrate(folder, all_models())
            result = fill(OpenPortfolio(folder, lock, None))
        finally:
            db.disconnect()
            lock.release()
        if root.is_dir():
            root.rmdir()  # checked empty; refuses if something arrived meanwhile
        os.rename(building, root)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return result


def create_portfolio(
    root: Path | str,
    mentee: Identity,
    *,
    route: str,
    title: str = "",
    mentor_name: str = "",
    start_date: date | None = None,
    target_date: date | None = None,
    framework: FrameworkSpec | None = None,
) -> OpenPortfolio:
    """Make a new portfolio folder whose mentee is ``mentee``; return it opened.

    With a ``framework``, it is installed and the start snapshot taken in the
    same transaction, so the portfolio is ready to rate (the wizard and the
    ``new`` command do this).
    """
    # The routes are read from their resource file: opening a portfolio needs none.
    from workbench.frameworks.routes import get_route

    root = Path(root)
    route_info = get_route(route)
    start_date = start_date or date.today()
    if target_date and target_date < start_date:
        raise ValidationError("The target submission date is before the start date.")

    def fill(_building: OpenPortfolio) -> None:
        with db.database.atomic():
            person = ensure_person(mentee)
            portfolio = Portfolio.create(
                author=person.uuid,
                title=clean_name(title.strip() or f"{route_info.name} portfolio of {person.name}"),
                candidate=person,
                route=route_info.code,
                start_date=start_date,
                target_date=target_date,
            )
            Membership.create(
                author=person.uuid,
                portfolio=portfolio,
                person=person,
                name=person.name,
                role=MENTEE,
            )
            if mentor_name.strip():
                Membership.create(
                    author=person.uuid,
                    portfolio=portfolio,
                    name=clean_name(mentor_name),
                    role=MENTOR,
                )
            if framework is not None:
                _start_matrix(portfolio, person, framework, start_date)

    build_folder(root, mentee.name, fill)
    return open_portfolio(root, holder=mentee.name, backup=False)


def _start_matrix(portfolio: Portfolio, me: Person, spec: FrameworkSpec, start: date) -> None:
    """Install the framework and take the start snapshot (dated no later than today)."""
    # the framework library and the matrix are needed to create a portfolio, not to open one
    from workbench.frameworks.library import install_framework
    from workbench.matrix.ratings import begin_snapshot

    portfolio.framework = install_framework(spec, me)
    portfolio.save()
    begin_snapshot(portfolio, me, "start", taken_on=min(start, date.today()))


def add_member(portfolio: Portfolio, actor: Person, person: Person, role: str) -> Membership:
    """Record that ``person`` takes ``role`` in the portfolio (the mentee decides)."""
    require_role(portfolio, actor, MENTEE)
    with db.database.atomic():
        membership = (
            Membership.select()
            .where(
                Membership.portfolio == portfolio,
                Membership.role == role,
                Membership.person.is_null(),
                ~Membership.deleted,
            )
            .first()
        )
        if membership is None:
            return Membership.create(
                author=actor.uuid, portfolio=portfolio, person=person, name=person.name, role=role
            )
        membership.person = person
        membership.name = person.name
        membership.touch()
        membership.save()
        return membership


def membership_problem(before: dict | None, after: dict, candidate: str) -> str | None:
    """Why a membership record may not become ``after`` (None when it may).

    The one rule of who holds which place, for the mentee's own changes and for
    records arriving in a package: the candidate is the only mentee and never a
    mentor; a place keeps its role and portfolio; a place given to someone is
    never handed to another person (a new mentor gets a new place); the
    candidate's place is never removed.
    """
    role, person = after["role"], after["person"]
    if role not in (MENTEE, MENTOR):
        return f"names an unknown role '{role}'"
    if role == MENTEE and person != candidate:
        return "names someone other than the candidate as the mentee"
    if role == MENTOR and person == candidate:
        return "makes the candidate their own mentor"
    if role == MENTEE and after["deleted"]:
        return "removes the candidate from their own portfolio"
    if before is None:
        return None
    if before["role"] != role or before["portfolio"] != after["portfolio"]:
        return "changes the role of an existing place"
    if before["person"] and person and before["person"] != person:
        return "gives a member's place to someone else"
    return None


def members(portfolio: Portfolio) -> list[Membership]:
    return list(
        Membership.select()
        .where(Membership.portfolio == portfolio, ~Membership.deleted)
        .order_by(Membership.role)  # the mentee first
    )


def person_with_role(portfolio: Portfolio, role: str) -> Person | None:
    for membership in members(portfolio):
        if membership.role == role and membership.person_id:
            return membership.person
    return None


def get_setting(key: str, default: str = "") -> str:
    setting = Setting.get_or_none(Setting.key == key)
    return setting.value if setting else default


def set_setting(key: str, value: str) -> None:
    Setting.replace(key=key, value=value).execute()
