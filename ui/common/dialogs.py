"""Small dialogs used in several places: the first-run name, errors."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.common.plain import literal
from workbench import APP_NAME
from workbench.errors import WorkbenchError
from workbench.store.identity import Identity, create_identity


class NameDialog(QDialog):
    """Asks a first-time user for the name mentors and mentees will see."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        intro = QLabel(
            "Before you start, tell the workbench your name. Your mentor or mentee sees it "
            "beside your ratings and comments. It stays on this computer."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Sam Taylor")
        form = QFormLayout()
        form.addRow("Your &name:", self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        self.open_existing = buttons.addButton(
            "I have a portfolio already…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_existing.setToolTip(
            "Open it, and the workbench learns who you are from it (after a lost identity file)"
        )
        self.open_existing.clicked.connect(self._open_existing)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.identity: Identity | None = None
        self.wants_portfolio = False

    def _open_existing(self) -> None:
        self.wants_portfolio = True
        self.reject()

    def accept(self) -> None:
        try:
            self.identity = create_identity(self.name.text())
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        super().accept()


def show_error(parent: QWidget | None, error: Exception, title: str = "") -> None:
    """Tell the user what went wrong, in their words; never a traceback."""
    text = str(error) if isinstance(error, WorkbenchError) else f"Something went wrong: {error}"
    QMessageBox.warning(parent, title or APP_NAME, literal(text))
