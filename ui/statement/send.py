"""After "Send for review…": the version is made; now offer the ways to send it.

A package file for the mentor, the sync folder (which sends it by itself), or a
Word review copy. The status bar says what happened either way.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.common.plain import menu_text, plain_label
from workbench.exchange import sync


class SendOnDialog(QDialog):
    """Version N is ready: send it now (package, sync folder, Word) or later."""

    def __init__(self, window, number: int, parent: QWidget | None = None):
        super().__init__(parent or window)
        from ui.sharing.actions import other_person_name

        self.window_ = window
        self.number = number
        self.chosen = ""  # "package", "word", "sync" or "later"
        session = window.session
        self.mentor = other_person_name(session)
        self.synced = sync.sync_folder() is not None
        self.setWindowTitle(f"Version {number} is ready")
        layout = QVBoxLayout(self)
        intro = plain_label(
            f"Version {number} of your statement is saved. Now send it to {self.mentor}."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if self.synced:
            self.sync_note = plain_label(
                f"Your sync folder is set: it will be sent to {self.mentor} by itself."
            )
            self.sync_note.setWordWrap(True)
            layout.addWidget(self.sync_note)
        self.package_button = self._choice(
            layout,
            f"Save a package file for {self.mentor}…",
            "A file to give them by email or USB stick; they open it in the workbench",
            "package",
        )
        self.word_button = self._choice(
            layout,
            "Save a Word review copy…",
            "For a mentor who comments in Word; import their file back afterwards",
            "word",
        )
        layout.addLayout(self._closing_row())
        self.setMinimumWidth(480)

    def _choice(self, layout, text: str, tip: str, key: str) -> QPushButton:
        button = QPushButton(menu_text(text))
        button.setToolTip(tip)
        button.setMinimumHeight(32)
        button.clicked.connect(lambda: self.choose(key))
        layout.addWidget(button)
        return button

    def _closing_row(self) -> QHBoxLayout:
        self.later_button = QPushButton("Done" if self.synced else "Later")
        self.later_button.clicked.connect(lambda: self.choose("sync" if self.synced else "later"))
        self.later_button.setDefault(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.later_button)
        return row

    def choose(self, key: str) -> None:
        self.chosen = key
        self.accept()
        self.window_.statusBar().showMessage(self._said(key), 10000)
        if key == "package":
            from ui.sharing.actions import send

            send(self.window_)
        elif key == "word":
            from ui.word.actions import export

            export(self.window_, "review")

    def _said(self, key: str) -> str:
        n, mentor = self.number, self.mentor
        if key == "sync" or (self.synced and key != "later"):
            return f"Version {n} is saved; your sync folder will carry it to {mentor}."
        if key == "package":
            return f"Version {n} is saved; choose where to save the package for {mentor}."
        if key == "word":
            return f"Version {n} is saved; choose where to save the Word copy for {mentor}."
        return f"Version {n} is saved. Send it to {mentor} with File ▸ Send to mentor when ready."

    def reject(self) -> None:  # Escape or the close button: the same as Later
        if not self.chosen:
            self.chosen = "sync" if self.synced else "later"
            self.window_.statusBar().showMessage(self._said(self.chosen), 10000)
        super().reject()


def offer_sending(window, number: int) -> SendOnDialog | None:
    """Show the ways to send version ``number`` (only inside the main window)."""
    if getattr(window, "session", None) is None or not hasattr(window, "statusBar"):
        return None
    dialog = SendOnDialog(window, number)
    dialog.open()
    return dialog
