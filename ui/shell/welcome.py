"""The page shown when no portfolio is open: two doors, one for each role.

The mentee's door creates or opens a portfolio; the mentor's door opens the
package their mentee sent (a button, or a ``.wbpack`` dropped on it). Recent
portfolios of both kinds sit underneath, and the sample portfolio is one click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.plain import plain_label
from ui.sharing.menu import accept_package_drops, choose_and_open
from workbench import APP_NAME
from workbench.store.identity import load_identity

FINGERPRINT_NOTE = (
    "The first time, the workbench shows your mentee's key fingerprint: read it to each "
    "other by phone, so you know the file really came from them."
)


def _heading(text: str, scale: float) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _sentence(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class Door(QFrame):
    """One framed choice on the welcome page: a heading, a sentence, its buttons."""

    def __init__(self, heading: str, text: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(heading)
        self.heading = _heading(heading, 1.25)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 16, 18, 16)
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(_sentence(text))
        self.layout_.addSpacing(6)

    def add(self, widget: QWidget) -> QWidget:
        self.layout_.addWidget(widget)
        return widget

    def finish(self) -> None:
        self.layout_.addStretch(1)


class WelcomePage(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.greeting = plain_label()
        self.greeting.setWordWrap(True)
        doors = QHBoxLayout()
        doors.setSpacing(16)
        doors.addWidget(self._mentee_door(window), 1)
        doors.addWidget(self._mentor_door(window), 1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(_heading(APP_NAME, 1.8))
        column.addWidget(self.greeting)
        column.addSpacing(12)
        column.addLayout(doors)
        column.addSpacing(12)
        column.addLayout(self._recent_and_sample(window), 2)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)
        self.refresh()

    def _mentee_door(self, window) -> Door:
        door = self.mentee_door = Door(
            "I am working towards registration",
            "Start your portfolio: rate yourself against the PKSB, keep your evidence in "
            "one place, draft your statement and share it with your mentor.",
        )
        self.new_button = door.add(self._button("Create a new portfolio…", window.new_portfolio))
        self.new_button.setDefault(True)
        self.open_button = door.add(self._button("Open a portfolio…", window.choose_portfolio))
        door.finish()
        return door

    def _mentor_door(self, window) -> Door:

        door = self.mentor_door = Door(
            "I am a mentor",
            "Open the package your mentee sent you (a file ending in .wbpack), or drop it "
            "on this box. It makes your copy of their portfolio.",
        )
        self.package_button = door.add(
            self._button("Open my mentee's package…", lambda: choose_and_open(window))
        )
        door.add(_sentence(FINGERPRINT_NOTE))
        door.finish()
        door.setToolTip("Drop a .wbpack file here")
        accept_package_drops(door, window)
        return door

    def _recent_and_sample(self, window) -> QVBoxLayout:
        self.recent_label = QLabel("&Recent portfolios (yours and your mentees')")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent portfolios")
        self.recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(
            lambda item: window.open_portfolio(item.data(Qt.ItemDataRole.UserRole))
        )
        self.sample_button = self._button(
            "Try the sample portfolio", lambda: window.open_sample(), height=30
        )
        self.sample_button.setToolTip("A made-up Chartership candidate part-way through")
        self.guide_button = self._button("Read the guide", window.show_guide, height=30)
        self.guide_button.setToolTip("What to do first, how sharing works, how a mentor reviews")
        sample_row = QHBoxLayout()
        sample_row.addWidget(QLabel("New here?"))
        sample_row.addWidget(self.guide_button)
        sample_row.addWidget(self.sample_button)
        sample_row.addStretch(1)
        layout = QVBoxLayout()
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, 1)
        layout.addLayout(sample_row)
        return layout

    def _button(self, text, slot, height: int = 36) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(height)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        identity = load_identity()
        self.greeting.setText(
            f"Welcome back, {identity.name}." if identity else "Welcome! Which of these is you?"
        )
        self.recent.clear()
        for root in self.window_.recent_portfolios():
            item = QListWidgetItem(f"{Path(root).name}  —  {root}")
            item.setData(Qt.ItemDataRole.UserRole, root)
            item.setToolTip("Double-click or press Enter to open it")
            self.recent.addItem(item)
        has_recent = self.recent.count() > 0
        self.recent.setVisible(has_recent)
        self.recent_label.setVisible(has_recent)
