"""The stack of views beside the sidebar, sized by the view it shows.

A QStackedLayout asks every page for its size hints (and, where a page has
wrapped labels, the height they need at a width) whenever a page is shown:
with eight views built that was a third of a switch between them. The window
is sized by the person using it, so the stack needs only the shown view's.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedLayout


class CurrentViewLayout(QStackedLayout):
    """A stacked layout whose sizes are those of its current page alone."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.sizeHint() if page is not None else QSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        if page is None:
            return QSize(0, 0)
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False
