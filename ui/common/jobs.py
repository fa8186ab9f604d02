"""Long work off the GUI thread, written once (DESIGN.md rule 6).

A *job* is a function ``work(context)`` that takes plain data (captured when it
is started) and returns plain data. It runs in a worker thread and must not
touch the database: the SQLite connection belongs to the GUI thread, so the
database parts of a task happen before the job starts and in its ``on_done``.
It reports progress with ``context.progress(done, total)`` and looks at
``context.cancelled()`` (or calls ``context.check()``) between steps.

Two forms:

* ``start(work, parent=widget, label=...)`` shows a window-modal progress
  dialog with Cancel (user-started exports, imports, packages);
  ``start(work)`` without a label is quiet (the sync folder). Either returns a
  ``Job`` at once; its outcome arrives in ``on_done``/``on_error``/``on_cancel``
  (and the ``Job`` signals).
* ``run_modal(parent, label, work)`` waits for the outcome the way
  ``QDialog.exec()`` does (the window keeps painting and answering) and
  returns the result, or raises ``Cancelled`` or ``JobFailed``.

Cancel never freezes the window: it sets the flag, closes the dialog and
reports ``cancelled`` at once, without waiting for the thread. The thread
runs on until the job next looks at the flag; whatever it returns then is
thrown away (``discard(result)`` is called to clean up, e.g. staged files).
Jobs write files through a temp file and ``os.replace`` (see
``workbench.store.db.write_atomically``), so nothing is left half-written.

A ``WorkbenchError`` becomes its own message; an ``OSError`` a sentence naming
the file; anything else one calm sentence (the traceback goes to the log,
never to the user). ``cancel_all()`` stops every job and waits for its thread:
the main window calls it before the portfolio closes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.common.dialogs import show_error
from workbench.errors import WorkbenchError

log = logging.getLogger(__name__)

STEPS = 1000  # a progress dialog counts in steps, so totals past 2 GiB fit an int
SHOW_AFTER_MS = 400  # a short job never flashes a dialog


class Cancelled(Exception):
    """The job was cancelled (by its Cancel button, ``Job.cancel`` or ``cancel_all``)."""


class JobFailed(WorkbenchError):
    """A job ended with an error; the message is written for the user."""


class JobContext:
    """What a job sees of its runner: the cancel flag and a way to report progress."""

    def __init__(self, stop: threading.Event, report: Callable[[object, object], None]):
        self._stop = stop
        self._report = report

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the job was cancelled: call it between steps."""
        if self._stop.is_set():
            raise Cancelled()

    def request_stop(self) -> None:
        """Stop from inside the job, as if Cancel were pressed."""
        self._stop.set()

    def progress(self, done: int, total: int | None = None) -> None:
        self._report(done, total)


Work = Callable[[JobContext], object]


def failure_message(exc: BaseException, label: str = "") -> str:
    """One sentence for the user about why a job stopped; never a traceback."""
    if isinstance(exc, WorkbenchError):
        return str(exc)
    if isinstance(exc, OSError):
        name = exc.filename or "A file"
        return f"{name} could not be used ({exc.strerror or exc})."
    what = label.rstrip(".… ") or "The work"
    return f"{what} stopped because of an unexpected problem. Nothing was changed; try again."


class _Thread(QThread):
    """Runs the work; its signals are queued to the Job, which lives on the GUI thread."""

    returned = Signal(object)
    raised = Signal(object)
    progressed = Signal(object, object)

    def __init__(self, work: Work, stop: threading.Event):
        super().__init__()
        self.work = work
        self.stop = stop

    def run(self) -> None:
        context = JobContext(self.stop, self.progressed.emit)
        try:
            result = self.work(context)
        except BaseException as exc:  # noqa: BLE001 - every failure becomes one message
            self.raised.emit(exc)
            return
        self.returned.emit(result)


_running: set[Job] = set()  # kept alive until their thread ends, whatever owns them


