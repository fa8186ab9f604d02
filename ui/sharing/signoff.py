"""The mentor signs the completion statement for one version of the statement."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import show_error
from workbench.errors import ValidationError, WorkbenchError
from workbench.exchange import signoff
from workbench.statement import drafts


class SignOffDialog(QDialog):
    """Pick the final version, write the completion statement, sign it with your key."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.versions = list(reversed(drafts.version_infos(session.portfolio)))
        if not self.versions:
            raise ValidationError("There is no version of the statement to sign off yet.")
        self.setWindowTitle("Sign off")
        intro = QLabel(
            "Your sign-off is signed with your key for this exact version: if a word of it "
            "changes afterwards, the mentee's copy shows the sign-off as not verified."
        )
        intro.setWordWrap(True)
        self.version = QComboBox()
        self.version.setAccessibleName("Version to sign off")
        for version in self.versions:
            label = f"Version {version.number}" + (f" — {version.label}" if version.label else "")
            self.version.addItem(label, version.uuid)
        self.statement = QPlainTextEdit(signoff.default_statement(session.portfolio))
        self.statement.setAccessibleName("Completion statement")
        self.statement.setTabChangesFocus(True)
        self.statement.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.statement.setMaximumHeight(140)
        form = QFormLayout()
        form.addRow("&Version:", self.version)
        form.addRow("&Statement:", self.statement)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_button.setText("Sign off")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        version = self.versions[self.version.currentIndex()]
        try:
            signoff.sign_off(
                self.session.portfolio,
                self.session.actor,
                version.uuid,
                self.statement.toPlainText(),
            )
        except WorkbenchError as exc:
            show_error(self, exc, "Sign off")
            return
        self.session.message.emit(
            f"Signed off version {version.number}. Send it to the mentee to complete the form."
        )
        self.session.notify("portfolio")
        super().accept()
