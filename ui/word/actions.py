"""File menu actions for Word: export for submission, export a review copy, import a review.

``install(window)`` adds them to the main window's File menu; each reads
``window.session`` when triggered. A .docx dropped on the main window opens the
import preview too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.common.dialogs import show_error
from ui.common.drops import FileDropFilter
from workbench.errors import DocxError, WorkbenchError

# Word support (python-docx, lxml) is imported when an action is first used,
# not at start-up.

IMPORT_FOLDER_KEY = "word/import-folder"


def install(window) -> None:
    file_menu = window.menus["file"]
    before = window.menus.get("file-end")
    actions = [
        _action(
            window,
            "&Export for submission…",
            lambda: export(window, "submission"),
            "Save the statement, evidence appendix and PKSB table as a Word file",
            "Ctrl+E",
        ),
        _action(
            window,
            "Export &review copy…",
            lambda: export(window, "review"),
            "Save the latest version with its open comments for your mentor to read in Word",
            "Ctrl+Shift+E",
        ),
        _action(
            window,
            "Import reviewed &Word file…",
            lambda: choose_and_import(window),
            "Bring a mentor's Word comments in, anchored to the words they cover",
            "Ctrl+Shift+W",
        ),
    ]
    separator = QAction(window)
    separator.setSeparator(True)
    for action in [separator, *actions]:
        if before is not None:
            file_menu.insertAction(before, action)
        else:
            file_menu.addAction(action)
    file_menu.aboutToShow.connect(lambda: _enable(window, actions))
    FileDropFilter(
        window,
        lambda paths: import_file(window, paths[0]),
        suffixes=[".docx"],
        enabled=lambda: window.session is not None,
    )


def _action(window, text, slot, tip, shortcut) -> QAction:
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


def _enable(window, actions) -> None:
    session = window.session
    for action in actions:
        action.setEnabled(session is not None)
    if session is not None:
        actions[0].setEnabled(session.is_mentee)


def export(window, kind: str):
    """Open the export dialog for a "submission" or a "review" copy."""
    from ui.word.export import ExportDialog  # Word support loads on first use

    if window.session is None:
        return None
    try:
        dialog = ExportDialog(window.session, kind, window)
    except WorkbenchError as exc:
        show_error(window, exc, "Export to Word")
        return None
    dialog.open()
    return dialog


def choose_and_import(window) -> None:
    if window.session is None:
        return
    folder = QSettings().value(IMPORT_FOLDER_KEY, "") or str(Path.home())
    chosen, _ = QFileDialog.getOpenFileName(
        window, "Import a reviewed Word file", folder, "Word documents (*.docx)"
    )
    if chosen:
        QSettings().setValue(IMPORT_FOLDER_KEY, str(Path(chosen).parent))
        import_file(window, Path(chosen))


def import_file(window, path: Path):
    """Read the file off the GUI thread, then show the preview (nothing saved yet)."""
    # Word support (python-docx, lxml) and the job runner load on first use, not at start-up.
    from ui.common.jobs import Cancelled, run_modal
    from ui.word.review import ImportPreviewDialog
    from workbench.word.review import review_context

    if window.session is None:
        QMessageBox.information(window, "Import from Word", "Open a portfolio first.")
        return None
    try:
        # The versions are read here; the file is read in the job (they help find the
        # statement in a file that lost its bookmark).
        known = review_context(window.session.portfolio, window.session.actor, False).texts
        document = run_modal(
            window, f"Reading {path.name}…", lambda _c: _read(path, known), title="Word"
        )
    except Cancelled:
        return None
    except WorkbenchError as exc:
        show_error(window, exc, "Import from Word")
        return None
    dialog = ImportPreviewDialog(window.session, path, document, window)
    dialog.open()
    return dialog


def _read(path: Path, known: tuple[str, ...] = ()):
    """Read a .docx (in a worker); a file python-docx cannot take is named, not traced."""
    from workbench.word.reading import read_docx  # Word support loads on first use

    try:
        return read_docx(path, known)
    except (OSError, ValueError) as exc:
        raise DocxError(f"The Word file {path.name} could not be read ({exc}).") from None
