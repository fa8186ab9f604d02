"""A file handed to the workbench by the desktop (a double-click, "Open with", the
command line ``main.py FILE``, or macOS's open-file event).

A package (``.wbpack``) opens as *File ▸ Open package…* would, whichever role
the user has: into the open portfolio, into another of theirs, or as a mentor's
first copy. A reviewed Word file (``.docx``) opens the review import preview
when a portfolio is open, or says how to get there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMessageBox

from ui.common.plain import literal
from ui.sharing.menu import open_package
from ui.word.actions import import_file
from workbench import APP_NAME

PACKAGE, WORD = ".wbpack", ".docx"
OPEN_A_PORTFOLIO_FIRST = (
    "{name} is a Word file. To bring your mentor's comments from it into your "
    "statement, open your portfolio first (File ▸ Open portfolio…), then choose "
    "File ▸ Import reviewed Word file… or drop the file on the window."
)


def open_given_file(window, path: Path) -> bool:
    """Open ``path`` in ``window``; True when it was opened (the user said yes to it)."""
    path = Path(path)
    if not path.is_file():
        QMessageBox.warning(window, APP_NAME, literal(f"There is no file {path}."))
        return False
    suffix = path.suffix.lower()
    if suffix == PACKAGE:
        return open_package(window, path) is not None
    if suffix == WORD:
        if window.session is None:
            text = OPEN_A_PORTFOLIO_FIRST.format(name=path.name)
            QMessageBox.information(window, "Import from Word", literal(text))
            return False
        return import_file(window, path) is not None
    QMessageBox.warning(
        window,
        APP_NAME,
        literal(
            f"{path.name} is neither a workbench package (.wbpack) nor a reviewed Word "
            "file (.docx), so the workbench cannot open it."
        ),
    )
    return False


class FileOpenEvents(QObject):
    """On macOS the Finder hands a double-clicked file over as an event, not an argument."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FileOpen and event.file():
            open_given_file(self.window, Path(event.file()))
            return True
        return super().eventFilter(watched, event)
