"""Keyboard use everywhere: where focus lands, which button Enter presses, Tab order.

Three small rules every view and dialog follows:

- switching to a view (Ctrl+1 … Ctrl+7) puts the keyboard in its main widget,
  named by the view's ``main_widget`` attribute (else its first focusable child),
  so the view's own shortcuts work at once;
- Enter in a dialog presses its main action, whatever field has focus; buttons
  beside a field ("Choose…", "Browse…") never take Enter for themselves;
- a read-only text can still be read and selected with the caret.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

CARET_BROWSING = (
    Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
)


def focus_view(view: QWidget) -> QWidget | None:
    """Give the keyboard to a view's main widget; returns the widget that has it."""
    target = getattr(view, "main_widget", None)
    if target is None or not target.isVisibleTo(view) or not target.isEnabled():
        target = first_focusable(view)
    if target is not None:
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return target


def first_focusable(parent: QWidget) -> QWidget | None:
    """The first child that Tab would reach, in the parent's Tab order."""
    widget = parent.nextInFocusChain()
    while widget is not None and widget is not parent:
        if parent.isAncestorOf(widget) and _takes_tab(widget, parent):
            return widget
        widget = widget.nextInFocusChain()
    return None


def _takes_tab(widget: QWidget, top: QWidget) -> bool:
    policy = widget.focusPolicy()
    return (
        bool(policy & Qt.FocusPolicy.TabFocus)
        and widget.isEnabled()
        and widget.isVisibleTo(top)
        and widget.focusProxy() is None
    )


def main_button(dialog: QDialog, button: QPushButton) -> QPushButton:
    """Make ``button`` the one Enter presses; call once the dialog's layout is built."""
    for other in dialog.findChildren(QPushButton):
        if other is not button and not isinstance(other.parent(), QDialogButtonBox):
            other.setAutoDefault(False)  # "Choose…" and the like never take Enter
        other.setDefault(False)
    button.setDefault(True)
    return button


def side_button(button: QAbstractButton) -> QAbstractButton:
    """A button beside a field that must not take Enter (used outside dialogs too)."""
    if isinstance(button, QPushButton):
        button.setAutoDefault(False)
    return button


def caret_browsing(editor: QPlainTextEdit) -> None:
    """Keep a read-only editor readable with the keyboard: a caret, Shift+arrows select."""
    editor.setTextInteractionFlags(CARET_BROWSING)
    editor.setCursorWidth(2)


def tab_chain(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in this order."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


class FieldText(QPlainTextEdit):
    """A text field in a form: Tab moves on (no tab characters), and leaving it says so."""

    left = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.left.emit()
