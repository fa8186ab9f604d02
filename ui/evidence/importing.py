"""Adding files off the GUI thread: a job copies them into the store while a
progress dialog (with Cancel) shows how far it got; the items are then made in
one transaction on the GUI thread. Cancel or a full disk leaves nothing behind.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ui.common import jobs
from workbench.errors import WorkbenchError
from workbench.evidence import files as evidence_files
from workbench.evidence.files import expand_paths, stage_files, total_size


def copy_in(root: Path, paths: list[Path], context: jobs.JobContext):
    """The job: copy the files into the store's staging area (no database work)."""
    files = expand_paths(paths)
    context.progress(0, total_size(files))
    copied = 0

    def progress(nbytes: int) -> None:
        nonlocal copied
        copied += nbytes
        context.progress(copied)

    try:
        return stage_files(root, files, progress=progress, cancelled=context.cancelled)
    except OSError as exc:  # e.g. a folder that cannot be listed
        raise WorkbenchError(f"The files could not be read ({exc.strerror or exc}).") from None


class FileImporter(QObject):
    """Runs one import at a time for a view; ``finished`` carries the ImportResult or None."""

    added = Signal(list)  # the new EvidenceItem records
    problem = Signal(str)
    finished = Signal(object)

    def __init__(self, session, parent_widget):
        super().__init__(parent_widget)
        self.session = session
        self.parent_widget = parent_widget
        self.job: jobs.Job | None = None
        self.cancel_asked = False

    @property
    def busy(self) -> bool:
        return self.job is not None

    @property
    def progress(self):
        """The progress dialog of the running import, if any."""
        return self.job.dialog if self.job is not None else None

    def start(self, paths: list) -> bool:
        if self.job is not None:
            self.session.message.emit("Files are still being added; wait for them to finish.")
            return False
        self.cancel_asked = False
        root = self.session.opened.root
        self.job = jobs.start(
            partial(copy_in, root, [Path(p) for p in paths]),
            parent=self.parent_widget,
            label="Copying files into your portfolio…",
            title="Adding evidence",
            on_done=self._staged,
            on_error=self._failed,
            on_cancel=self._cancelled,
            discard=partial(evidence_files.discard_staged, root),
        )
        return True

    def cancel(self, wait: bool = False) -> None:
        job = self.job
        if job is None:
            return
        self.cancel_asked = True
        job.cancel()
        if wait:
            job.wait()

    def _staged(self, staged) -> None:
        self.job = None
        try:
            result = evidence_files.add_staged(
                self.session.opened.root, self.session.portfolio, self.session.actor, staged
            )
        except WorkbenchError as exc:
            self._failed(str(exc))
            return
        self.added.emit(result.items)
        self.session.message.emit(result.summary())
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self.job = None
        self.problem.emit(message)
        self.finished.emit(None)

    def _cancelled(self) -> None:
        self.job = None
        self.cancel_asked = True
        self.session.message.emit("Adding files was cancelled; nothing was added.")
        self.finished.emit(None)
