"""The main window's welcome page and the menu items that open a dialog: a new
portfolio, restoring a backup, importing a framework, the guide, About.

A mixin of MainWindow, kept apart so each module stays short. Each page and
dialog is imported when first needed, so a portfolio opened at start-up paints
without them.
"""

from __future__ import annotations


class WindowDialogs:
    """Needs ``pages``, ``session``, ``ensure_identity``, ``close_portfolio``,
    ``open_portfolio`` and ``_show_portfolio`` from the window."""

    @property
    def welcome(self):
        """The welcome page, made the first time the window shows no portfolio."""
        if self._welcome is None:
            from ui.shell.welcome import WelcomePage

            self._welcome = WelcomePage(self)
            stand_in = self.pages.widget(0)
            self.pages.insertWidget(0, self._welcome)
            if self.pages.currentWidget() is stand_in:
                self.pages.setCurrentWidget(self._welcome)
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
        return self._welcome

    def new_portfolio(self) -> None:
        identity = self.ensure_identity()
        if identity is None:
            return
        from ui.shell.new_portfolio import NewPortfolioWizard

        wizard = NewPortfolioWizard(identity, self)
        if wizard.exec() and wizard.created:
            self._show_portfolio(wizard.created)

    def restore_backup(self) -> None:
        """Close the portfolio, put a chosen backup in its place, open it again."""
        if self.session is None:
            return
        from ui.shell.backups import choose_and_restore

        root = self.session.opened.root
        if self.close_portfolio() and choose_and_restore(self, root):
            self.statusBar().showMessage("The backup copy was restored.", 6000)
        self.open_portfolio(root)

    def import_framework(self) -> None:
        from ui.shell.frameworks import import_framework_file

        import_framework_file(self)

    def show_guide(self) -> None:
        from ui.shell.guide import show_guide

        show_guide(self)

    def about(self) -> None:
        from ui.shell.app_identity import show_about

        show_about(self)
