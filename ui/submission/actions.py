"""The File menu's *Prepare submission…* (``install(window)``), after the Word actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from ui.common.dialogs import show_error
from workbench.errors import WorkbenchError


def install(window) -> None:
    file_menu = window.menus["file"]
    before = window.menus.get("file-end")
    action = QAction("Prepare &submission…", window)
    tip = "Make the folder (or zip) to upload: statement, PKSB report, evidence and index"
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.setShortcut(QKeySequence("Ctrl+Shift+U"))
    action.triggered.connect(lambda: prepare(window))
    if before is not None:
        file_menu.insertAction(before, action)
    else:
        file_menu.addAction(action)
    file_menu.aboutToShow.connect(
        lambda: action.setEnabled(window.session is not None and window.session.is_mentee)
    )


def prepare(window):
    """Open the dialog: what is missing first, then where to write the submission."""
    # The submission's document and PDF support loads on first use, not at start-up.
    from ui.submission.dialog import SubmissionDialog

    if window.session is None:
        return None
    try:
        dialog = SubmissionDialog(window.session, window)
    except WorkbenchError as exc:
        show_error(window, exc, "Prepare submission")
        return None
    dialog.open()
    return dialog
