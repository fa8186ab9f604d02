"""The sync folder while the app runs: write ours after changes, import theirs when they change.

The controller follows ``window.session``: when a portfolio opens it marks its
news as seen and syncs once; a change in the portfolio writes our package a
few seconds later; a change in the folder (or a slow poll, for network shares
whose changes are not signalled) imports the others' packages.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from workbench import sync
from workbench.errors import WorkbenchError
from workbench.exchange import mark_seen

WRITE_DELAY_MS = 3000
READ_DELAY_MS = 800
POLL_MS = 60_000
WATCH_SESSION_MS = 1000


class SyncController(QObject):
    """Keeps the open portfolio's sync folder up to date in both directions."""

    # a sentence for the status bar after each pass that did something
    synced = Signal(str)

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
        self.poll_timer = self._timer(POLL_MS, self.read_now)
        self.session_timer = self._timer(WATCH_SESSION_MS, self.follow_session)
        self.session_timer.start()
        self.synced.connect(lambda text: window.statusBar().showMessage(text, 8000))

    def _timer(self, interval: int, slot, single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.setSingleShot(single)
        timer.timeout.connect(slot)
        return timer

    def follow_session(self) -> None:
        """Notice a portfolio being opened or closed (the window has no signal for it)."""
        session = self.window.session
        if session is self.session:
            return
        self.session = session
        self.write_timer.stop()
        self.read_timer.stop()
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
        if folder is None:
            self.poll_timer.stop()
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

    def sync_now(self) -> sync.SyncResult | None:
        if not self._ready() or sync.sync_folder() is None:
            return None
        return self._run(lambda: sync.sync_now(self.session.opened, self.session.actor))

    def read_now(self) -> sync.SyncResult | None:
        if not self._ready() or sync.sync_folder() is None:
            return None
        return self._run(lambda: sync.import_others(self.session.opened, self.session.actor))

    def write_now(self) -> sync.SyncResult | None:
        if not self._ready() or sync.sync_folder() is None:
            return None
        return self._run(
            lambda: sync.SyncResult(written=sync.write_own(self.session.opened, self.session.actor))
        )

    def _run(self, job) -> sync.SyncResult | None:
        try:
            result = job()
        except WorkbenchError as exc:
            self.last_message = str(exc)
            self.synced.emit(self.last_message)
            return None
        self._watch(sync.sync_folder())
        if result.brought_news:
            self.session.reload_portfolio()
            self.session.notify("all")
        self.last_message = describe(result)
        if self.last_message:
            self.synced.emit(self.last_message)
        return result


def describe(result: sync.SyncResult) -> str:
    parts = []
    for summary in result.imported:
        if not summary.nothing_new:
            count = sum(summary.new.values()) + sum(summary.changed.values())
            parts.append(f"{count} new or changed record(s) from {summary.sender_name}")
    if result.written is not None:
        parts.append("your changes were written to the sync folder")
    parts += result.errors
    return ("Sync: " + "; ".join(parts) + ".") if parts else ""
