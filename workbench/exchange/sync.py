"""The sync folder: any folder a file-sync service carries between computers.

What the sync folder guarantees:

* **One writer per file.** Each person writes only their own file of each
  portfolio, ``<portfolio uuid>.<person uuid>.wbpack``, so Dropbox, OneDrive,
  Nextcloud, Syncthing, a network share or a USB stick never see two writers of
  one file. A mentor sharing one folder with several mentees writes one file
  per portfolio, and each open portfolio reads only the files named for it
  (older ``<person uuid>.wbpack`` files are still read when the portfolio inside
  them is this one). The portfolio's database never lives there.
* **Changes are detected by content.** A file is read again only when the
  SHA-256 of its bytes differs from the one last handled: size and time repeat
  on coarse file systems (FAT, SMB), content does not.
* **Our own file is kept right.** It is written after our changes, and again
  whenever it is missing or its hash is not what we last wrote (an older copy
  put back by a restore or a conflict resolution).
* **A bad file is set aside, never touched.** Renaming or deleting another
  person's file would travel back to them, so a file that cannot be read or is
  refused is remembered by its hash and skipped until it changes, with one
  sentence naming it; the other files are still read. A package whose sender's
  key this user has not confirmed is *waiting*: it stays unhandled until the
  user answers, and once they decline that key it is only mentioned, not asked.
* **Only our names count.** Temp files (Syncthing's ``.syncthing.*.tmp`` and
  ``~syncthing~*.tmp``, ours) are never read. Conflict copies of another
  person's file (``*.sync-conflict-*``, Dropbox's and Nextcloud's "conflicted
  copy", OneDrive's ``-COMPUTERNAME``) are read quietly like the file itself:
  verified, then merged, so a copy holding newer records brings them and an
  older one changes nothing; a copy that cannot be read is skipped unsaid.
* **A file still arriving is not an error.** One that stops short (a copy in
  progress, written in place by the service) is skipped until it changes, with
  a calm line saying it is still arriving; the next change is read in full.
* **Nothing escapes a pass.** Whatever goes wrong with one file becomes a
  sentence in ``SyncResult.errors``; only a missing or unlistable folder stops a
  pass, with one ``WorkbenchError``, and the next pass tries again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import (
    IncompletePackage,
    PackageError,
    UnconfirmedKey,
    ValidationError,
    WorkbenchError,
)
from workbench.exchange.apply import ImportSummary, holdings, import_package
from workbench.exchange.pack import plan_pack, write_pack
from workbench.exchange.relay import OWN_KEY
from workbench.exchange.sync_files import (
    FILE_NAME,
    FolderScan,
    OwnPlan,
    OwnWritten,
    Scanned,
    ScanRequest,
    file_sha256,
    is_engine_copy,
    other_files,
    require_folder,
    scan_folder,
    scan_one,
    write_failed,
)
from workbench.store.models import Person, Portfolio, Setting
from workbench.store.portfolios import OpenPortfolio, get_setting, set_setting

FOLDER_KEY = "sync.folder"
BLOBS_KEY = "sync.blobs"
WRITTEN_KEY = "sync.written"  # digest of what our last written package held
OWN_HASH_KEY = "sync.own_sha256"  # SHA-256 of the file we last wrote
SEEN_KEY = "sync.seen."  # + file name: SHA-256 of the content last handled or set aside
DECLINED_KEY = "sync.declined."  # + sender uuid: the public key the user declined

__all__ = ["FILE_NAME", "FolderScan", "OwnPlan", "OwnWritten", "file_sha256", "scan_folder"]


@dataclass
class Waiting:
    """A package in the folder whose sender's key the user has not confirmed."""

    path: Path
    digest: str  # SHA-256 of the file when it was read
    question: UnconfirmedKey
    declined: bool = False  # the user declined this key before: mention, do not ask

    @property
    def token(self) -> tuple[str, str]:
        """What the user is asked about at most once: this content, this key."""
        return (self.digest, self.question.public_key)

    def sentence(self) -> str:
        return (
            f"A package from {self.question.sender_name} in the sync folder is waiting "
            "for you to confirm their key"
        )


@dataclass
class SyncResult:
    """What one pass of the sync folder did."""

    imported: list[ImportSummary] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    arriving: list[str] = field(default_factory=list)  # files still being copied in
    written: Path | None = None

    @property
    def brought_news(self) -> bool:
        return any(not s.nothing_new for s in self.imported)

    def arriving_sentences(self) -> list[str]:
        return [
            f"{name} is still arriving in the sync folder; it is read once it is complete"
            for name in self.arriving
        ]


def sync_folder() -> Path | None:
    value = get_setting(FOLDER_KEY)
    return Path(value) if value else None


