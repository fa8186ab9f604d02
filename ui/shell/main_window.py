"""The main window: a welcome page, or the open portfolio with a sidebar of views.

The welcome page and the dialogs behind menu items are imported when first
needed: a portfolio opened at start-up paints without them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ui.common.dialogs import NameDialog, show_error
from ui.common.plain import literal, plain_label
from ui.common.session import Session
from ui.shell.first_paint import after_first_paint
from ui.shell.identity import (
    announce_key_change,
    load_identity_calmly,
    recover_identity,
    show_my_fingerprint,
)
from ui.shell.view_stack import CurrentViewLayout
from ui.shell.views import ViewEntry, menu_installers
from ui.shell.window_dialogs import WindowDialogs
from ui.shell.window_menus import WindowMenus
from ui.shell.window_parts import WindowParts
from ui.shell.window_views import WindowViews, thaw
from workbench import APP_NAME
from workbench.errors import CorruptDatabase, NotAPortfolio, WorkbenchError
from workbench.store.portfolios import (
    MENTEE,
    OpenPortfolio,
    ensure_person,
    get_setting,
    open_portfolio,
    person_with_role,
    require_is_portfolio,
)
from workbench.store.roles import role_of
from workbench.store.user_data import default_portfolios_dir

SAMPLE_MESSAGE = "This is a sample portfolio with made-up data; changes are thrown away."


class MainWindow(WindowViews, WindowMenus, WindowDialogs, WindowParts, QMainWindow):
    # the Session of the portfolio just opened, or None once it is closed
    session_changed = Signal(object)

    def __init__(self):
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(900, 600))
        self.session: Session | None = None
        self.views: dict[str, QWidget] = {}  # the views built so far, by key
        self.view_types: dict[str, ViewEntry] = {}
        self.view_keys: list[str] = []
        self.parts: dict[str, object] = {}  # what installers added, by name (window_parts)

        self.pages = QStackedWidget()
        self._welcome = None  # made when first shown (window_dialogs)
        self.pages.addWidget(QWidget())  # stands in for it until then
        self.workspace = self._build_workspace()
        self.pages.addWidget(self.workspace)
        self.setCentralWidget(self.pages)
        self.who = plain_label()
        self.statusBar().addPermanentWidget(self.who)

        # A rolling backup at most once an hour while a portfolio is open.
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(10 * 60 * 1000)
        self.backup_timer.timeout.connect(self._rolling_backup)
        self.menus = {}
        self._build_menus()
        for install in menu_installers():
            install(self)
        self._update_actions()
        self._restore_layout()

    # Building ---------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.session is None:
            self.pages.setCurrentWidget(self.welcome)
        super().showEvent(event)

    def _build_workspace(self) -> QWidget:
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setMinimumWidth(150)
        self.sidebar.setMaximumWidth(240)
        views = QWidget()
        self.view_stack = CurrentViewLayout(views)
        self.sidebar.currentRowChanged.connect(self._show_row)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(views)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        holder = QWidget()
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        return holder

    def _action(self, menu, text, slot, shortcut=None, tip="") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.menus["file"] = bar.addMenu("&File")
        self._action(file_menu, "&New portfolio…", self.new_portfolio, QKeySequence.StandardKey.New)
        self._action(
            file_menu, "&Open portfolio…", self.choose_portfolio, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._action(file_menu, "Try the &sample portfolio", lambda: self.open_sample())
        self._action(
            file_menu,
            "Try the sample &Revalidation portfolio",
            lambda: self.open_sample("revalidation"),
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Import framework…", self.import_framework)
        file_menu.addSeparator()
        self.restore_action = self._action(file_menu, "Restore from &backup…", self.restore_backup)
        self.close_action = self._action(
            file_menu, "&Close portfolio", self.close_portfolio, QKeySequence.StandardKey.Close
        )
        self.menus["file-end"] = file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit = self.menus["edit"] = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo", self._undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit, "&Redo", self._redo, QKeySequence.StandardKey.Redo)
        self.menus["view"] = bar.addMenu("&View")
        self.menus["tools"] = bar.addMenu("&Tools")
        self.act_as_menu = self.menus["tools"].addMenu("Act &as (sample portfolio)")
        help_menu = self.menus["help"] = bar.addMenu("&Help")
        self._action(
            help_menu,
            "&Guide",
            self.show_guide,
            QKeySequence.StandardKey.HelpContents,
            tip="What to do first, how sharing works, how a mentor reviews",
        )
        self._action(
            help_menu,
            "Your key &fingerprint…",
            lambda: show_my_fingerprint(self),
            tip="The fingerprint your mentor or mentee compares by phone",
        )
        self._action(help_menu, f"&About {APP_NAME}", self.about)

    # Portfolios ---------------------------------------------------

    def ensure_identity(self):
        """The user's identity, asking a first-time user for their name; None if they
        gave none (someone who has a portfolio already opens it instead, and is
        restored from it). A user who has one hears once if their key changed."""
        identity = load_identity_calmly(self)
        if identity is not None:
            announce_key_change(self)
            return identity
        dialog = NameDialog(self)
        if dialog.exec():
            self.welcome.refresh()
            return dialog.identity
        if dialog.wants_portfolio:
            self.choose_portfolio()
        return None

    def choose_portfolio(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Open a portfolio folder", str(default_portfolios_dir())
        )
        if folder:
            self.open_portfolio(Path(folder))

    def open_portfolio(self, root: Path | str) -> bool:
        identity = load_identity_calmly(self)  # none yet: the portfolio may say who they are
        if not self._is_portfolio(root) or not self.close_portfolio():
            return False
        holder = identity.name if identity else ""
        try:
            # the hourly backup copies the whole database: made once it has painted
            opened = open_portfolio(root, holder=holder, backup=False)
        except CorruptDatabase as exc:
            from ui.shell.backups import offer_restore

            if not offer_restore(self, Path(root), exc):
                return False
            return self.open_portfolio(root)
        except WorkbenchError as exc:
            show_error(self, exc, "Cannot open the portfolio")
            if isinstance(exc, NotAPortfolio):
                self.forget_recent(str(root))
            return False
        self._show_portfolio(opened)
        after_first_paint(self, self._rolling_backup)
        return True

    def _is_portfolio(self, root: Path | str) -> bool:
        """Whether ``root`` holds a portfolio, checked before the open one is closed."""
        try:
            require_is_portfolio(root)
        except NotAPortfolio as exc:
            show_error(self, exc, "Cannot open the portfolio")
            self.forget_recent(str(root))
            return False
        return True

    def _rolling_backup(self) -> None:
        if self.session is not None:
            try:
                self.session.opened.back_up()
            except WorkbenchError as exc:
                self.statusBar().showMessage(str(exc), 8000)

    def open_sample(self, route: str = "chartership") -> None:
        self.open_demo(Path(tempfile.mkdtemp(prefix="workbench-demo-")), route)

    def open_demo(self, folder: Path, route: str = "chartership") -> None:
        """Write a sample portfolio (Chartership or Revalidation) into ``folder`` and open it."""

        if not self.close_portfolio():
            return
        # the sample's builders load much of the core: imported when a sample is asked for
        from workbench.sample.build import build_demo, build_revalidation_demo

        build = build_revalidation_demo if route == "revalidation" else build_demo
        try:
            opened = build(folder / "sample")
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        self._show_portfolio(opened, remember=False)
        self.statusBar().showMessage(SAMPLE_MESSAGE, 8000)

    def _acting_person(self, opened: OpenPortfolio):
        """The user's own membership; in the sample portfolio, its mentee. With no
        identity on this computer, it may be restored from the portfolio's members."""
        identity = load_identity_calmly(self)
        if identity is None and get_setting("demo") != "1":
            identity = recover_identity(self, opened.portfolio)
            self.welcome.refresh()
        if identity:
            person = ensure_person(identity)
            if role_of(opened.portfolio, person):
                return person
        if get_setting("demo") == "1":
            return person_with_role(opened.portfolio, MENTEE)
        return None

    def _show_portfolio(self, opened: OpenPortfolio, remember: bool = True) -> None:
        actor = self._acting_person(opened)
        if actor is None:
            opened.close()
            QMessageBox.warning(
                self,
                "Not your portfolio",
                literal(
                    f"You are not a member of the portfolio in {opened.root}. Ask its owner to "
                    "send you a package from the workbench instead."
                ),
            )
            return
        self.session = Session(opened, actor, self)
        self.session.changed.connect(self._refresh_views)
        self.session.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.session.navigate.connect(self._navigate)
        self.session.undo_stack.canUndoChanged.connect(self._update_actions)
        self.session.undo_stack.canRedoChanged.connect(self._update_actions)
        if remember:
            root = str(opened.root)  # after the first paint: the settings file syncs to disk
            after_first_paint(self, lambda: self.remember_recent(root))
        self._build_views()
        self.backup_timer.start()
        self.pages.setCurrentWidget(self.workspace)
        self._update_title()
        self._fill_act_as_menu()
        self._update_actions()
        self.session_changed.emit(self.session)
        after_first_paint(self, lambda: announce_key_change(self))  # loads cryptography

    def close_portfolio(self) -> bool:
        """Close the open portfolio (views save their work first); False to stay."""
        if self.session is None:
            return True
        if not self.save_pending_views():
            return False
        from ui.common import jobs  # loaded with the first job; a session may have run none

        jobs.cancel_all()  # no worker may still use the portfolio's folder once it is closed
        self._drop_views()
        self.backup_timer.stop()
        self.session.close()
        self.session = None
        thaw()  # the views went: what they held may be collected again
        if self.statusBar().currentMessage() == SAMPLE_MESSAGE:
            self.statusBar().clearMessage()  # the sample is gone; its line must go too
        self.pages.setCurrentWidget(self.welcome)
        self.welcome.refresh()
        self._update_title()
        self._fill_act_as_menu()
        self._update_actions()
        self.session_changed.emit(None)
        return True

    def save_pending_views(self) -> bool:
        """Each view saves what it holds unsaved; False if one could not."""
        for view in self.views.values():
            save = getattr(view, "save_pending", None)
            if save is not None and save() is False:
                return False
        return True

    # Window state ---------------------------------------------------

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            self.who.setText("")
            return
        self.setWindowTitle(f"{self.session.info.title} — {APP_NAME}")
        self.who.setText(f"{self.session.me.name} · {self.session.role}")

    def _update_actions(self) -> None:
        stack = self.session.undo_stack if self.session else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        self.close_action.setEnabled(self.session is not None)
        self.restore_action.setEnabled(self.session is not None)

    def _undo(self) -> None:
        if self.session:
            self.session.undo_stack.undo()

    def _redo(self) -> None:
        if self.session:
            self.session.undo_stack.redo()

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        state = settings.value("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([190, 1010])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_portfolio():
            event.ignore()
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        event.accept()