class Job(QObject):
    """One running job. Exactly one of ``succeeded``, ``failed``, ``cancelled``
    is emitted, then ``ended``."""

    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()
    progressed = Signal(object, object)  # done, total (None when unknown)

    def __init__(
        self,
        work: Work,
        *,
        parent: QWidget | None = None,
        label: str = "",
        title: str = "",
        total: int = 0,
        discard: Callable[[object], None] | None = None,
        what: str = "",
    ):
        super().__init__()  # no parent: a closing dialog must not delete a running thread
        self.label = label
        self.what = what or label  # names the work in a message about a failure
        self.title = title
        self.discard = discard
        self.outcome = ""  # "done", "failed" or "cancelled" once it ended
        self.stop = threading.Event()
        self.thread = _Thread(work, self.stop)
        self.thread.returned.connect(self._returned)
        self.thread.raised.connect(self._raised)
        self.thread.progressed.connect(self._progressed)
        self.thread.finished.connect(self._thread_finished)
        self.total = total
        self.dialog: QProgressDialog | None = None
        if label:
            self.dialog = self._make_dialog(parent, label, title, total)

    # The dialog -------------------------------------------------------------------

    def _make_dialog(self, parent, label: str, title: str, total: int) -> QProgressDialog:
        dialog = QProgressDialog(label, "Cancel", 0, STEPS if total else 0, parent)
        dialog.setWindowTitle(title or label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.destroyed.connect(self._dialog_gone)
        return dialog

    def _dialog_gone(self, *_args) -> None:
        self.dialog = None

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()

    def _progressed(self, done, total) -> None:
        if self.outcome:
            return
        if total is not None:
            self.total = total
        self.progressed.emit(done, self.total or None)
        if self.dialog is not None and self.total:
            if self.dialog.maximum() != STEPS:
                self.dialog.setRange(0, STEPS)
            self.dialog.setValue(min(STEPS, int(done) * STEPS // int(self.total)))

    # Running ------------------------------------------------------------------------

    def start(self) -> Job:
        _running.add(self)
        app = QCoreApplication.instance()
        if app is not None and not getattr(app, "_jobs_hooked", False):
            app.aboutToQuit.connect(cancel_all)  # no thread outlives the application
            app._jobs_hooked = True
        self.thread.start()
        return self

    @property
    def running(self) -> bool:
        return self in _running

    def cancel(self) -> None:
        """Stop: the dialog closes and ``cancelled`` is emitted now; the thread ends on its own."""
        self.stop.set()
        if not self.outcome:
            self._end("cancelled")

    def wait(self, msecs: int = -1) -> bool:
        """Block until the thread ended (closing the portfolio, tests); True if it did."""
        if not self.running:
            return True
        done = self.thread.wait() if msecs < 0 else self.thread.wait(msecs)
        QCoreApplication.sendPostedEvents(self)  # deliver what the thread said before it ended
        QCoreApplication.sendPostedEvents(self.thread)
        return done

    def _returned(self, result) -> None:
        if self.outcome or self.stop.is_set():
            if self.discard is not None:
                self.discard(result)
            if not self.outcome:
                self._end("cancelled")
            return
        self._end("done", result)

    def _raised(self, exc: BaseException) -> None:
        if self.outcome:
            return
        if self.stop.is_set() or isinstance(exc, Cancelled):
            self._end("cancelled")
            return
        if not isinstance(exc, (WorkbenchError, OSError)):
            log.error("%s failed", self.what or "A job", exc_info=exc)
        self._end("failed", failure_message(exc, self.what))

    def _end(self, outcome: str, value=None) -> None:
        self.outcome = outcome
        self._close_dialog()
        if outcome == "done":
            self.succeeded.emit(value)
        elif outcome == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.ended.emit()

    def _thread_finished(self) -> None:
        self.thread.wait()  # it has finished; let it return before it may be freed
        _running.discard(self)


def start(
    work: Work,
    *,
    parent: QWidget | None = None,
    label: str = "",
    title: str = "",
    total: int = 0,
    on_done: Callable[[object], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    discard: Callable[[object], None] | None = None,
    what: str = "",
) -> Job:
    """Run ``work`` in a worker thread; with a ``label``, behind a progress dialog.

    Without ``on_error``, a failure of a job with a dialog is shown in a
    message box (titled ``title``); a quiet job's failure goes nowhere unless
    ``on_error`` is given. ``what`` names the work in a failure's message
    (the label by default); ``discard`` cleans up a result that came too late
    (it runs on the GUI thread).
    """
    job = Job(
        work, parent=parent, label=label, title=title, total=total, discard=discard, what=what
    )
    if on_done is not None:
        job.succeeded.connect(on_done)
    if on_error is not None:
        job.failed.connect(on_error)
    elif label:
        job.failed.connect(lambda message: show_error(parent, JobFailed(message), title))
    if on_cancel is not None:
        job.cancelled.connect(on_cancel)
    return job.start()


def run_modal(
    parent: QWidget | None,
    label: str,
    work: Work,
    *,
    title: str = "",
    total: int = 0,
    discard: Callable[[object], None] | None = None,
):
    """Run ``work`` behind a progress dialog and return its result.

    Raises ``Cancelled`` (at once when Cancel is pressed) or ``JobFailed``
    with the message for the user.
    """
    outcome: dict[str, object] = {}
    job = Job(work, parent=parent, label=label, title=title, total=total, discard=discard)
    job.succeeded.connect(lambda result: outcome.setdefault("result", result))
    job.failed.connect(lambda message: outcome.setdefault("error", message))
    loop = QEventLoop()
    job.ended.connect(loop.quit)
    job.start()
    if not job.outcome:  # ``ended`` is queued from the thread, so it cannot be missed
        loop.exec()
    if "error" in outcome:
        raise JobFailed(str(outcome["error"]))
    if "result" not in outcome:
        raise Cancelled()
    return outcome["result"]


def running_jobs() -> list[Job]:
    return list(_running)


def cancel_all(wait: bool = True) -> None:
    """Cancel every job; with ``wait``, return only when no worker thread runs."""
    for job in list(_running):
        job.cancel()
    if wait:
        for job in list(_running):
            job.wait()
