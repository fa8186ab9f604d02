"""Asking before a file the user already has is replaced (a package, a Word file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.common.plain import literal


def confirm_overwrite(parent: QWidget | None, path: Path, asked: Path | None = None) -> bool:
    """True to write ``path``: it is new, the user already agreed to replace it in the
    save dialog (``asked``), or they agree now."""
    if not path.exists() or (asked is not None and Path(asked) == path):
        return True
    answer = QMessageBox.question(
        parent,
        "Replace the file?",
        literal(f"{path.name} is already in {path.parent}. Replace it with the new one?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
