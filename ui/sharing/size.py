"""A package too big for email: say its size and offer the ways round it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.common.plain import literal

LARGE_PACKAGE_BYTES = 25_000_000  # most email services refuse attachments above this
WITHOUT_FILES, ANYWAY, SYNC, CANCEL = "without files", "anyway", "sync", "cancel"


def megabytes(size: int) -> str:
    return f"{max(1, round(size / 1_000_000))} MB"


def is_large(size: int) -> bool:
    return size > LARGE_PACKAGE_BYTES


def ask_about_size(parent: QWidget | None, size: int, synced: bool) -> str:
    """Ask what to do with a package of ``size`` bytes: one of the choices above."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("A large package")
    box.setText(
        literal(
            f"This package will be about {megabytes(size)}, too big for most email. "
            "Send it without the evidence files (the other person keeps the ones they "
            "already have), or let a sync folder carry it."
        )
    )
    choices = {
        box.addButton("Without evidence files", QMessageBox.ButtonRole.AcceptRole): WITHOUT_FILES,
        box.addButton(
            "Use the sync folder" if synced else "Set up a sync folder…",
            QMessageBox.ButtonRole.ActionRole,
        ): SYNC,
        box.addButton("Save it anyway", QMessageBox.ButtonRole.DestructiveRole): ANYWAY,
        box.addButton(QMessageBox.StandardButton.Cancel): CANCEL,
    }
    box.setDefaultButton(next(iter(choices)))
    box.exec()
    return choices.get(box.clickedButton(), CANCEL)
