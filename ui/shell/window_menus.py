"""The main window's menus that list things: acting as someone (the sample only) and
recent portfolios.

A mixin of MainWindow, kept apart so each module stays short.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from ui.common.plain import menu_text
from workbench.store.handles import member_of
from workbench.store.portfolios import MENTEE, MENTOR, get_setting, person_with_role

MAX_RECENT = 8


class WindowMenus:
    """Needs ``session``, ``act_as_menu``, ``recent_menu``, ``open_portfolio`` and
    ``_update_title`` from the window."""

    # Acting as (sample only) ---------------------------------------------------

    def _fill_act_as_menu(self) -> None:
        self.act_as_menu.clear()
        demo = self.session is not None and get_setting("demo") == "1"
        self.act_as_menu.menuAction().setVisible(demo)
        if not demo:
            return
        for role in (MENTEE, MENTOR):
            person = person_with_role(self.session.portfolio, role)
            if person is None:
                continue
            member = member_of(self.session.portfolio, person)
            action = self.act_as_menu.addAction(menu_text(f"{member.name} ({role})"))
            action.setCheckable(True)
            action.setChecked(member.uuid == self.session.me.uuid)
            action.triggered.connect(lambda _=False, p=person: self.act_as(p))

    def act_as(self, person) -> None:
        if not self.save_pending_views():  # what was typed is saved by the one who typed it
            self._fill_act_as_menu()  # the one acting stays ticked
            return
        self.session.switch_actor(person)
        self._match_views_to_role()
        self._fill_act_as_menu()
        self._update_title()

    # Recent portfolios ---------------------------------------------------

    def recent_portfolios(self) -> list[str]:
        value = QSettings().value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if Path(v).exists()]

    def remember_recent(self, root: str) -> None:
        recent = [root] + [r for r in self.recent_portfolios() if r != root]
        QSettings().setValue("recent", recent[:MAX_RECENT])

    def forget_recent(self, root: str) -> None:
        QSettings().setValue("recent", [r for r in self.recent_portfolios() if r != root])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for root in self.recent_portfolios():
            action = self.recent_menu.addAction(menu_text(root))
            action.triggered.connect(lambda _=False, r=root: self.open_portfolio(r))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent portfolios").setEnabled(False)
