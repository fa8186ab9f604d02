"""Focus mode: only the statement's text, its count and a toggle for the comments.

F11 (or *View → Focus*) enters and leaves it; Esc leaves it too. The
versions, the toolbar and the comment cards step aside (the *Comments*
toggle brings the cards back), and in the main window the sidebar and the
status bar go and the window fills the screen. It is remembered: the
statement opens in focus mode again until it is left.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolButton

FOCUS_KEY = "statement/focus"
COLUMN_CHARACTERS = 80  # the width of the text's column in focus mode, in average characters


class CentredColumn(QObject):
    """Keeps an editor's text in a centred column of readable width while installed."""

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.on = False

    def set_on(self, on: bool) -> None:
        self.on = on
        if on:
            self.editor.installEventFilter(self)
        else:
            self.editor.removeEventFilter(self)
        self.apply()

    def apply(self) -> None:
        column = self.editor.fontMetrics().averageCharWidth() * COLUMN_CHARACTERS
        side = max(0, (self.editor.width() - column) // 2) if self.on else 0
        self.editor.setViewportMargins(side, 0, side, 0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False


class StatementFocus:
    """A mixin of the Statement view. Needs ``documents``, ``panel``, ``draft_note``,
    ``outline_offer``, ``editor`` and the toolbar as the layout's
    first row; call ``_build_focus()`` and put the toggle it returns in the count row.
    The draft note and the outline offer are shown and hidden through
    ``show_outside_focus``, so focus mode keeps them aside until it ends."""

    in_focus = False

    def _build_focus(self) -> QToolButton:
        self.comments_toggle = QToolButton()
        self.comments_toggle.setText("Comments")
        self.comments_toggle.setAccessibleName("Show comments")
        self.comments_toggle.setToolTip("Show or hide the comment cards beside the text")
        self.comments_toggle.setCheckable(True)
        self.comments_toggle.toggled.connect(self._show_focus_panel)
        self.comments_toggle.hide()
        # Esc in the text leaves; only while in focus mode, so it takes no other Esc.
        self.leave_focus = QAction(self.editor)
        self.leave_focus.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_focus.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.leave_focus.triggered.connect(self._escape_pressed)
        self.leave_focus.setEnabled(False)
        self.editor.addAction(self.leave_focus)
        self._focus_wanted = QSettings().value(FOCUS_KEY, False, type=bool)
        self._column = CentredColumn(self.editor)
        self._focus_hidden: list = []  # the parts focus mode keeps aside, shown when it ends
        return self.comments_toggle

    def show_outside_focus(self, widget, shown: bool) -> None:
        """Show or hide a part focus mode steps aside: in focus mode it waits until the end."""
        if self.in_focus:
            waiting = widget in self._focus_hidden
            if shown and not waiting:
                self._focus_hidden.append(widget)
            elif waiting and not shown:
                self._focus_hidden.remove(widget)
        elif shown == widget.isHidden():
            widget.setVisible(shown)

    def toggle_focus_mode(self) -> None:
        self.set_focus_mode(not self.in_focus)

    def set_focus_mode(self, on: bool, remember: bool = True) -> None:
        """Enter or leave focus mode (``remember``: keep the choice for next time)."""
        if remember:
            self._focus_wanted = on
            QSettings().setValue(FOCUS_KEY, on)
        if on == self.in_focus:
            return
        self.in_focus = on
        toolbar = self.layout().itemAt(0).layout()
        for index in range(toolbar.count()):
            widget = toolbar.itemAt(index).widget()
            if widget is not None:
                widget.setVisible(not on)
        if on:
            self._focus_hidden = [
                w for w in (self.documents, self.draft_note, self.outline_offer) if not w.isHidden()
            ]
            for widget in self._focus_hidden:
                widget.hide()
            self.panel.setVisible(self.comments_toggle.isChecked())
        else:
            for widget in self._focus_hidden:
                widget.show()
            self._focus_hidden = []
            self.documents.show()
            self.panel.show()
            self._update_actions()  # the toolbar's buttons as the role and text want them
        self.comments_toggle.setVisible(on)
        self.leave_focus.setEnabled(on)
        self._focus_window(on)
        self._column.set_on(on)
        self.editor.setFocus()

    def _show_focus_panel(self, shown: bool) -> None:
        if self.in_focus:
            self.panel.setVisible(shown)

    def _escape_pressed(self) -> None:
        popup = self.editor.completer.popup()
        if popup.isVisible():  # Esc closes the citation pop-up first
            popup.hide()
        elif self.in_focus:
            self.set_focus_mode(False)

    def _focus_window(self, on: bool) -> None:
        """The main window's sidebar, status bar and full screen, when there is one."""
        window = self.window()
        if not isinstance(window, QMainWindow):
            return
        for widget in (window.part("sidebar"), window.statusBar()):
            widget.setVisible(not on)
        if on:
            self._was_maximised = window.isMaximized()
            window.showFullScreen()
        elif window.isFullScreen():
            window.showMaximized() if getattr(
                self, "_was_maximised", False
            ) else window.showNormal()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._focus_wanted and not self.in_focus:
            self.set_focus_mode(True, remember=False)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.in_focus:  # another view: the window gets its sidebar back, the choice stays
            self.set_focus_mode(False, remember=False)
        super().hideEvent(event)


def install(window) -> None:
    """View → Focus (F11): the Statement in focus mode, and back."""
    window.add_part("sidebar", window.sidebar)
    action = QAction("&Focus on the statement", window)
    action.setShortcut(QKeySequence(Qt.Key.Key_F11))
    action.setCheckable(True)
    action.setToolTip("Only the text, its count and the comments toggle (F11 or Esc to leave)")
    window.addAction(action)

    def triggered() -> None:
        if window.session is None:
            action.setChecked(False)
            return
        view = window.show_view("statement")
        if view is not None:
            view.set_focus_mode(not view.in_focus)
            action.setChecked(view.in_focus)

    def menu_shown() -> None:
        menu = window.menus["view"]
        if action not in menu.actions():
            menu.addSeparator()
            menu.addAction(action)
        view = window.views.get("statement") if window.session is not None else None
        action.setChecked(bool(view is not None and view.in_focus))
        action.setEnabled(window.session is not None)

    action.triggered.connect(triggered)
    window.menus["view"].aboutToShow.connect(menu_shown)
