"""Showing the current item in the Evidence view: its details, its comments and
its preview. The item is shown once for each change of the list (a refresh, a
filter), however many times the current row moved meanwhile; on the view's first
visit the preview of the first item waits until the view has painted.

A mixin of EvidenceView, kept apart so each module stays short.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer

from ui.evidence.preview import PREVIEW_LIMIT
from workbench.errors import WorkbenchError
from workbench.evidence import files as evidence_files
from workbench.evidence.library import EvidenceRow


class EvidencePreviewing:
    """Needs ``session``, ``detail``, ``item_thread``, ``current_row``, ``_building``
    (true while the view is made), ``preview_pending`` and ``_previewed`` from the view."""

    _changing = False  # the list is changing: the current item is shown once, after

    @contextmanager
    def _showing_once(self) -> Iterator[None]:
        """Change the list in the block; the item current after it is shown then."""
        self._changing = True
        try:
            yield
        finally:
            self._changing = False
        self._show_current()

    def _current_changed(self) -> None:
        if not self._changing:
            self._show_current()

    def _show_current(self) -> None:
        row = self.current_row()
        self.detail.show_row(row, editable=self.session.is_mentee)
        self.item_thread.set_target(row.uuid if row else None)
        # On the first visit the item's preview waits until the view has painted; any
        # later change of item (a click, a go-to, a refresh) previews it at once.
        self.preview_pending = self._building and row is not None
        if self.preview_pending:
            self.detail.preview.show_message("")
        else:
            self._show_preview(row)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Painted for the first time: the first item's preview comes next, once the
        screen shows the list (reading a picture or a PDF page takes longer)."""
        super().paintEvent(event)
        if self.preview_pending:
            QTimer.singleShot(0, self, self.show_pending_preview)

    def show_pending_preview(self) -> None:
        if self.preview_pending:
            self.preview_pending = False
            self._show_preview(self.current_row())

    def _show_preview(self, row: EvidenceRow | None) -> None:
        key = (row.uuid, row.blob_sha) if row else None
        if key == self._previewed:
            return
        self._previewed = key
        if row is None:
            return
        if row.kind == "note":
            self.detail.preview.show_message("A note: there is no file to show.")
        elif row.kind == "link":
            self.detail.preview.show_message(f"A web page: {row.url}\nPress Open to visit it.")
        else:
            self._preview_file(row)

    def _preview_file(self, row: EvidenceRow) -> None:
        if row.size > PREVIEW_LIMIT:
            self.detail.preview.show_message("This file is large; press Open to see it.")
            return
        try:
            path = evidence_files.stored_file(self.session.opened, row)
            self.detail.preview.show_file(path, row.source_name, row.size)
        except (WorkbenchError, OSError) as exc:
            self.detail.preview.show_message(str(exc))
