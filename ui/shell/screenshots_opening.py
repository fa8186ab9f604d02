"""``main.py FILE --screenshots DIR``: open a file as a double-click would, unattended.

Each question the workbench asks on the way (a new sender's fingerprint, making
a mentor's copy) is saved as a picture over the window and answered Yes; a
message is saved and closed; a dialog it cannot answer (a first-run name) is
saved and cancelled. Then the window and whatever opened over it are saved, one
line says whether the file opened, and the program ends: 0 if it opened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from ui.shell.open_file import open_given_file
from ui.shell.screenshots_mentor import over_window

POLL_MS = 100


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


class _Answerer:
    def __init__(self, window, folder: Path):
        self.window, self.folder = window, folder
        self.saved: list[Path] = []

    def save(self, dialog, name: str) -> None:
        target = self.folder / f"open-{len(self.saved) + 1:02d}-{name}.png"
        picture = over_window(self.window, dialog) if dialog is not None else self.window.grab()
        picture.save(str(target))
        self.saved.append(target)

    def answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, QProgressDialog) or not dialog.isVisible():
            return  # nothing asked, or a check still running
        if isinstance(dialog, QMessageBox):
            print(f"{dialog.windowTitle()}: {dialog.text()}")
            self.save(dialog, "question")
            button = dialog.button(QMessageBox.StandardButton.Yes) or dialog.defaultButton()
            if button is None:
                dialog.done(0)
            else:
                button.click()
        elif isinstance(dialog, QDialog):
            print(f"{dialog.windowTitle()}: left unanswered")
            self.save(dialog, "unanswered")
            dialog.reject()


def screenshot_opening(window, path: Path, folder: Path) -> int:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(1280, 800)
    window.show()
    _settle()
    answerer = _Answerer(window, folder)
    timer = QTimer(window)
    timer.setInterval(POLL_MS)
    timer.timeout.connect(answerer.answer)
    timer.start()
    opened = open_given_file(window, Path(path))
    timer.stop()
    _settle()
    shown = [d for d in window.findChildren(QDialog) if d.isVisible()]
    for dialog in shown:  # what opened over the window: the summary, the preview
        answerer.save(dialog, "opened")
        dialog.done(0)
    if not shown:
        answerer.save(None, "window")
    where = f" into '{window.session.info.title}'" if window.session else ""
    print(f"{'Opened' if opened else 'Did not open'} {Path(path).name}{where}.")
    window.close_portfolio()
    window.close()
    return 0 if opened else 1
