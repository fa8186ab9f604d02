"""Importing a framework file from the File menu."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.common.dialogs import show_error
from ui.common.plain import literal
from workbench.errors import WorkbenchError
from workbench.frameworks.formats import read_framework
from workbench.frameworks.library import save_to_library
from workbench.frameworks.spec import FrameworkSpec

FILTER = "Framework files (*.json *.csv *.matrix);;All files (*)"


def import_framework_file(parent: QWidget) -> FrameworkSpec | None:
    """Ask for a framework file, check it and keep it in the user's library."""
    path, _ = QFileDialog.getOpenFileName(parent, "Import a framework", "", FILTER)
    if not path:
        return None
    try:
        spec = read_framework(path)
        save_to_library(spec)
    except WorkbenchError as exc:
        show_error(parent, exc, "Cannot import the framework")
        return None
    text = (
        f"'{spec.name}' was added to your frameworks: {len(spec.areas)} areas and "
        f"{spec.skill_count} skills. Choose it when you create a new portfolio."
    )
    if spec.warnings:
        text += "\n\nPlease note:\n" + "\n".join(f"• {w}" for w in spec.warnings)
    QMessageBox.information(parent, "Framework imported", literal(text))
    return spec