def set_sync_folder(folder: Path | str | None, include_files: bool = True) -> None:
    """Choose (or clear, with None) the sync folder of the open portfolio."""
    if folder is None:
        _forget_written(FOLDER_KEY)
        return
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError(f"The sync folder {folder} does not exist or is not a folder.")
    if (folder / "portfolio.sqlite3").exists():
        raise ValidationError(
            f"{folder} holds a portfolio database; choose a separate folder for sync."
        )
    set_setting(FOLDER_KEY, str(folder.resolve()))
    set_setting(BLOBS_KEY, "1" if include_files else "0")
    _forget_written()


def _forget_written(*more: str) -> None:
    keys = [WRITTEN_KEY, OWN_HASH_KEY, *more]
    Setting.delete().where(Setting.key.in_(keys)).execute()


# Our own file ---------------------------------------------------------------------------


def own_file(folder: Path, portfolio: Portfolio, person: Person) -> Path:
    """The one file ``person`` writes for ``portfolio``."""
    return folder / f"{portfolio.uuid}.{person.uuid}.wbpack"


def write_own(opened: OpenPortfolio, actor: Person, *, force: bool = False) -> Path | None:
    """Write the actor's package if anything changed, or if the file there is not ours.

    Raises ``WorkbenchError`` or ``OSError``; ``write_pass`` turns both into a sentence.
    """
    folder = sync_folder()
    if folder is None:
        return None
    require_folder(folder)
    target = own_file(folder, opened.portfolio, actor)
    own = plan_own(opened, actor, _sha_or_none(target), force=force)
    if own is None:
        return None
    write_pack(own.plan)
    record_written(own, OwnWritten(target, file_sha256(target)))
    return target


def plan_own(
    opened: OpenPortfolio, actor: Person, own_sha: str | None, *, force: bool = False
) -> OwnPlan | None:
    """Read our package from the database, unless the file there (``own_sha``) is up to date.

    The database half of writing our file; ``sync_files.write_planned`` writes it.
    """
    folder = sync_folder()
    if folder is None:
        return None
    state = _holdings_state(actor)
    still_ours = own_sha is not None and own_sha == get_setting(OWN_HASH_KEY)
    if not force and get_setting(WRITTEN_KEY) == state and still_ours:
        return None
    include = get_setting(BLOBS_KEY, "1") == "1"
    target = own_file(folder, opened.portfolio, actor)
    plan = plan_pack(opened, actor, target, changes_only=True, include_blobs=include)
    return OwnPlan(plan, _holdings_state(actor))  # planning may stamp our key


def record_written(own: OwnPlan, written: OwnWritten) -> None:
    """Remember what our file holds and its hash, so it is written again only when needed."""
    if written.path is None:
        return
    set_setting(WRITTEN_KEY, own.state)
    set_setting(OWN_HASH_KEY, written.sha256)


def _holdings_state(actor: Person) -> str:
    """A digest of what our package would hold: our records, what we acknowledged,
    and what the others say they hold of their own (we may hand some back)."""
    digest = hashlib.sha256(json.dumps(holdings(actor.uuid), sort_keys=True).encode()).hexdigest()
    acks = {**_settings_with("exchange.ack."), **_settings_with(OWN_KEY)}
    return hashlib.sha256((digest + json.dumps(acks, sort_keys=True)).encode()).hexdigest()


def _sha_or_none(target: Path) -> str | None:
    try:
        return file_sha256(target)
    except OSError:
        return None  # missing or unreadable: write it again


def write_pass(opened: OpenPortfolio, actor: Person) -> SyncResult:
    """Write our package; a failure becomes a sentence and is tried again next pass."""
    result = SyncResult()
    try:
        result.written = write_own(opened, actor)
    except WorkbenchError as exc:
        result.errors.append(str(exc).rstrip("."))
    except OSError as exc:
        result.errors.append(write_failed(sync_folder(), exc))
    return result


def _settings_with(prefix: str) -> dict[str, str]:
    return {s.key: s.value for s in Setting.select().where(Setting.key.startswith(prefix))}


# The others' files ----------------------------------------------------------------------


def others_files(folder: Path, portfolio: Portfolio, actor: Person) -> list[Path]:
    """The other people's packages of this portfolio in the folder (see ``other_files``)."""
    return other_files(folder, portfolio.uuid, actor.uuid)


def scan_request(
    opened: OpenPortfolio,
    actor: Person,
    *,
    reads: bool = True,
    only: Path | None = None,
    force: bool = False,
) -> ScanRequest | None:
    """What ``scan_folder`` needs, read from the database; None when nothing is synced."""
    folder = sync_folder()
    if folder is None:
        return None
    return ScanRequest(
        folder=folder,
        root=opened.root,
        portfolio=opened.portfolio.uuid,
        actor=actor.uuid,
        own=own_file(folder, opened.portfolio, actor),
        seen={k[len(SEEN_KEY) :]: v for k, v in _settings_with(SEEN_KEY).items()},
        reads=reads,
        only=only,
        force=force,
    )


