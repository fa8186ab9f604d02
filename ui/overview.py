"""The Overview: where the portfolio stands (a first version; readiness comes later)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from workbench.matrix import latest_snapshot, matrix_rows
from workbench.portfolios import members
from workbench.routes import get_route


class OverviewView(QWidget):
    key = "overview"
    title = "Overview"
    icon = "SP_FileDialogInfoView"

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.details = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.details)
        layout.addStretch()
        self.refresh({"all"})

    def refresh(self, what: set) -> None:
        portfolio = self.session.portfolio
        route = get_route(portfolio.route)
        self.heading.setText(f"<h2>{portfolio.title}</h2>")
        while self.details.rowCount():
            self.details.removeRow(0)
        self.details.addRow("Route:", QLabel(f"{route.name} ({route.award})"))
        for membership in members(portfolio):
            self.details.addRow(f"{membership.role.capitalize()}:", QLabel(membership.name))
        if portfolio.target_date:
            days = (portfolio.target_date - date.today()).days
            self.details.addRow(
                "Target date:", QLabel(f"{portfolio.target_date:%d %B %Y} ({days} days)")
            )
        snapshot = latest_snapshot(portfolio)
        if snapshot:
            chosen = [r for r in matrix_rows(snapshot) if r.relevant]
            gaps = sum(1 for r in chosen if (r.gap or 0) > 0)
            self.details.addRow(
                "Gap matrix:",
                QLabel(f"{len(chosen)} chosen skills, {gaps} with a gap ({snapshot.label})"),
            )
