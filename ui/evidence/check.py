"""Tools ▸ Check evidence files: every stored file present and unchanged, nothing
else in the store. The hashing runs off the GUI thread with a Cancel button;
the result lists exactly what is wrong and offers to remove unused files."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ui.common.plain import literal
from workbench.evidence import blobs
from workbench.evidence import files as evidence_files
from workbench.evidence.blobs import CancelledError, IntegrityReport


class CheckWorker(QThread):
    """Hashes the stored files against the live items' list (plain data in)."""

    checked = Signal(object)  # IntegrityReport
    failed = Signal(str)

    def __init__(self, root, live: dict[str, str], keep: frozenset[str], parent=None):
        super().__init__(parent)
        self.root, self.live, self.keep = root, live, keep

    def run(self) -> None:
        try:
            report = blobs.check_store(
                self.root, self.live, keep=self.keep, cancelled=self.isInterruptionRequested
            )
        except CancelledError:
            self.failed.emit("The check was cancelled.")
            return
        except OSError as exc:
            self.failed.emit(f"The stored files could not be read ({exc.strerror or exc}).")
            return
        self.checked.emit(report)


class IntegrityCheck(QObject):
    """Runs the check for a session and shows the outcome."""

    done = Signal(object)  # the IntegrityReport, or None when cancelled

    def __init__(self, session, parent: QWidget):
        super().__init__(parent)
        self.session, self.parent_widget = session, parent
        self.worker: CheckWorker | None = None
        self.progress: QProgressDialog | None = None
        self.ask = True  # tests turn the question dialogs off

    def start(self) -> None:
        if self.worker is not None:
            return
        live = evidence_files.live_blobs()
        # Deleted items may still come back with Undo: their files are not "unused" yet.
        keep = evidence_files.deleted_blobs()
        self.worker = CheckWorker(self.session.opened.root, live, keep, self)
        self.progress = QProgressDialog(
            "Checking the stored evidence files…", "Cancel", 0, 0, self.parent_widget
        )
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.canceled.connect(self.worker.requestInterruption)
        self.worker.checked.connect(self._checked)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._finished)
        self.worker.start()

    def _checked(self, report: IntegrityReport) -> None:
        self.session.message.emit(report.summary())
        fixable = [p for p in report.problems if p.kind in ("unused", "leftover")]
        if self.ask and report.problems:
            details = "\n".join(p.message for p in report.problems)
            box = QMessageBox(self.parent_widget)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle("Check evidence files")
            box.setTextFormat(Qt.TextFormat.PlainText)  # file names in the summary
            box.setText(report.summary())
            box.setInformativeText(
                "Remove the files no evidence uses?"
                if fixable
                else "Add the files named in the details again to repair them."
            )
            box.setDetailedText(details)
            buttons = QMessageBox.StandardButton
            box.setStandardButtons(buttons.Yes | buttons.No if fixable else buttons.Ok)
            if box.exec() == buttons.Yes:
                blobs.fix_store(self.session.opened.root, report)
        elif self.ask:
            QMessageBox.information(
                self.parent_widget, "Check evidence files", literal(report.summary())
            )
        self.done.emit(report)

    def _failed(self, message: str) -> None:
        self.session.message.emit(message)
        self.done.emit(None)

    def _finished(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.worker.deleteLater()
        self.worker = None
