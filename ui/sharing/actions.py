"""Sharing in the main window: send a package, open one, and what arrived.

What the sharing menu (``ui.sharing.menu``) runs: the Send dialog, "Sharing and
sync…", "Mentor's home" and "Sign off…". The menu imports this module when one
of its actions is first used, so the exchange code waits until then.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
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
    open_package,
)
from ui.sharing.settings import SharingDialog
from ui.sharing.signoff import SignOffDialog
from ui.sharing.size import ANYWAY, SYNC, WITHOUT_FILES, ask_about_size, is_large
from ui.shell.identity import announce_key_change
from workbench.errors import WorkbenchError
from workbench.exchange import sync
from workbench.exchange.pack import ACK_KEY, plan_pack, write_pack
from workbench.store.handles import people
from workbench.store.portfolios import get_setting

__all__ = ["open_package", "send"]


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
