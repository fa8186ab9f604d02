"""Adding files off the GUI thread: a worker copies them into the store while a
progress dialog (with Cancel) shows how far it got; the items are then made in
one transaction on the GUI thread. Cancel or a full disk leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog

from workbench.errors import WorkbenchError
from workbench.evidence import files as evidence_files
from workbench.evidence.blobs import CancelledError
from workbench.evidence.files import expand_paths, stage_files, total_size

PROGRESS_STEPS = 1000


class ImportWorker(QThread):
    """Copies files into the store off the GUI thread: plain data in, signals out.

    It does no database work; the view turns the staged files into items in
    one transaction once this finishes.
    """

    total = Signal(object)  # bytes to copy (may exceed 2 GiB, so not an int signal)
    advanced = Signal(object)  # bytes copied so far
    staged = Signal(object)  # workbench.evidence.files.Staged
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, root: Path, paths: list[Path], parent=None):
        super().__init__(parent)
        self.root = Path(root)
        self.paths = [Path(p) for p in paths]
        self.copied = 0

    def _progress(self, nbytes: int) -> None:
        self.copied += nbytes
        self.advanced.emit(self.copied)

    def run(self) -> None:
        try:
            files = expand_paths(self.paths)
            self.total.emit(total_size(files))
            result = stage_files(
                self.root,
                files,
                progress=self._progress,
                cancelled=self.isInterruptionRequested,
            )
        except CancelledError:
            self.cancelled.emit()
            return
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
            return
        except OSError as exc:  # e.g. a folder that cannot be listed
            self.failed.emit(f"The files could not be read ({exc.strerror or exc}).")
            return
        self.staged.emit(result)


class FileImporter(QObject):
    """Runs one import at a time for a view; ``finished`` carries the ImportResult or None."""

    added = Signal(list)  # the new EvidenceItem records
    problem = Signal(str)
    finished = Signal(object)

    def __init__(self, session, parent_widget):
        super().__init__(parent_widget)
        self.session = session
        self.parent_widget = parent_widget
        self.worker: ImportWorker | None = None
        self.progress: QProgressDialog | None = None
        self.cancel_asked = False
        self.total = 0

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def start(self, paths: list) -> bool:
        if self.worker is not None:
            self.session.message.emit("Files are still being added; wait for them to finish.")
            return False
        self.cancel_asked = False
        self.total = 0
        self.worker = ImportWorker(self.session.opened.root, [Path(p) for p in paths], self)
        self.progress = QProgressDialog(
            "Copying files into your portfolio…", "Cancel", 0, 0, self.parent_widget
        )
        self.progress.setWindowTitle("Adding evidence")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.worker.total.connect(self._set_total)
        self.worker.advanced.connect(self._advance)
        self.worker.staged.connect(self._staged)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.worker.finished.connect(self._worker_done)
        self.worker.start()
        return True

    def cancel(self, wait: bool = False) -> None:
        worker = self.worker
        if worker is None:
            return
        self.cancel_asked = True
        worker.requestInterruption()
        if wait:
            worker.wait()

    def _set_total(self, total: int) -> None:
        self.total = total
        if self.progress is not None:
            self.progress.setRange(0, PROGRESS_STEPS)

    def _advance(self, copied: int) -> None:
        if self.progress is not None and self.total:
            self.progress.setValue(min(PROGRESS_STEPS, copied * PROGRESS_STEPS // self.total))

    def _staged(self, staged) -> None:
        root = self.session.opened.root
        if self.cancel_asked:  # cancelled just as the copying finished
            evidence_files.discard_staged(root, staged)
            self._cancelled()
            return
        try:
            result = evidence_files.add_staged(
                root, self.session.portfolio, self.session.actor, staged
            )
        except WorkbenchError as exc:
            self._failed(str(exc))
            return
        self.added.emit(result.items)
        self.session.message.emit(result.summary())
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self.problem.emit(message)
        self.finished.emit(None)

    def _cancelled(self) -> None:
        self.session.message.emit("Adding files was cancelled; nothing was added.")
        self.finished.emit(None)

    def _worker_done(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if self.worker is not None:
            self.worker.deleteLater()
            self.worker = None
