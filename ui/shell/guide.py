"""Help ▸ Guide: getting started, in plain words, for the mentee and for the mentor.

The pages are our own HTML in ``resources/guide/``; the tab shown first is the
reader's role in the open portfolio (the mentee's when none is open).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

GUIDE = Path(__file__).resolve().parents[2] / "resources" / "guide"
PAGES = (
    ("mentee", "Working towards registration"),
    ("mentor", "Mentoring"),
)


def guide_html(role: str) -> str:
    """The guide page for ``role`` ("mentee" or "mentor")."""
    return (GUIDE / f"{role}.html").read_text(encoding="utf-8")


class GuideDialog(QDialog):
    """The getting-started guide, one tab per role."""

    def __init__(self, role: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Getting started")
        self.tabs = QTabWidget()
        self.pages: dict[str, QTextBrowser] = {}
        for key, title in PAGES:
            page = self.pages[key] = QTextBrowser()
            page.setOpenLinks(False)  # no link leaves the guide
            page.setAccessibleName(f"Guide: {title}")
            page.setHtml(guide_html(key))
            self.tabs.addTab(page, title)
        self.tabs.setCurrentWidget(self.pages.get(role or "mentee", self.pages["mentee"]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(640, 620)


def show_guide(window) -> GuideDialog:
    session = window.session
    dialog = window.parts.get("guide")
    if dialog is None:
        dialog = window.add_part("guide", GuideDialog(session.role if session else None, window))
    elif session is not None and session.role in dict(PAGES):
        dialog.tabs.setCurrentWidget(dialog.pages[session.role])
    dialog.show()
    dialog.activateWindow()
    return dialog
