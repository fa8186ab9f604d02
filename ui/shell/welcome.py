"""The page shown when no portfolio is open: create, open, or try the sample."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.plain import plain_label
from workbench import APP_NAME
from workbench.store.identity import load_identity


class WelcomePage(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        title = QLabel(APP_NAME)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        self.greeting = plain_label()
        self.greeting.setWordWrap(True)
        intro = QLabel(
            "Rate yourself against the PKSB, keep your evidence in one place, draft your "
            "statement and talk it through with your mentor — all on your own computer."
        )
        intro.setWordWrap(True)

        self.new_button = self._button("Create a new portfolio…", window.new_portfolio)
        self.new_button.setDefault(True)
        self.open_button = self._button("Open a portfolio…", window.choose_portfolio)
        self.sample_button = self._button("Try the sample portfolio", lambda: window.open_sample())
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch()

        self.recent_label = QLabel("&Recent portfolios")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent portfolios")
        self.recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(
            lambda item: window.open_portfolio(item.data(Qt.ItemDataRole.UserRole))
        )

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(self.greeting)
        column.addWidget(intro)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent, 2)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.refresh()

    def _button(self, text, slot) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(36)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        identity = load_identity()
        self.greeting.setText(
            f"Welcome back, {identity.name}." if identity else "Welcome! Let's get you started."
        )
        self.recent.clear()
        for root in self.window_.recent_portfolios():
            item = QListWidgetItem(f"{Path(root).name}  —  {root}")
            item.setData(Qt.ItemDataRole.UserRole, root)
            self.recent.addItem(item)
        has_recent = self.recent.count() > 0
        self.recent.setVisible(has_recent)
        self.recent_label.setVisible(has_recent)
