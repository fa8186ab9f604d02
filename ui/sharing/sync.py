"""The sync folder while the app runs: write ours after changes, import theirs when they change.

The controller follows ``window.session``: when a portfolio opens it marks its
news as seen and syncs once; a change in the portfolio writes our package a
few seconds later; a change in the folder imports the others' packages, and a
slow poll (for network shares whose changes are not signalled) does both, so a
write that failed or an older copy of our file put back is redone.

A pass runs its file work (listing, hashing, reading and checking packages,
writing ours) in a quiet job off the GUI thread, and only its database work
(``sync.apply_scan``, ``sync.plan_own``, ``sync.record_written``) on the GUI
thread, which owns the connection, once the user pauses in their typing
(``ui.sharing.sync_idle``). Passes never overlap: one asked for while another
runs waits its turn; closing the portfolio cancels a running one.

Everything it has to say goes to the status bar, never to a dialog: passes run
from timers while the user may be typing (``ui.sharing.sync_status``). A
package whose sender's key is not confirmed waits behind a button in the
status bar, so the user is asked only when they choose to, and once per file
content and key. A folder that cannot be used (unplugged, offline, read-only
here) is said once and shown by a notice while it lasts; an unavailable one is
tried every few seconds, and the notice goes when a pass finds it usable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ui.common import jobs
from ui.sharing.opening import confirm_key
from ui.sharing.sync_idle import IdleGate
from ui.sharing.sync_status import (
    FolderNotice,
    WaitingNotice,
    changed_kinds,
    describe,
    status_line,
)
from workbench.errors import WorkbenchError
from workbench.exchange import sync, sync_files
from workbench.exchange.apply import mark_seen

log = logging.getLogger(__name__)
FAILED = object()  # what a database step of a pass returns when it ended the pass

WRITE_DELAY_MS = 3000
READ_DELAY_MS = 800
POLL_MS = 60_000
RETRY_MS = 5000  # while the folder is unavailable


@dataclass
class Pass:
    """One pass asked for: read the others' files, write ours, or accept a waiting package."""

    reads: bool = False
    writes: bool = False
    accepting: sync.Waiting | None = None
    session: object = None
    result: sync.SyncResult = field(default_factory=sync.SyncResult)
    state: str | None = None  # the folder's state this pass found; None: nothing learnt


