"""CSV in and out of the CPD log view: importing a file chosen or dropped on the
view, exporting the log.

A mixin of CpdView, kept apart so each module stays short.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.common.dialogs import show_error
from ui.common.plain import literal
from workbench.errors import WorkbenchError
from workbench.journey.cpd_csv import export_csv, import_csv


class CpdCsv:
    """Needs ``session`` from the view (a QWidget)."""

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a CPD log", "", "CSV files (*.csv *.txt);;All files (*)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        if not self.session.is_mentee:
            return False
        portfolio, actor = self.session.portfolio, self.session.actor
        try:
            result = import_csv(portfolio, actor, path)
        except WorkbenchError as exc:
            show_error(self, exc, "The CPD log was not imported")
            return False
        self.session.undo_stack.clear()  # an import is not undone one row at a time
        self.session.notify("cpd")
        skipped = f"; {result.skipped} were already in the log" if result.skipped else ""
        self.session.message.emit(f"Imported {result.added} activities from {path.name}{skipped}.")
        return True

    def choose_export(self) -> None:
        suggested = f"CPD log {date.today():%Y-%m-%d}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the CPD log", suggested, "CSV files (*.csv)"
        )
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        try:
            export_csv(self.session.portfolio, path)
        except (WorkbenchError, OSError) as exc:
            show_error(self, exc)
            return
        self.session.message.emit(f"Saved the CPD log to {path.name}.")

    def import_dropped(self, paths: list[Path]) -> None:
        """A .csv dropped on the view: asked first, since it adds to the log."""
        if QMessageBox.question(
            self, "Import CPD log", literal(f"Add the activities in {paths[0].name}?")
        ) == (QMessageBox.StandardButton.Yes):
            self.import_file(paths[0])
