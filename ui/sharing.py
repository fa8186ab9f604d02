"""Sharing in the main window: send a package, open one, and what arrived.

``install(window)`` adds File ▸ "Send to mentor…/Send to mentee…" and
"Open package…", Tools ▸ "Sharing and sync…", "Mentor's home" and "Sign off…",
accepts a ``.wbpack`` dropped on the window, and starts the sync folder
controller (``ui.sharing_sync``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workbench import keys
from workbench.errors import WorkbenchError
from workbench.exchange import (
    ImportSummary,
    create_copy,
    import_package,
    is_new_sender,
    mark_seen,
)
from workbench.exchange_pack import ACK_KEY, plan_pack, write_pack
from workbench.exchange_reader import Package, peek_portfolio, read_package, stage_blobs
from workbench.mentor_home import find_portfolio, new_copy_folder, remember_portfolio
from workbench.portfolios import MENTEE, MENTOR, get_setting, members

from .dialogs import show_error
from .sharing_worker import CancelledByUserError, run_with_progress

FOLDER_KEY = "sharing/folder"
FILTER = "Workbench packages (*.wbpack)"


def install(window) -> None:
    file_menu = window.menus["file"]
    before = window.menus.get("file-end")
    window.send_action = _action(
        window,
        "&Send to mentor…",
        lambda: send(window),
        "Ctrl+Shift+P",
        "Save your latest work as a signed package for the other person",
    )
    window.open_package_action = _action(
        window,
        "Open &package…",
        lambda: choose_and_open(window),
        "Ctrl+Shift+O",
        "Bring in a package your mentor or mentee sent you",
    )
    separators = [QAction(window), QAction(window)]
    for separator in separators:
        separator.setSeparator(True)
    for action in (separators[0], window.send_action, window.open_package_action, separators[1]):
        if before is not None:
            file_menu.insertAction(before, action)
        else:
            file_menu.addAction(action)
    file_menu.aboutToShow.connect(lambda: _update_send_action(window))
    tools = window.menus["tools"]
    window.sharing_settings_action = _action(
        window,
        "Sharing and s&ync…",
        lambda: show_settings(window),
        "",
        "Your key fingerprint, the people you exchange with, and the sync folder",
    )
    window.mentor_home_action = _action(
        window,
        "Mentor's &home",
        lambda: show_mentor_home(window),
        "Ctrl+Shift+H",
        "Your mentees' portfolios: what is new, open comments, days left",
    )
    window.signoff_action = _action(
        window,
        "Sign &off…",
        lambda: show_signoff(window),
        "",
        "Sign the completion statement for the mentee's final version",
    )
    for action in (
        window.sharing_settings_action,
        window.mentor_home_action,
        window.signoff_action,
    ):
        tools.addAction(action)
    tools.aboutToShow.connect(lambda: _update_tool_actions(window))
    window.setAcceptDrops(True)
    window.package_drop_filter = _DropFilter(window)  # kept: Python holds the override
    window.installEventFilter(window.package_drop_filter)
    from .sharing_sync import SyncController

    window.sync_controller = SyncController(window)


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
    window.send_action.setEnabled(session is not None and session.role in (MENTEE, MENTOR))
    other = "mentee" if session is not None and session.is_mentor else "mentor"
    window.send_action.setText(f"&Send to {other}…")


def _update_tool_actions(window) -> None:
    session = window.session
    window.sharing_settings_action.setEnabled(session is not None)
    window.signoff_action.setEnabled(session is not None and session.is_mentor)


# Sending ---------------------------------------------------------------------------------


def other_person_name(session) -> str:
    for membership in members(session.portfolio):
        if membership.role != session.role:
            return membership.name
    return "the other person"


def default_package_name(session) -> str:
    title = "".join(c if c.isalnum() or c in " -" else " " for c in session.portfolio.title)
    return f"{' '.join(title.split())} - from {session.actor.name} - {date.today():%Y-%m-%d}.wbpack"


class SendDialog(QDialog):
    """Choose what to send and where to save the package."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.result_path: Path | None = None
        other = other_person_name(session)
        self.setWindowTitle(f"Send to {other}")
        intro = QLabel(
            f"Save a signed package of your work for {other}. Give them the file by email, "
            "USB stick or a shared folder; they open it with File ▸ Open package."
        )
        intro.setWordWrap(True)
        self.changes = QRadioButton(f"Only what {other} has not received yet")
        self.everything = QRadioButton("Everything (for a new computer, or if unsure)")
        self.changes.setAccessibleName("Send only changes")
        self.everything.setAccessibleName("Send everything")
        confirmed = any(
            get_setting(ACK_KEY + m.person_id) for m in members(session.portfolio) if m.person_id
        )
        (self.changes if confirmed else self.everything).setChecked(True)
        self.changes.setEnabled(confirmed)
        if not confirmed:
            self.changes.setToolTip(f"Nothing has come back from {other} yet.")
        self.files = QCheckBox("Include evidence files")
        self.files.setChecked(True)
        self.files.setToolTip("Leave them out when they are large and the other person has them")
        self.path = QLineEdit(str(self._default_folder() / default_package_name(session)))
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
        self.setMinimumWidth(560)

    @staticmethod
    def _default_folder() -> Path:
        return Path(QSettings().value(FOLDER_KEY, "") or Path.home())

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the package", self.path.text(), FILTER)
        if chosen:
            self.path.setText(chosen if chosen.endswith(".wbpack") else chosen + ".wbpack")

    def accept(self) -> None:
        target = Path(self.path.text().strip()).expanduser()
        if not target.name:
            return
        if target.suffix != ".wbpack":
            target = target.with_name(target.name + ".wbpack")
        try:
            plan = plan_pack(
                self.session.opened,
                self.session.actor,
                target,
                changes_only=self.changes.isChecked(),
                include_blobs=self.files.isChecked(),
            )
            result = run_with_progress(
                self,
                f"Writing {target.name}…",
                lambda progress, cancelled: write_pack(plan, progress, cancelled),
                plan.blob_bytes,
            )
        except CancelledByUserError:
            return
        except WorkbenchError as exc:
            show_error(self, exc, "Send")
            return
        QSettings().setValue(FOLDER_KEY, str(target.parent))
        self.result_path = result.path
        self.session.message.emit(
            f"Saved {result.records} records and {result.blobs} evidence file(s) to {result.path}"
        )
        super().accept()


