"""Small widgets of the evidence views: an inline notice and the web link dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
)


class Notice(QFrame):
    """A message shown above the list until dismissed: calmer than a pop-up."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Notice")
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss the notice")
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def _show(self, text: str, pixmap: QStyle.StandardPixmap) -> None:
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(20, 20))
        self.text.setText(text)
        self.show()

    def show_error(self, text: str) -> None:
        self._show(text, QStyle.StandardPixmap.SP_MessageBoxWarning)

    def show_info(self, text: str) -> None:
        self._show(text, QStyle.StandardPixmap.SP_MessageBoxInformation)


class WebLinkDialog(QDialog):
    """Asks for a web address and a title."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add a web link")
        self.url = QLineEdit()
        self.url.setAccessibleName("Web address")
        self.url.setPlaceholderText("https://…")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("e.g. My blog post on the conference")
        form = QFormLayout()
        form.addRow("&Web address:", self.url)
        form.addRow("&Title:", self.title_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.url.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
