"""Running one Word job (reading or building a .docx) off the GUI thread.

The job gets plain data and returns plain data: no database work happens in
the worker (the connection belongs to the GUI thread). A busy progress dialog
offers Cancel; a cancelled job's result is thrown away, and since nothing is
written until the GUI thread receives the result, nothing is left half-done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.errors import WorkbenchError


class WordJob(QThread):
    finished_with = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Callable[[], object], parent=None):
        super().__init__(parent)
        self.job = job

    def run(self) -> None:
        try:
            result = self.job()
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
            return
        except (OSError, ValueError) as exc:
            self.failed.emit(f"The Word file could not be handled ({exc}).")
            return
        self.finished_with.emit(result)


class JobCancelledError(Exception):
    """The user pressed Cancel while a Word job ran."""


def run_job(parent: QWidget, label: str, job: Callable[[], object]):
    """Run ``job`` in a worker with a busy dialog; return its result or raise.

    Raises ``WorkbenchError`` with the job's message, or ``JobCancelledError``.
    """
    worker = WordJob(job, parent)
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    worker.finished_with.connect(lambda result: outcome.setdefault("result", result))
    worker.failed.connect(lambda message: outcome.setdefault("error", message))
    worker.finished.connect(loop.quit)
    progress = QProgressDialog(label, "Cancel", 0, 0, parent)
    progress.setWindowTitle("Word")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    progress.canceled.connect(lambda: outcome.setdefault("cancelled", True))
    progress.canceled.connect(loop.quit)
    worker.start()
    loop.exec()  # quits on the worker's finished (queued, so never missed) or on Cancel
    progress.reset()
    progress.deleteLater()
    worker.wait()
    worker.deleteLater()
    if outcome.get("cancelled"):
        raise JobCancelledError()
    if "error" in outcome:
        raise WorkbenchError(str(outcome["error"]))
    return outcome["result"]
