"""Files dropped from the desktop: the one drop filter every window and view uses.

``FileDropFilter(widget, handler, suffixes=..., many=..., enabled=...)`` makes
``widget`` take local files whose names end in one of ``suffixes`` (any file
when empty), one at a time unless ``many``, while ``enabled()`` says yes; the
handler gets the list of paths. Several filters may sit on one widget (the main
window takes packages and Word files): each takes only its own kind and leaves
the rest to the next.

The filter is a child of the widget, so it lives as long as the widget and
nothing else needs to hold it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class FileDropFilter(QObject):
    def __init__(
        self,
        widget: QWidget,
        handler: Callable[[list[Path]], object],
        suffixes: Iterable[str] = (),
        many: bool = False,
        enabled: Callable[[], bool] = lambda: True,
    ):
        super().__init__(widget)
        self.handler = handler
        self.suffixes = {suffix.lower() for suffix in suffixes}
        self.many = many
        self.enabled = enabled
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def paths(self, event) -> list[Path]:
        """The dropped files this filter takes, or [] to leave the event alone."""
        data = event.mimeData()
        if data is None or not data.hasUrls() or not self.enabled():
            return []
        paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
        if not paths or (len(paths) > 1 and not self.many):
            return []
        if self.suffixes and any(path.suffix.lower() not in self.suffixes for path in paths):
            return []
        return paths

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in DROP_EVENTS:
            return False
        paths = self.paths(event)
        if not paths:
            return False
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.handler(paths)
        return True
