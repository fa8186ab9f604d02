"""The sync folder while the app runs: write ours after changes, import theirs when they change.

The controller follows ``window.session``: when a portfolio opens it marks its
news as seen and syncs once; a change in the portfolio writes our package a
few seconds later; a change in the folder imports the others' packages, and a
slow poll (for network shares whose changes are not signalled) does both, so a
write that failed or an older copy of our file put back is redone.

Everything it has to say goes to the status bar, never to a dialog: passes run
from timers while the user may be typing. A package whose sender's key is not
confirmed waits behind a button in the status bar, so the user is asked only
when they choose to, and once per file content and key.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.sharing.opening import confirm_key
from workbench.errors import WorkbenchError
from workbench.exchange import sync
from workbench.exchange.apply import mark_seen

WRITE_DELAY_MS = 3000
READ_DELAY_MS = 800
POLL_MS = 60_000
WATCH_SESSION_MS = 1000


class WaitingNotice(QWidget):
    """A line in the status bar: a package waits for the user to confirm a key."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a sender's name is plain text
        self.button = QPushButton("Compare fingerprint…")
        self.button.setAccessibleName("Confirm the key of a package in the sync folder")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.hide()

    def show_waiting(self, waiting: sync.Waiting | None) -> None:
        if waiting is None:
            self.hide()
            return
        self.label.setText(waiting.sentence() + ".")
        self.show()


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
        self.poll_timer = self._timer(POLL_MS, self.sync_now)
        self.session_timer = self._timer(WATCH_SESSION_MS, self.follow_session)
        self.session_timer.start()
        self.synced.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.pending: dict[tuple[str, str], sync.Waiting] = {}  # not asked yet
        self.asked: set[tuple[str, str]] = set()  # (file content, key) answered once
        self.notice = WaitingNotice(window)
        self.notice.button.clicked.connect(self.answer_waiting)
        window.statusBar().addPermanentWidget(self.notice)

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
        self.pending.clear()
        self.notice.show_waiting(None)
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

    def sync_now(self) -> sync.SyncResult | None:
        if not self._ready() or sync.sync_folder() is None:
            return None
        return self._run(lambda: sync.sync_now(self.session.opened, self.session.actor), True)

    def read_now(self) -> sync.SyncResult | None:
        if not self._ready() or sync.sync_folder() is None:
            return None
        return self._run(lambda: sync.import_others(self.session.opened, self.session.actor), True)

    def write_now(self) -> sync.SyncResult | None:
        if not self._ready() or sync.sync_folder() is None:
            return None
        return self._run(lambda: sync.write_pass(self.session.opened, self.session.actor))

    def answer_waiting(self) -> sync.SyncResult | None:
        """Ask about the first waiting key (the user pressed the button): accept or decline."""
        if not self.pending or not self._ready():
            return None
        token, waiting = next(iter(self.pending.items()))
        del self.pending[token]
        self.asked.add(token)
        self.notice.show_waiting(next(iter(self.pending.values()), None))
        if not confirm_key(self.window, waiting.question):
            sync.decline_waiting(waiting)
            self._say(f"Sync: {waiting.sentence()}.")
            return None
        session = self.session
        result = self._run(lambda: sync.accept_waiting(session.opened, session.actor, waiting))
        self.write_timer.start()  # accepting may have filled a place: tell them
        return result

    def _run(self, job, reads: bool = False) -> sync.SyncResult | None:
        try:
            result = job()
        except WorkbenchError as exc:
            self._say(str(exc))
            return None
        except Exception as exc:  # a timer's slot: the details to stderr, never a dialog
            traceback.print_exc()
            self._say(f"Sync stopped for now ({type(exc).__name__}: {exc}); it will try again.")
            return None
        self._watch(sync.sync_folder())
        if result.brought_news:
            self.session.reload_portfolio()
            self.session.notify("all")
        fresh = self._note_waiting(result) if reads else []
        self._say(describe(result, fresh))
        return result

    def _note_waiting(self, result: sync.SyncResult) -> list[sync.Waiting]:
        """Keep the keys still to ask about; return those the user has not heard of yet."""
        before = set(self.pending)
        self.pending = {
            w.token: w for w in result.waiting if not w.declined and w.token not in self.asked
        }
        self.notice.show_waiting(next(iter(self.pending.values()), None))
        return [w for token, w in self.pending.items() if token not in before]

    def _say(self, message: str) -> None:
        self.last_message = message
        if message:
            self.synced.emit(message)


def describe(result: sync.SyncResult, fresh: list[sync.Waiting] = ()) -> str:
    """One status line for a pass: what came in, what went out, what needs the user."""
    parts = []
    for summary in result.imported:
        if not summary.nothing_new:
            count = sum(summary.new.values()) + sum(summary.changed.values())
            parts.append(f"{count} new or changed record(s) from {summary.sender_name}")
    if result.written is not None:
        parts.append("your changes were written to the sync folder")
    parts += result.errors
    parts += [w.sentence() for w in result.waiting if w.declined]
    parts += [w.sentence() for w in fresh]
    return ("Sync: " + "; ".join(parts) + ".") if parts else ""
