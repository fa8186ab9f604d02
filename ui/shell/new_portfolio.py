"""The new-portfolio wizard: candidate, route, mentor, framework, and where to keep it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ui.common.dates import DateEdit
from ui.common.dialogs import show_error
from ui.common.keyboard import side_button
from ui.common.plain import plain_label
from ui.shell.frameworks import import_framework_file
from workbench.errors import WorkbenchError
from workbench.frameworks.formats import read_framework
from workbench.frameworks.library import available_frameworks
from workbench.frameworks.routes import all_routes
from workbench.frameworks.spec import slug
from workbench.store.identity import Identity
from workbench.store.portfolios import OpenPortfolio, create_portfolio
from workbench.store.user_data import default_portfolios_dir


def _page(title: str, subtitle: str) -> QWizardPage:
    page = QWizardPage()
    page.setTitle(title)
    page.setSubTitle(subtitle)
    return page


class NewPortfolioWizard(QWizard):
    def __init__(self, identity: Identity, parent=None):
        super().__init__(parent)
        self.identity = identity
        self.created: OpenPortfolio | None = None
        self.setWindowTitle("New portfolio")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.addPage(self._route_page())
        self.addPage(self._people_page())
        self.addPage(self._framework_page())
        self.addPage(self._folder_page())
        self.resize(640, 460)

    def _route_page(self) -> QWizardPage:
        page = _page("Your route", "Which kind of registration are you working towards?")
        self.route = QComboBox()
        self.route.setAccessibleName("Route")
        for route in all_routes():
            self.route.addItem(f"{route.name} ({route.award})", route.code)
        self.route.setCurrentIndex(max(0, self.route.findData("chartership")))
        self.route_info = QLabel()
        self.route_info.setWordWrap(True)
        self.route.currentIndexChanged.connect(self._show_route_info)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Portfolio title")
        self.title_edit.setPlaceholderText("Made from your route and name if left empty")
        form = QFormLayout(page)
        form.addRow("&Candidate:", plain_label(self.identity.name))
        form.addRow("&Route:", self.route)
        form.addRow("", self.route_info)
        form.addRow("&Title (optional):", self.title_edit)
        self._show_route_info()
        return page

    def _show_route_info(self) -> None:
        route = next(r for r in all_routes() if r.code == self.route.currentData())
        criteria = ", ".join(c.name for c in route.criteria)
        self.route_info.setText(
            f"Statement of up to {route.word_limit} words. Assessment criteria: {criteria}."
        )

    def _people_page(self) -> QWizardPage:
        page = _page("Your mentor and dates", "You can change these later.")
        self.mentor = QLineEdit()
        self.mentor.setAccessibleName("Mentor's name")
        self.mentor.setPlaceholderText("Leave empty if you have no mentor yet")
        self.start = DateEdit(QDate.currentDate())
        self.start.setAccessibleName("Start date")
        self.target = DateEdit(QDate.currentDate().addMonths(12))
        self.target.setAccessibleName("Target submission date")
        form = QFormLayout(page)
        form.addRow("&Mentor's name:", self.mentor)
        form.addRow("&Start date:", self.start)
        form.addRow("&Target submission date:", self.target)
        return page

    def _framework_page(self) -> QWizardPage:
        page = _page(
            "Skills framework",
            "The PKSB outline ships with the workbench. If you have the full PKSB as a "
            "spreadsheet (CSV) or JSON, import it here.",
        )
        self.frameworks = QListWidget()
        self.frameworks.setAccessibleName("Frameworks")
        more = side_button(QPushButton("&Import from a file…"))
        more.clicked.connect(self._import_framework)
        layout = QVBoxLayout(page)
        layout.addWidget(self.frameworks)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(more)
        layout.addLayout(row)
        self._fill_frameworks()
        return page

    def _fill_frameworks(self, select: str = "") -> None:
        self.frameworks.clear()
        for name, path in available_frameworks():
            item = QListWidgetItem(name)
            item.setData(256, str(path))
            self.frameworks.addItem(item)
            if name == select:
                self.frameworks.setCurrentItem(item)
        if self.frameworks.currentRow() < 0:
            self.frameworks.setCurrentRow(0)

    def _import_framework(self) -> None:
        spec = import_framework_file(self)
        if spec:
            self._fill_frameworks(select=spec.name)

    def _folder_page(self) -> QWizardPage:
        page = _page(
            "Where to keep it",
            "Your portfolio is a folder on this computer. Keep it out of Dropbox or OneDrive: "
            "sharing with your mentor uses packages instead.",
        )
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Portfolio folder")
        browse = side_button(QPushButton("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder)
        row.addWidget(browse)
        form = QFormLayout(page)
        form.addRow("&Folder:", row)
        page.initializePage = self._suggest_folder
        return page

    def _suggest_folder(self) -> None:
        if self.folder.text():
            return
        base = default_portfolios_dir() / slug(f"{self.route.currentData()} {self.identity.name}")
        candidate, n = base, 2
        while candidate.exists():
            candidate, n = base.with_name(f"{base.name}-{n}"), n + 1
        self.folder.setText(str(candidate))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder for the portfolio")
        if folder:
            self.folder.setText(str(Path(folder) / slug(self.identity.name)))

    def accept(self) -> None:
        try:
            self.created = self._create()
        except WorkbenchError as exc:
            show_error(self, exc, "Cannot create the portfolio")
            return
        super().accept()

    def _create(self) -> OpenPortfolio:
        return create_portfolio(
            Path(self.folder.text().strip() or default_portfolios_dir()),
            self.identity,
            route=self.route.currentData(),
            title=self.title_edit.text(),
            mentor_name=self.mentor.text(),
            start_date=self.start.date().toPython(),
            target_date=self.target.date().toPython(),
            framework=read_framework(self.frameworks.currentItem().data(256)),
        )