class SyncController(QObject):
    """Keeps the open portfolio's sync folder up to date in both directions."""

    # a sentence for the status bar after each pass that did something
    synced = Signal(str)
    # after each pass: its SyncResult, or None when it could not run or was cancelled
    pass_finished = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = None
        self.last_message = ""
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self.read_timer.start())
        self.watcher.fileChanged.connect(lambda _path: self.read_timer.start())
        self.write_timer = self._timer(WRITE_DELAY_MS, self.write_now, single=True)
        self.read_timer = self._timer(READ_DELAY_MS, self.read_now, single=True)
        self.poll_timer = self._timer(POLL_MS, self.sync_now)
        self.retry_timer = self._timer(RETRY_MS, self.sync_now)
        window.session_changed.connect(lambda _session: self.follow_session())
        self.synced.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.pending: dict[tuple[str, str], sync.Waiting] = {}  # not asked yet
        self.asked: set[tuple[str, str]] = set()  # (file content, key) answered once
        self.job: jobs.Job | None = None  # the file work of the pass now running
        self.queued: list[Pass] = []  # passes asked for while one ran
        self.gate = IdleGate(self)  # a pass's database steps wait for a pause in typing
        self.notice = WaitingNotice(window)
        self.notice.button.clicked.connect(self.answer_waiting)
        self.folder_notice = FolderNotice(window)
        window.statusBar().addPermanentWidget(self.notice)
        window.statusBar().addPermanentWidget(self.folder_notice)

    def _timer(self, interval: int, slot, single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.setSingleShot(single)
        timer.timeout.connect(slot)
        return timer

    def follow_session(self) -> None:
        """Follow the window's portfolio as it opens or closes."""
        session = self.window.session
        if session is self.session:
            return
        self.session = session
        self.stop()
        self.write_timer.stop()
        self.read_timer.stop()
        self.pending.clear()
        self.notice.show_waiting(None)
        self._set_state("")
        if session is None:
            self.poll_timer.stop()
            self._watch(None)
            return
        mark_seen()  # opening a portfolio is looking at what is new in it
        session.changed.connect(self._changed)
        self.folder_changed()

    def folder_changed(self) -> None:
        """Call after the sync folder setting changed: watch it and sync once."""
        folder = sync.sync_folder() if self.session else None
        self._watch(folder)
        self._set_state("")  # a new folder is judged afresh
        if folder is None:
            self.poll_timer.stop()
            self.pending.clear()  # nothing waits in a folder no longer synced
            self.notice.show_waiting(None)
            return
        self.poll_timer.start()
        self.sync_now()

    def _watch(self, folder) -> None:
        watched = self.watcher.directories() + self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        if folder is not None and folder.is_dir():
            self.watcher.addPath(str(folder))
            files = [str(p) for p in folder.glob("*.wbpack")]
            if files:
                self.watcher.addPaths(files)

    def _changed(self, what: set) -> None:
        if self.session is not None and self.sender() is self.session and sync.sync_folder():
            self.write_timer.start()

    def _ready(self) -> bool:
        return self.session is not None and self.session is self.window.session

    @property
    def busy(self) -> bool:
        return self.job is not None

    def stop(self, wait: bool = False) -> None:
        """Cancel the running pass (its file work is thrown away) and those waiting their turn."""
        self.queued.clear()
        job, self.job = self.job, None
        if job is not None:
            job.cancel()
            if wait:
                job.wait()
        if self.gate.drop():  # its file work was done; its database step will not run
            self.pass_finished.emit(None)

    def sync_now(self) -> bool:
        """Start a pass that reads the others' files, then writes ours; False if none can run."""
        return self._ask(Pass(reads=True, writes=True))

    def read_now(self) -> bool:
        return self._ask(Pass(reads=True))

    def write_now(self) -> bool:
        return self._ask(Pass(writes=True))

    def answer_waiting(self) -> bool:
        """Ask about the first waiting key (the user pressed the button): accept or decline."""
        if not self.pending or not self._ready():
            return False
        token, waiting = next(iter(self.pending.items()))
        del self.pending[token]
        self.asked.add(token)
        self.notice.show_waiting(next(iter(self.pending.values()), None))
        if not confirm_key(self.window, waiting.question):
            sync.decline_waiting(waiting)
            self._say(f"Sync: {waiting.sentence()}.")
            return False
        return self._ask(Pass(accepting=waiting))

    # One pass: file work in a job, database work here ---------------------------------

    def _ask(self, wanted: Pass) -> bool:
        if not self._ready() or sync.sync_folder() is None:
            return False
        if self.job is None:
            self._start(wanted)
            return True
        for queued in self.queued:  # one read-and-write pass waits, whatever was asked
            if wanted.accepting is None and queued.accepting is None:
                queued.reads |= wanted.reads
                queued.writes |= wanted.writes
                return True
        self.queued.append(wanted)
        return True

    def _start(self, this: Pass) -> None:
        this.session = session = self.session
        waiting = this.accepting
        request = self._guarded(
            this,
            lambda: sync.scan_request(
                session.opened,
                session.actor,
                reads=this.reads or waiting is not None,
                only=waiting.path if waiting else None,
                force=waiting is not None,
            ),
        )
        if request is FAILED:
            return
        if request is None:
            self._end(this, None)
            return
        self.job = jobs.start(
            partial(_scan, request),
            what="Sync",
            on_done=self.gate.later(partial(self._scanned, this), sync_files.FolderScan.discard),
            on_error=partial(self._failed, this),
            on_cancel=partial(self._cancelled, this),
            discard=sync_files.FolderScan.discard,
        )

    def _scanned(self, this: Pass, scan: sync_files.FolderScan) -> None:
        self.job = None
        if not self._still(this):
            scan.discard()
            self._end(this, None)
            return
        if scan.unavailable:  # unplugged or offline: say so once, try again soon
            if self._set_state(sync_files.UNAVAILABLE) is not None:
                self._say(status_line([scan.unavailable]))
            self._end(this, None)
            return
        if self.folder_notice.state == sync_files.UNAVAILABLE:
            this.state = ""  # it is back
        session, waiting = this.session, this.accepting
        key = waiting.question.public_key if waiting else None
        result = self._guarded(
            this, lambda: sync.apply_scan(session.opened, session.actor, scan, key)
        )
        if result is FAILED:
            return
        this.result = result
        if this.writes:
            own = self._guarded(this, lambda: self._plan_own(this, scan.own_sha))
            if own is FAILED:
                return
            if own is not None:
                self.job = jobs.start(
                    partial(_write, own),
                    what="Sync",
                    on_done=self.gate.later(partial(self._written, this, own)),
                    on_error=partial(self._failed, this),
                    on_cancel=partial(self._cancelled, this),
                )
                return
        self._finish(this)

    def _plan_own(self, this: Pass, own_sha):
        try:
            return sync.plan_own(this.session.opened, this.session.actor, own_sha)
        except WorkbenchError as exc:
            this.result.errors.append(str(exc).rstrip("."))
        except OSError as exc:
            this.result.errors.append(sync_files.write_failed(sync.sync_folder(), exc))
        return None

    def _written(self, this: Pass, own, written: sync_files.OwnWritten) -> None:
        self.job = None
        if not self._still(this):
            self._end(this, None)
            return
        if written.problem:
            if written.problem != self.folder_notice.state:
                this.result.errors.append(written.error)  # told once; the notice stays
            this.state = written.problem
        elif written.error:
            this.result.errors.append(written.error)
        elif self._guarded(this, lambda: sync.record_written(own, written)) is FAILED:
            return
        else:
            this.result.written = written.path
            if self.folder_notice.state == sync_files.READ_ONLY_FOLDER:
                this.state = ""
        self._finish(this)

    def _finish(self, this: Pass) -> None:
        session, result = this.session, this.result

        def tell():
            self._watch(sync.sync_folder())
            if result.brought_news:
                session.reload_portfolio()
                session.notify(*changed_kinds(result))
            fresh = self._note_waiting(result) if this.reads else []
            back = self._set_state(this.state) if this.state is not None else None
            self._say(describe(result, fresh, back or ""))

        if self._guarded(this, tell) is FAILED:
            return
        if this.accepting is not None:
            self.write_timer.start()  # accepting may have filled a place: tell them
        self._end(this, result)

    def _failed(self, this: Pass, message: str) -> None:
        self.job = None
        self._say(message)
        self._end(this, None)

    def _cancelled(self, this: Pass) -> None:
        if self.job is not None and self.job.outcome == "cancelled":
            self.job = None  # cancelled from outside (the portfolio closing)
        self.queued.clear()
        self.pass_finished.emit(None)

    def _guarded(self, this: Pass, step):
        """Run a database step of the pass; anything unexpected ends the pass with one line."""
        try:
            return step()
        except WorkbenchError as exc:
            self._say(str(exc))
        except Exception as exc:  # a timer's slot: the details to the log, never a dialog
            log.exception("A sync folder pass failed")
            self._say(jobs.failure_message(exc, "Sync"))
        self._end(this, None)
        return FAILED

    def _still(self, this: Pass) -> bool:
        """Whether the portfolio the pass began in is still the open one."""
        return this.session is self.session and self._ready()

    def _end(self, this: Pass, result) -> None:
        self.pass_finished.emit(result)
        if self.job is None and self.queued and self._ready():
            self._start(self.queued.pop(0))

    def _note_waiting(self, result: sync.SyncResult) -> list[sync.Waiting]:
        """Keep the keys still to ask about; return those the user has not heard of yet."""
        before = set(self.pending)
        self.pending = {
            w.token: w for w in result.waiting if not w.declined and w.token not in self.asked
        }
        self.notice.show_waiting(next(iter(self.pending.values()), None))
        return [w for token, w in self.pending.items() if token not in before]

    def _set_state(self, state: str) -> str | None:
        """Show the folder's state; None if it did not change, else the state left behind."""
        before = self.folder_notice.state
        if state == before:
            return None
        self.folder_notice.show_state(state, sync.sync_folder() if self.session else None)
        if state == sync_files.UNAVAILABLE:
            self.retry_timer.start()
        else:
            self.retry_timer.stop()
        return before

    def _say(self, message: str) -> None:
        self.last_message = message
        if message:
            self.synced.emit(message)


def _scan(request, context: jobs.JobContext):
    return sync_files.scan_or_unavailable(request, context.cancelled)


def _write(own, context: jobs.JobContext):
    return sync_files.write_planned(own, context.cancelled)
