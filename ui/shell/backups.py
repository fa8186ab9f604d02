"""Restoring a portfolio from one of its backup copies."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from ui.common.dialogs import show_error
from ui.common.plain import literal
from workbench.errors import WorkbenchError
from workbench.store.portfolios import backups_of, restore_from_backup


def describe(path: Path) -> str:
    """'29 Nov 2026, 10:05 (hourly copy)' from a backup's file name."""
    parts = path.stem.split("-")
    try:
        day, time, reason = parts[1], parts[2], "-".join(parts[4:])
        when = f"{day[6:8]}/{day[4:6]}/{day[0:4]} {time[0:2]}:{time[2:4]} UTC"
    except IndexError:
        return path.name
    kind = "hourly copy" if reason == "rolling" else reason.replace("-", " ")
    return f"{when} ({kind})"


def offer_restore(parent: QWidget, root: Path, error: WorkbenchError) -> bool:
    """After a damaged database: offer the latest backup. True if restored."""
    backups = backups_of(root)
    if not backups:
        show_error(parent, error, "Cannot open the portfolio")
        return False
    answer = QMessageBox.question(
        parent,
        "The portfolio is damaged",
        literal(
            f"{error}\n\nRestore the latest backup copy, from {describe(backups[0])}? "
            "The damaged file is kept in the backups folder."
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    return _restore(parent, root, backups[0])


def choose_and_restore(parent: QWidget, root: Path) -> bool:
    """Let the user pick a backup of a closed portfolio and restore it."""
    backups = backups_of(root)
    if not backups:
        QMessageBox.information(parent, "No backups", "This portfolio has no backup copies yet.")
        return False
    labels = [describe(path) for path in backups]
    choice, ok = QInputDialog.getItem(
        parent,
        "Restore from a backup",
        "Put this copy in place of the portfolio (the current file is kept aside):",
        labels,
        0,
        False,
    )
    if not ok:
        return False
    return _restore(parent, root, backups[labels.index(choice)])


def _restore(parent: QWidget, root: Path, backup: Path) -> bool:
    try:
        restore_from_backup(root, backup)
    except WorkbenchError as exc:
        show_error(parent, exc, "Cannot restore the backup")
        return False
    return True
