"""Sharing in the main window: send a package, open one, and what arrived.

``install(window)`` adds File ▸ "Send to mentor…/Send to mentee…" and
"Open package…", Tools ▸ "Sharing and sync…", "Mentor's home" and "Sign off…",
accepts a ``.wbpack`` dropped on the window, and starts the sync folder
controller (``ui.sharing.sync``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from ui.common.jobs import Cancelled, run_modal
from ui.common.keyboard import main_button
from ui.common.overwrite import confirm_overwrite
from ui.common.plain import literal, menu_text, plain_label
from ui.journey.mentor_home import MentorHomeDialog
from ui.sharing.opening import (
    FILTER,
    FOLDER_KEY,
    accept_package_drops,
    choose_and_open,
    open_package,
)
from ui.sharing.settings import SharingDialog
from ui.sharing.signoff import SignOffDialog
from ui.sharing.size import ANYWAY, SYNC, WITHOUT_FILES, ask_about_size, is_large
from ui.sharing.sync import SyncController
from ui.shell.identity import announce_key_change
from workbench.errors import WorkbenchError
from workbench.exchange import sync
from workbench.exchange.pack import ACK_KEY, plan_pack, write_pack
from workbench.store.handles import people
from workbench.store.portfolios import MENTEE, MENTOR, get_setting

__all__ = ["install", "open_package", "send"]


def install(window) -> None:
    file_menu = window.menus["file"]
    before = window.menus.get("file-end")
    send_action = _action(
        window,
        "&Send to mentor…",
        lambda: send(window),
        "Ctrl+Shift+P",
        "Save your latest work as a signed package for the other person",
    )
    open_package_action = _action(
        window,
        "Open &package…",
        lambda: choose_and_open(window),
        "Ctrl+Shift+O",
        "Bring in a package your mentor or mentee sent you",
    )
    separators = [QAction(window), QAction(window)]
    for separator in separators:
        separator.setSeparator(True)
    for action in (separators[0], send_action, open_package_action, separators[1]):
        if before is not None:
            file_menu.insertAction(before, action)
        else:
            file_menu.addAction(action)
    file_menu.aboutToShow.connect(lambda: _update_send_action(window))
    tools = window.menus["tools"]
    sharing_settings_action = _action(
        window,
        "Sharing and s&ync…",
        lambda: show_settings(window),
        "",
        "Your key fingerprint, the people you exchange with, and the sync folder",
    )
    mentor_home_action = _action(
        window,
        "Mentor's &home",
        lambda: show_mentor_home(window),
        "Ctrl+Shift+H",
        "Your mentees' portfolios: what is new, open comments, days left",
    )
    signoff_action = _action(
        window,
        "Sign &off…",
        lambda: show_signoff(window),
        "",
        "Sign the completion statement for the mentee's final version",
    )
    for action in (sharing_settings_action, mentor_home_action, signoff_action):
        tools.addAction(action)
    tools.aboutToShow.connect(lambda: _update_tool_actions(window))
    accept_package_drops(window, window)

    for attr, name in (
        (send_action, "send-action"),
        (open_package_action, "open-package-action"),
        (sharing_settings_action, "sharing-settings-action"),
        (mentor_home_action, "mentor-home-action"),
        (signoff_action, "signoff-action"),
        (SyncController(window), "sync"),
    ):
        window.add_part(name, attr)


def _action(window, text, slot, shortcut, tip) -> QAction:
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


def _update_send_action(window) -> None:
    session = window.session
    action = window.part("send-action")
    action.setEnabled(session is not None and session.role in (MENTEE, MENTOR))
    other = "mentee" if session is not None and session.is_mentor else "mentor"
    action.setText(f"&Send to {other}…")


def _update_tool_actions(window) -> None:
    session = window.session
    window.part("sharing-settings-action").setEnabled(session is not None)
    window.part("signoff-action").setEnabled(session is not None and session.is_mentor)


# Sending ---------------------------------------------------------------------------------


def other_person_name(session) -> str:
    for member in people(session.portfolio):
        if member.role != session.role:
            return member.name
    return "the other person"


def default_package_name(session) -> str:
    title = "".join(c if c.isalnum() or c in " -" else " " for c in session.info.title)
    return f"{' '.join(title.split())} - from {session.me.name} - {date.today():%Y-%m-%d}.wbpack"


def free_name(path: Path) -> Path:
    """``path``, or "name (2).wbpack" and so on if a file of that name is already there."""
    number = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate


class SendDialog(QDialog):
    """Choose what to send and where to save the package."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.result_path: Path | None = None
        self.asked: Path | None = None  # a path the save dialog already confirmed
        other = other_person_name(session)
        self.setWindowTitle(f"Send to {other}")
        intro = plain_label(
            f"Save a signed package of your work for {other}. Give them the file by email, "
            "USB stick or a shared folder; they open it with File ▸ Open package."
        )
        intro.setWordWrap(True)
        self.changes = QRadioButton(menu_text(f"Only what {other} has not received yet"))
        self.everything = QRadioButton("Everything (for a new computer, or if unsure)")
        self.changes.setAccessibleName("Send only changes")
        self.everything.setAccessibleName("Send everything")
        confirmed = any(get_setting(ACK_KEY + m.uuid) for m in people(session.portfolio) if m.uuid)
        (self.changes if confirmed else self.everything).setChecked(True)
        self.changes.setEnabled(confirmed)
        if not confirmed:
            self.changes.setToolTip(literal(f"Nothing has come back from {other} yet."))
        self.files = QCheckBox("Include evidence files")
        self.files.setChecked(True)
        self.files.setToolTip("Leave them out when they are large and the other person has them")
        self.path = QLineEdit(
            str(free_name(self._default_folder() / default_package_name(session)))
        )
        self.path.setAccessibleName("Package file")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.changes, self.everything, self.files):
            layout.addWidget(widget)
        layout.addWidget(QLabel("Save as:"))
        layout.addLayout(row)
        layout.addWidget(buttons)
        main_button(self, buttons.button(QDialogButtonBox.StandardButton.Save))
        self.setMinimumWidth(560)

    @staticmethod
    def _default_folder() -> Path:
        return Path(QSettings().value(FOLDER_KEY, "") or Path.home())

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the package", self.path.text(), FILTER)
        if chosen:
            chosen = chosen if chosen.endswith(".wbpack") else chosen + ".wbpack"
            self.path.setText(chosen)
            self.asked = Path(chosen)  # the save dialog asked about replacing it

    def _target(self) -> Path | None:
        target = Path(self.path.text().strip()).expanduser()
        if not target.name:
            return None
        if target.suffix != ".wbpack":
            target = target.with_name(target.name + ".wbpack")
        return target

    def _plan(self, target: Path):
        return plan_pack(
            self.session.opened,
            self.session.actor,
            target,
            changes_only=self.changes.isChecked(),
            include_blobs=self.files.isChecked(),
        )

    def _sized(self, plan, target: Path):
        """The plan to write, after asking about a large one; None to write nothing here."""
        size = plan.blob_bytes + len(plan.records)
        if not is_large(size):
            return plan
        synced = sync.sync_folder() is not None
        choice = ask_about_size(self, size, synced)
        if choice == WITHOUT_FILES:
            self.files.setChecked(False)
            return self._plan(target)
        if choice == SYNC:
            self.reject()
            window = self.parentWidget()
            if synced:
                window.part("sync").write_now()
            else:
                show_settings(window)
            return None
        return plan if choice == ANYWAY else None

    def accept(self) -> None:
        target = self._target()
        if target is None or not confirm_overwrite(self, target, self.asked):
            return
        try:
            plan = self._sized(self._plan(target), target)
            if plan is None:
                return
            result = run_modal(
                self,
                f"Writing {target.name}…",
                lambda context: write_pack(plan, context.progress, context.cancelled),
                title="Sharing",
                total=plan.blob_bytes,
            )
        except Cancelled:
            return
        except WorkbenchError as exc:
            show_error(self, exc, "Send")
            return
        self._sent(result)

    def _sent(self, result) -> None:
        QSettings().setValue(FOLDER_KEY, str(result.path.parent))
        self.result_path = result.path
        self.session.message.emit(
            f"Saved {result.records} records and {result.blobs} evidence file(s) to {result.path}"
        )
        super().accept()

        announce_key_change(self.parentWidget())  # a key made again for this send


def send(window) -> SendDialog | None:
    if window.session is None:
        return None
    dialog = SendDialog(window.session, window)
    dialog.open()
    return dialog


# Other windows ------------------------------------------------------------------------


def show_settings(window):
    if window.session is None:
        return None

    dialog = SharingDialog(window.session, window.part("sync"), window)
    dialog.open()
    return dialog


def show_mentor_home(window):
    dialog = window.reused("mentor-home", lambda: MentorHomeDialog(window))
    dialog.refresh()
    dialog.show()
    dialog.activateWindow()
    return dialog


def show_signoff(window):
    if window.session is None or not window.session.is_mentor:
        return None

    try:
        dialog = SignOffDialog(window.session, window)
    except WorkbenchError as exc:
        show_error(window, exc, "Sign off")
        return None
    dialog.open()
    return dialog
