"""Opening a package in the GUI: checked off the GUI thread, then applied, then summarised.

A package for the open portfolio is applied in place; one for another known
portfolio opens that portfolio first; a mentee's first package makes the
mentor's copy after they confirm, with the sender's key fingerprint shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from ui.common.jobs import Cancelled, run_modal
from ui.common.plain import escape, literal, plain_label
from ui.sharing.first_package import TITLE as NEW_COPY
from ui.sharing.first_package import new_copy_text, next_steps
from workbench.errors import UnconfirmedKey, WorkbenchError
from workbench.exchange.apply import ImportSummary, import_package, mark_seen
from workbench.exchange.copies import copy_in_new_folder
from workbench.exchange.reader import Package, peek_portfolio, read_package, stage_blobs
from workbench.journey.mentor_home import find_portfolio

FOLDER_KEY = "sharing/folder"
FILTER = "Workbench packages (*.wbpack)"


class SummaryDialog(QDialog):
    """What a package brought, in sentences."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"From {summary.sender_name}")
        heading = QLabel(
            f"<b>{escape(summary.portfolio_title)}</b> — package from {escape(summary.sender_name)}"
        )
        heading.setWordWrap(True)
        self.lines = QLabel(
            "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in summary.lines()) + "</ul>"
        )
        self.lines.setWordWrap(True)
        self.lines.setAccessibleName("What arrived")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.lines)
        self.next_steps = plain_label(next_steps(summary))
        self.next_steps.setWordWrap(True)
        self.next_steps.setVisible(bool(self.next_steps.text()))
        layout.addWidget(self.next_steps)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


def choose_and_open(window) -> None:
    folder = QSettings().value(FOLDER_KEY, "") or str(Path.home())
    chosen, _ = QFileDialog.getOpenFileName(window, "Open a package", folder, FILTER)
    if chosen:
        QSettings().setValue(FOLDER_KEY, str(Path(chosen).parent))
        open_package(window, Path(chosen))


def _verify(window, path: Path, root: Path | None = None) -> Package | None:
    """Read and check the package (and stage its files beside ``root``) off the GUI thread."""

    def job(context):
        package = read_package(path)
        context.check()
        return stage_blobs(package, root) if root is not None else package

    try:
        return run_modal(
            window, f"Checking {path.name}…", job, title="Sharing", discard=_discard_staged
        )
    except Cancelled:
        return None
    except WorkbenchError as exc:
        show_error(window, exc, "The package was not opened")
        return None


def _discard_staged(package: Package) -> None:
    package.discard_staged()  # a cancelled check leaves no staged evidence behind


def open_package(window, path: Path) -> ImportSummary | None:
    """Check the package off the GUI thread, then bring it into its portfolio."""
    identity = window.ensure_identity()
    if identity is None:
        return None
    session = window.session
    target = peek_portfolio(path)
    if session is not None and target == session.info.uuid:
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
    try:
        try:
            summary = import_package(session.opened, session.actor, path, package, seen=True)
        except UnconfirmedKey as question:
            if not confirm_key(window, question):
                return None
            key = question.public_key
            summary = import_package(
                session.opened, session.actor, path, package, confirmed_key=key, seen=True
            )
    except WorkbenchError as exc:
        show_error(window, exc, "The package was not opened")
        return None
    finally:
        package.discard_staged()  # left only if the import did not take them
    session.reload_portfolio()
    session.notify("all")
    SummaryDialog(summary, window).open()
    return summary


def confirm_key(window, question: UnconfirmedKey) -> bool:
    """Ask the user to accept a sender's first key, or their changed key."""
    if question.changed:
        title = f"{question.sender_name}'s key changed"
        text = (
            f"{question.sender_name}'s key changed. Compare the new fingerprint with them "
            f"by phone:\n\n{question.fingerprint}\n\n(The one you confirmed before was "
            f"{question.previous_fingerprint}.)\n\nAccept the new key only if they tell you "
            "they have a new computer or lost their key. Accept it?"
        )
    else:
        title = "A package from someone new"
        text = (
            f"This is the first package from {question.sender_name} "
            f"(as {question.sender_role}). Their key fingerprint is\n"
            f"{question.fingerprint}\n\nCompare it with them by phone. "
            "Open the package and accept their key from now on?"
        )
    answer = QMessageBox.question(
        window, title, literal(text), defaultButton=QMessageBox.StandardButton.No
    )
    return answer == QMessageBox.StandardButton.Yes


def _create_copy(window, identity, package: Package) -> ImportSummary | None:
    manifest = package.manifest
    answer = QMessageBox.question(window, NEW_COPY, literal(new_copy_text(manifest)))
    if answer != QMessageBox.StandardButton.Yes or not window.close_portfolio():
        return None
    try:
        summary = copy_in_new_folder(package, identity, confirmed_key=manifest["public_key"])
    except WorkbenchError as exc:
        show_error(window, exc, "The package was not opened")
        return None
    if window.open_portfolio(summary.root):
        mark_seen()
        SummaryDialog(summary, window).open()
    return summary
