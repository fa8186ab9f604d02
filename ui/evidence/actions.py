"""What the Evidence view's buttons do: adding files, folders, notes and web
links, importing, opening an item with the system's program, saving a copy.

A mixin of EvidenceView, kept apart so each module stays short.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from ui.evidence.commands import AddedCommand
from ui.evidence.dialogs import WebLinkDialog
from workbench.errors import WorkbenchError
from workbench.evidence import files as evidence_files
from workbench.evidence import library as evidence


class EvidenceActions:
    """Needs ``session``, ``notice``, ``detail``, ``importer``, ``select`` and
    ``current_row`` from the view."""

    def _added(self, items: list) -> None:
        if not items:
            return
        labels = [evidence.label(i.number) for i in items]
        self._push(AddedCommand(self.session, [i.uuid for i in items], labels))
        self.session.notify("evidence")
        self.select(items[0].uuid)

    def create_note(self, title: str) -> None:
        try:
            item = evidence.add_note(self.session.portfolio, self.session.actor, title)
        except WorkbenchError as exc:
            self.notice.show_error(str(exc))
            return
        self._added([item])
        self.detail.description.setFocus()

    def create_web_link(self, url: str, title: str) -> bool:
        try:
            item = evidence.add_web_link(self.session.portfolio, self.session.actor, url, title)
        except WorkbenchError as exc:
            self.notice.show_error(str(exc))
            return False
        self._added([item])
        return True

    def add_note(self) -> None:
        if not self.session.is_mentee:
            return
        title, ok = QInputDialog.getText(
            self, "Add a note", "What is the note about? (e.g. Conversation with my manager)"
        )
        if ok and title.strip():
            self.create_note(title)

    def add_web_link(self) -> None:
        if not self.session.is_mentee:
            return
        dialog = WebLinkDialog(self)
        if dialog.exec():
            self.create_web_link(dialog.url.text(), dialog.title_edit.text())

    def add_files(self) -> None:
        if not self.session.is_mentee:
            return
        paths, _ = QFileDialog.getOpenFileNames(self, "Add evidence files")
        if paths:
            self.import_paths(paths)

    def add_folder(self) -> None:
        if not self.session.is_mentee:
            return
        folder = QFileDialog.getExistingDirectory(self, "Add every file in a folder")
        if folder:
            self.import_paths([folder])

    # Importing ---------------------------------------------------

    def import_paths(self, paths: list) -> None:
        """Copy files (and folders' files) in a worker, then add them as one step."""
        if self.session.is_mentee:
            self.importer.start(paths)

    def _report(self, result) -> None:
        if result is None:
            return
        lines = [f"{name}: {message}" for name, message in result.failures]
        lines += [
            f"{name} is already in the library as {label}." for name, label in result.duplicates
        ]
        if result.failures:
            self.notice.show_error(result.summary() + "\n" + "\n".join(lines))
        elif result.duplicates:
            self.notice.show_info("\n".join(lines))
        else:
            self.notice.hide()

    # Opening ---------------------------------------------------

    def open_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row.kind == "link":
            QDesktopServices.openUrl(QUrl(row.url))
            return
        if row.kind != "file":
            self.detail.description.setFocus()
            return
        folder = Path(tempfile.gettempdir()) / "workbench-open" / row.blob_sha[:16]
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = evidence_files.export_copy(self.session.opened, row, folder)
        except WorkbenchError as exc:
            self.notice.show_error(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.notice.show_error(f"No program on this computer opens {row.source_name}.")

    def save_copy(self) -> None:
        row = self.current_row()
        if row is None or row.kind != "file":
            return
        target, _ = QFileDialog.getSaveFileName(self, "Save a copy", row.source_name)
        if not target:
            return
        try:
            evidence_files.export_copy(
                self.session.opened, row, Path(target).parent, Path(target).name
            )
        except WorkbenchError as exc:
            self.notice.show_error(str(exc))
