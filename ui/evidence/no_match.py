"""What the evidence list shows when its filters hide every item: why, and the way back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class NoMatchNote(QWidget):
    """ "No evidence matches these filters", with a button that clears them."""

    def __init__(self, clear, parent=None):
        super().__init__(parent)
        self.label = QLabel("No evidence matches these filters.")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("No evidence matches")
        self.button = QPushButton("Clear the filters")
        self.button.setAccessibleName("Clear the evidence filters")
        self.button.clicked.connect(clear)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
