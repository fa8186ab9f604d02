"""The main window's sidebar of views: each view is built the first time it is shown.

The views' modules are not imported at start-up, which keeps the first paint fast.
Once the window has painted and a moment has passed, they are imported ahead of
time, one per turn of the event loop, so a first visit does not wait for them;
then the garbage collector is told to leave what start-up made alone.

A mixin of MainWindow, kept apart so each module stays short.
"""

from __future__ import annotations

import gc
import sys
from importlib import import_module

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidgetItem, QWidget

from ui.shell.first_paint import after_first_paint
from ui.shell.views import VIEWS

# After the first paint, the moment before the views' modules are imported: the
# start-up's own deferred work (the Overview's checklist) runs first.
WARM_UP_DELAY_MS = 250


class WindowViews:
    """Needs ``session``, ``views``, ``sidebar``, ``view_stack``, ``menus`` and
    ``_action`` from the window."""

    def _build_views(self, keep: dict | None = None) -> None:
        """One sidebar entry per view of the reader's role; a view is built the first
        time it is shown. The built views in ``keep`` stay as they are."""
        keep = keep or {}
        self._drop_views(keep.values())
        shown = views_of(self.session.role)
        self.view_types = {entry.key: entry for entry in shown}
        self.view_keys = list(self.view_types)
        for key, view in keep.items():
            if key in self.view_types:
                self.views[key] = view
            else:  # a view this role has not (a mentor's journal) goes with its widgets
                view.deleteLater()
        view_menu = self.menus["view"]
        for index, entry in enumerate(shown):
            self.view_stack.addWidget(self.views.get(entry.key) or QWidget())  # a stand-in
            # Our own icons, not the style's: QStyle's enums alone take ~14 ms to load.
            item = QListWidgetItem(QIcon(entry.icon_file), entry.title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.title)
            self.sidebar.addItem(item)
            shortcut = f"Ctrl+{index + 1}" if index < 9 else None
            self._action(
                view_menu, entry.title, lambda _=False, k=entry.key: self.go_to_view(k), shortcut
            )
        self.sidebar.setCurrentRow(0)
        after_first_paint(self, lambda: QTimer.singleShot(WARM_UP_DELAY_MS, self, self._warm_up))

    def _warm_up(self) -> None:
        """Import the next view's module not imported yet, then let the event loop run
        (a click meanwhile waits for one module at most)."""
        waiting = [e.module for e in self.view_types.values() if e.module not in sys.modules]
        if waiting:
            import_module(waiting[0])
            QTimer.singleShot(0, self, self._warm_up)
        else:
            freeze_long_lived()

    def _match_views_to_role(self) -> None:
        """After the sample's Act as: the sidebar holds the views of the new role (a
        mentor has no journal), on the view shown before where the role has it."""
        if [entry.key for entry in views_of(self.session.role)] == self.view_keys:
            return
        current = self.current_view_key()
        self._build_views(keep=dict(self.views))
        thaw()  # a view went: what it held may be collected again
        if current in self.view_types:
            self.show_view(current)

    def _drop_views(self, keep=()) -> None:
        """Every view but those in ``keep`` gone (each saved its work), and every
        sidebar entry and menu item."""
        kept = set(keep)
        while self.view_stack.count():
            widget = self.view_stack.widget(0)
            self.view_stack.removeWidget(widget)
            if widget not in kept:
                widget.deleteLater()
        self.views.clear()
        self._clear_sidebar()
        self.menus["view"].clear()

    def _clear_sidebar(self) -> None:
        self.sidebar.blockSignals(True)  # no view is to be built while it empties
        self.sidebar.clear()
        self.sidebar.blockSignals(False)

    def _show_row(self, row: int) -> None:
        if self.session is not None and 0 <= row < len(self.view_keys):
            self._built_view(self.view_keys[row])
        self.view_stack.setCurrentIndex(row)

    def _built_view(self, key: str) -> QWidget:
        view = self.views.get(key)
        if view is None:
            row = self.view_keys.index(key)
            view = self.views[key] = self.view_types[key].load()(self.session, self)
            stand_in = self.view_stack.widget(row)
            self.view_stack.insertWidget(row, view)
            self.view_stack.removeWidget(stand_in)
            stand_in.deleteLater()
        return view

    def show_view(self, key: str) -> QWidget | None:
        """Bring a view to the front (building it if needed) and return it."""
        if self.session is None or key not in self.view_types:
            return None
        self.sidebar.setCurrentRow(self.view_keys.index(key))
        return self._built_view(key)

    def go_to_view(self, key: str) -> QWidget | None:
        """Show a view and give the keyboard to its main widget (Ctrl+1 … Ctrl+7)."""
        from ui.common.keyboard import focus_view  # its text widgets: not for the first paint

        view = self.show_view(key)
        if view is not None:
            focus_view(view)
        return view

    def _navigate(self, key: str, target) -> None:
        """A view asked for another (``Session.go_to``): show it, select ``target`` in it."""
        view = self.show_view(key)
        if view is None:
            self.statusBar().showMessage("That part of the portfolio is not in this version.", 6000)
        elif target is not None:
            view.select(target)

    def current_view_key(self) -> str | None:
        row = self.sidebar.currentRow()
        return self.view_keys[row] if self.session and 0 <= row < len(self.view_keys) else None

    @Slot(set)
    def _refresh_views(self, what: set) -> None:
        if "portfolio" in what or "all" in what:
            self.session.reload_portfolio()
            self._update_title()
        for view in self.views.values():
            view.refresh(what)


def views_of(role: str) -> list:
    """The views shown to ``role``, in the sidebar's order."""
    return [entry for entry in VIEWS if not entry.roles or role in entry.roles]


def freeze_long_lived() -> None:
    """When a portfolio's start-up is done: what exists by then (modules, classes, the
    window, the open portfolio) is left alone by the garbage collector, which would
    walk every object in a full collection, tens of milliseconds in the middle of a
    click. Closing the portfolio thaws it (``thaw``), so nothing of it outlives it."""
    if not gc.get_freeze_count():
        gc.collect()
        gc.freeze()


def thaw() -> None:
    gc.unfreeze()