def import_others(opened: OpenPortfolio, actor: Person) -> SyncResult:
    """Open each other person's package whose content changed since it was last handled."""
    request = scan_request(opened, actor)
    if request is None:
        return SyncResult()
    return apply_scan(opened, actor, scan_folder(request))


def apply_scan(
    opened: OpenPortfolio, actor: Person, scan: FolderScan, confirmed_key: str | None = None
) -> SyncResult:
    """The database half of reading the folder: import what the scan read, record the hashes."""
    result = SyncResult()
    try:
        for item in scan.files:
            apply_one(opened, actor, item, result, confirmed_key)
    finally:
        scan.discard()  # whatever an import did not take
    return result


def read_one(
    opened: OpenPortfolio,
    actor: Person,
    path: Path,
    result: SyncResult,
    confirmed_key: str | None = None,
) -> None:
    """Import one file if its content is new to us; whatever happens lands in ``result``."""
    request = scan_request(opened, actor, only=path, force=confirmed_key is not None)
    item = scan_one(request, path) if request is not None else None
    if item is not None:
        try:
            apply_one(opened, actor, item, result, confirmed_key)
        finally:
            FolderScan([item]).discard()


def apply_one(
    opened: OpenPortfolio,
    actor: Person,
    item: Scanned,
    result: SyncResult,
    confirmed_key: str | None = None,
) -> None:
    """Judge one scanned file and import it if its content is new; the outcome lands in
    ``result``. Runs where the database lives."""
    path, digest = item.path, item.digest
    seen = SEEN_KEY + path.name
    # a sync service's conflict copy: merged like any package, its problems never told
    said = result.errors if not is_engine_copy(path) else []
    if item.hash_error is not None:
        exc = item.hash_error
        token = f"unreadable:{exc.errno}"
        if get_setting(seen) != token:
            set_setting(seen, token)
            said.append(f"{path.name} in the sync folder cannot be read ({exc.strerror})")
        return
    if get_setting(seen) == digest and confirmed_key is None:
        return
    try:
        if item.error is not None:
            raise item.error  # reading or staging it failed in the scan
        if item.package is None:
            return  # the scan took it as handled before
        result.imported.append(
            import_package(opened, actor, path, item.package, confirmed_key=confirmed_key)
        )
    except UnconfirmedKey as question:
        if said is not result.errors:
            return  # the real file asks; the copy is read once the key is confirmed
        declined = get_setting(DECLINED_KEY + question.sender) == question.public_key
        result.waiting.append(Waiting(path, digest, question, declined))
        if not declined:
            return  # left unhandled: asked about, then read again
    except IncompletePackage:  # still being copied in: read again when it changes
        if said is result.errors:
            result.arriving.append(path.name)
    except PackageError as exc:  # the file's fault: skip it until it changes
        said.append(_set_aside(path, exc))
    except (WorkbenchError, OSError) as exc:  # ours (disk full, busy): try again next pass
        said.append(_try_again(path, exc))
        return
    except Exception as exc:  # a fault of ours with this content: one file never stops the rest
        said.append(_set_aside(path, exc))
    set_setting(seen, digest)


def _set_aside(path: Path, exc: Exception) -> str:
    """One sentence for a file that is skipped until its content changes."""
    if isinstance(exc, WorkbenchError):
        reason = str(exc).rstrip(". ")
    else:
        reason = f"{path.name} could not be read ({type(exc).__name__}: {exc})"
    return f"{reason} (set aside until it changes)"


def _try_again(path: Path, exc: Exception) -> str:
    """One sentence for a file that could not be taken in for a reason of this computer's."""
    if isinstance(exc, OSError):
        return f"{path.name} could not be read ({exc.strerror or exc}); it will be tried again"
    return f"{str(exc).rstrip('. ')} ({path.name} will be tried again)"


def accept_waiting(opened: OpenPortfolio, actor: Person, waiting: Waiting) -> SyncResult:
    """Import a waiting package with the key the user just confirmed."""
    result = SyncResult()
    read_one(opened, actor, waiting.path, result, confirmed_key=waiting.question.public_key)
    return result


def decline_waiting(waiting: Waiting) -> None:
    """Remember that the user declined this sender's key, and skip this file's content."""
    set_setting(DECLINED_KEY + waiting.question.sender, waiting.question.public_key)
    set_setting(SEEN_KEY + waiting.path.name, waiting.digest)


def sync_now(opened: OpenPortfolio, actor: Person) -> SyncResult:
    """Bring in the others' changes, then write ours (with what we now hold)."""
    result = import_others(opened, actor)
    written = write_pass(opened, actor)
    result.written = written.written
    result.errors += written.errors
    return result