def send(window) -> SendDialog | None:
    if window.session is None:
        return None
    dialog = SendDialog(window.session, window)
    dialog.open()
    return dialog


# Opening ---------------------------------------------------------------------------------


class SummaryDialog(QDialog):
    """What a package brought, in sentences."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"From {summary.sender_name}")
        heading = QLabel(f"<b>{summary.portfolio_title}</b> — package from {summary.sender_name}")
        heading.setWordWrap(True)
        self.lines = QLabel(
            "<ul>" + "".join(f"<li>{_html(t)}</li>" for t in summary.lines()) + "</ul>"
        )
        self.lines.setWordWrap(True)
        self.lines.setAccessibleName("What arrived")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.lines)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def choose_and_open(window) -> None:
    folder = QSettings().value(FOLDER_KEY, "") or str(Path.home())
    chosen, _ = QFileDialog.getOpenFileName(window, "Open a package", folder, FILTER)
    if chosen:
        QSettings().setValue(FOLDER_KEY, str(Path(chosen).parent))
        open_package(window, Path(chosen))


def _verify(window, path: Path, root: Path | None = None) -> Package | None:
    """Read and check the package (and stage its files beside ``root``) off the GUI thread."""

    def job(_progress, _cancelled):
        package = read_package(path)
        return stage_blobs(package, root) if root is not None else package

    try:
        return run_with_progress(window, f"Checking {path.name}…", job)
    except CancelledByUserError:
        return None
    except WorkbenchError as exc:
        show_error(window, exc, "The package was not opened")
        return None


def open_package(window, path: Path) -> ImportSummary | None:
    """Check the package off the GUI thread, then bring it into its portfolio."""
    identity = window.ensure_identity()
    if identity is None:
        return None
    session = window.session
    target = peek_portfolio(path)
    if session is not None and target == session.portfolio.uuid:
        package = _verify(window, path, session.opened.root)
        return _import_here(window, path, package) if package else None
    package = _verify(window, path)
    if package is None:
        return None
    manifest = package.manifest
    known = find_portfolio(manifest["portfolio"])
    if known is not None:
        if not window.open_portfolio(known):
            return None
        return _import_here(window, path, package)
    return _create_copy(window, identity, package)


def _import_here(window, path: Path, package: Package) -> ImportSummary | None:
    session = window.session
    manifest = package.manifest
    try:
        if is_new_sender(manifest, session.actor) and not _trust_first_key(window, manifest):
            return None
        summary = import_package(session.opened, session.actor, path, package)
    except WorkbenchError as exc:
        show_error(window, exc, "The package was not opened")
        return None
    finally:
        package.discard_staged()  # left only if the import did not take them
    mark_seen()
    session.reload_portfolio()
    session.notify("all")
    SummaryDialog(summary, window).open()
    return summary


def _trust_first_key(window, manifest: dict) -> bool:
    answer = QMessageBox.question(
        window,
        "A package from someone new",
        f"This is the first package from {manifest['sender_name']} "
        f"(as {manifest['sender_role']}). Their key fingerprint is\n"
        f"{keys.fingerprint(manifest['public_key'])}\n\nCompare it with them by phone. "
        "Open the package and accept their key from now on?",
    )
    return answer == QMessageBox.StandardButton.Yes


def _create_copy(window, identity, package: Package) -> ImportSummary | None:
    manifest = package.manifest
    answer = QMessageBox.question(
        window,
        "A new portfolio",
        f"{manifest['sender_name']} sent you '{manifest['portfolio_title']}'. Make your copy "
        "of it on this computer?\n\nTheir key fingerprint is\n"
        f"{keys.fingerprint(manifest['public_key'])}\n\nCompare it with them by phone: if "
        "it differs, someone else made this file.",
    )
    if answer != QMessageBox.StandardButton.Yes or not window.close_portfolio():
        return None
    root = new_copy_folder(manifest)
    try:
        summary = create_copy(package, identity, root)
    except WorkbenchError as exc:
        show_error(window, exc, "The package was not opened")
        return None
    remember_portfolio(manifest["portfolio"], root)
    if window.open_portfolio(root):
        mark_seen()
        SummaryDialog(summary, window).open()
    return summary


class _DropFilter(QObject):
    """Accept a .wbpack dropped on the main window and open it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if _package_of(event):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            path = _package_of(event)
            if path is not None:
                event.acceptProposedAction()
                open_package(self.window, path)
                return True
        return False


def _package_of(event) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    if len(paths) == 1 and paths[0].suffix.lower() == ".wbpack":
        return paths[0]
    return None


# Other windows ------------------------------------------------------------------------


def show_settings(window):
    if window.session is None:
        return None
    from .sharing_settings import SharingDialog

    dialog = SharingDialog(window.session, window.sync_controller, window)
    dialog.open()
    return dialog


def show_mentor_home(window):
    from .mentor_home import MentorHomeDialog

    dialog = getattr(window, "mentor_home", None)
    if dialog is None:
        dialog = window.mentor_home = MentorHomeDialog(window)
    dialog.refresh()
    dialog.show()
    dialog.activateWindow()
    return dialog


def show_signoff(window):
    if window.session is None or not window.session.is_mentor:
        return None
    from .sharing_signoff import SignOffDialog

    try:
        dialog = SignOffDialog(window.session, window)
    except WorkbenchError as exc:
        show_error(window, exc, "Sign off")
        return None
    dialog.open()
    return dialog
