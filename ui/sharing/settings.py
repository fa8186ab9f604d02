"""The sharing dialog: your key fingerprint, the keys you trust, the sync folder, sign-offs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from ui.common.keyboard import main_button
from ui.common.plain import escape, plain_label
from workbench.errors import WorkbenchError
from workbench.exchange import signoff, sync
from workbench.exchange.key_trust import pinned_people
from workbench.store import keys
from workbench.store.portfolios import get_setting


def _mono(text: str) -> QLabel:
    label = QLabel(text)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SharingDialog(QDialog):
    """About me (fingerprint), trusted people, the sync folder and sign-offs."""

    def __init__(self, session, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.controller = controller
        self.setWindowTitle("Sharing and sync")
        layout = QVBoxLayout(self)
        layout.addWidget(self._about_me())
        layout.addWidget(self._people())
        layout.addWidget(self._sync_box())
        layout.addWidget(self._signoffs())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        main_button(self, buttons.button(QDialogButtonBox.StandardButton.Close))
        self.setMinimumWidth(560)

    def _about_me(self) -> QGroupBox:
        box = QGroupBox("About me")
        self.fingerprint = _mono(keys.my_fingerprint())
        self.fingerprint.setAccessibleName("Your key fingerprint")
        self.fingerprint.setToolTip(
            "Read it to the other person; they see it when opening your package"
        )
        hint = QLabel(
            "When your mentor or mentee first opens a package from you, they see this "
            "fingerprint. Read it to them by phone: if theirs differs, the file is not yours."
        )
        hint.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow("Name:", plain_label(self.session.me.name))
        form.addRow("Your fingerprint:", self.fingerprint)
        form.addRow(hint)
        return box

    def _people(self) -> QGroupBox:
        box = QGroupBox("People whose packages this portfolio accepts")
        form = QFormLayout(box)
        people = pinned_people()
        if not people:
            empty = QLabel("No package has come in yet. The first one remembers its sender's key.")
            empty.setWordWrap(True)
            form.addRow(empty)
        for pinned in people:
            label = _mono(pinned.fingerprint)
            label.setAccessibleName(f"Fingerprint of {pinned.name}")
            label.setToolTip(f"First seen on {pinned.pinned_at}")
            form.addRow(plain_label(f"{pinned.name}:"), label)
        self.people_count = len(people)
        return box

    def _sync_box(self) -> QGroupBox:
        box = QGroupBox("Sync folder (optional)")
        intro = QLabel(
            "Pick a folder that Dropbox, OneDrive, Nextcloud, Syncthing or a network share "
            "already carries to the other person. The workbench writes your package there "
            "after each change and opens theirs when it arrives."
        )
        intro.setWordWrap(True)
        current = sync.sync_folder()
        self.folder = QLineEdit(str(current) if current else "")
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText("Not syncing")
        self.folder.setAccessibleName("Sync folder")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose)
        self.stop = QPushButton("Stop syncing")
        self.stop.clicked.connect(lambda: self.set_folder(None))
        self.files = QCheckBox("Include evidence files")
        self.files.setChecked(get_setting(sync.BLOBS_KEY, "1") == "1")
        self.files.toggled.connect(self._files_toggled)
        self.sync_button = QPushButton("Sync now")
        self.sync_button.clicked.connect(self.sync_now)
        self.status = plain_label(self.controller.last_message if self.controller else "")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Sync status")
        if self.controller is not None:  # a pass runs in the background: show how it ended
            self.controller.pass_finished.connect(self._pass_finished)
        row = QHBoxLayout()
        for widget in (self.folder, choose, self.stop):
            row.addWidget(widget, 1 if widget is self.folder else 0)
        actions = QHBoxLayout()
        actions.addWidget(self.files)
        actions.addStretch()
        actions.addWidget(self.sync_button)
        layout = QVBoxLayout(box)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self._update_buttons()
        return box

    def _signoffs(self) -> QGroupBox:
        box = QGroupBox("Sign-off")
        layout = QVBoxLayout(box)
        checks = signoff.signoffs(self.session.portfolio)
        if not checks:
            layout.addWidget(QLabel("The mentor has not signed off a final version yet."))
        self.signoff_labels = []
        for check in checks:
            mark = "✔ Verified" if check.verified else f"✘ Not verified: {check.reason}"
            label = QLabel(
                f"<b>{escape(mark)}</b> — {escape(check.mentor)} signed off version "
                f"{check.version_number} on {check.signed_at}: “{escape(check.statement)}”"
            )
            label.setWordWrap(True)
            label.setAccessibleName("Sign-off")
            layout.addWidget(label)
            self.signoff_labels.append(label)
        return box

    def _update_buttons(self) -> None:
        on = bool(self.folder.text())
        self.stop.setEnabled(on)
        self.sync_button.setEnabled(on)
        self.files.setEnabled(on)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Choose the sync folder", str(Path.home()))
        if chosen:
            self.set_folder(Path(chosen))

    def set_folder(self, folder: Path | None) -> bool:
        try:
            sync.set_sync_folder(folder, self.files.isChecked())
        except WorkbenchError as exc:
            show_error(self, exc, "Sync folder")
            return False
        current = sync.sync_folder()
        self.folder.setText(str(current) if current else "")
        self._update_buttons()
        if self.controller is not None:
            self.controller.folder_changed()  # the status follows when its pass ends
        return True

    def _files_toggled(self, checked: bool) -> None:
        if sync.sync_folder() is not None:
            sync.set_sync_folder(sync.sync_folder(), checked)

    def sync_now(self) -> None:
        if self.controller is None:
            return
        if self.controller.sync_now():
            self.status.setText("Syncing…")

    def _pass_finished(self, result) -> None:
        if result is None:
            self.status.setText(self.controller.last_message)
            return
        self.status.setText(
            self.controller.last_message or "Up to date: nothing new in either direction."
        )
