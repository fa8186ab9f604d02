"""Running file work of the exchange (writing or checking a package) off the GUI thread.

The job gets plain data and returns plain data; the database stays with the GUI
thread. A progress dialog shows bytes done and offers Cancel; a cancelled
write removes its temp file, and a cancelled check has written nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.errors import WorkbenchError

SCALE = 2**20  # progress counts MiB so large files fit an int


class CancelledByUserError(Exception):
    """The user pressed Cancel."""


class _Job(QThread):
    succeeded = Signal(object)
    failed = Signal(str)
    advanced = Signal(int)

    def __init__(self, job, parent=None):
        super().__init__(parent)
        self.job = job
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            result = self.job(lambda done: self.advanced.emit(done // SCALE), self.stop.is_set)
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
            return
        except OSError as exc:
            self.failed.emit(f"{exc.filename or 'A file'} could not be used ({exc.strerror}).")
            return
        self.succeeded.emit(result)


def run_with_progress(
    parent: QWidget,
    label: str,
    job: Callable[[Callable[[int], None], Callable[[], bool]], object],
    total_bytes: int = 0,
):
    """Run ``job(progress, cancelled)`` in a worker; return its result or raise.

    Raises ``WorkbenchError`` with the job's message, or ``CancelledByUserError``.
    """
    worker = _Job(job, parent)
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    progress = QProgressDialog(label, "Cancel", 0, max(total_bytes // SCALE, 0), parent)
    progress.setWindowTitle("Sharing")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    worker.advanced.connect(progress.setValue)
    worker.succeeded.connect(lambda result: outcome.setdefault("result", result))
    worker.failed.connect(lambda message: outcome.setdefault("error", message))
    worker.finished.connect(loop.quit)
    progress.canceled.connect(lambda: outcome.setdefault("cancelled", True))
    progress.canceled.connect(worker.stop.set)
    worker.start()
    loop.exec()  # quits when the worker ends (a cancelled write stops at the next chunk)
    progress.reset()
    progress.deleteLater()
    worker.wait()
    worker.deleteLater()
    if outcome.get("cancelled"):
        raise CancelledByUserError()
    if "error" in outcome:
        raise WorkbenchError(str(outcome["error"]))
    return outcome["result"]
