"""The dialogs of the Gap matrix view."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)


class NewSnapshotDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New snapshot")
        info = QLabel(
            "A new snapshot starts from your latest ratings. The current one is kept "
            "exactly as it is now, so you can compare them later."
        )
        info.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of snapshot")
        self.kind.addItem("Review (e.g. a mid-point check with your mentor)", "review")
        self.kind.addItem("End (your final ratings for submission)", "end")
        self.label = QLineEdit()
        self.label.setAccessibleName("Label")
        self.label.setPlaceholderText("e.g. Mid-point review")
        form = QFormLayout()
        form.addRow("&Kind:", self.kind)
        form.addRow("&Label (optional):", self.label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(buttons)
