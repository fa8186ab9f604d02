"""The Evidence view's first visit: the first item's preview comes once the view has
painted, anything that needs it sooner gets it at once, and a change of the list
shows the current item once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from tests.conftest import show_view
from tests.ui.shell.test_view_queries import counted_statements
from ui.evidence.view import EvidenceView
from workbench.evidence.library import evidence_items


class PaintWatch(QObject):
    """Whether the first item's preview was still to come when the view first painted."""

    def __init__(self, view):
        super().__init__(view)
        self.pending_at_first_paint: bool | None = None
        view.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self.pending_at_first_paint is None:
            self.pending_at_first_paint = watched.preview_pending
        return False


@pytest.fixture
def unpainted(qtbot, session):
    """The view as a first visit makes it, before it has been shown."""
    view = EvidenceView(session)
    qtbot.addWidget(view)
    return view


def is_previewed(view, row) -> bool:
    return not view.preview_pending and view._previewed == (row.uuid, row.blob_sha)


def test_the_first_items_preview_comes_after_the_first_paint(qtbot, session, unpainted):
    first = evidence_items(session.portfolio)[0]
    assert unpainted.current_uuid() == first.uuid
    assert unpainted.detail.title.text() == first.title  # the details are there at once
    assert unpainted.preview_pending and unpainted.detail.preview.text() == ""
    QApplication.processEvents()
    assert unpainted.preview_pending  # not shown, not painted: still to come
    watch = PaintWatch(unpainted)
    show_view(qtbot, unpainted, session)
    qtbot.waitUntil(lambda: not unpainted.preview_pending)
    assert watch.pending_at_first_paint is True
    assert is_previewed(unpainted, first)
    assert unpainted.detail.preview.kind == "text"  # the sample's E1 is a text file
    assert unpainted.detail.preview.text().strip()


def test_going_to_another_item_before_the_paint_previews_it_at_once(session, unpainted):
    other = evidence_items(session.portfolio)[2]
    assert unpainted.select(other.uuid)
    assert is_previewed(unpainted, other)
    assert unpainted.detail.title.text() == other.title
    unpainted.show_pending_preview()  # as the paint would: nothing is left to do
    assert is_previewed(unpainted, other)


def test_a_refresh_before_the_paint_previews_the_item_at_once(session, unpainted):
    first = evidence_items(session.portfolio)[0]
    unpainted.refresh({"evidence"})
    assert is_previewed(unpainted, first)


def test_a_view_opened_by_a_go_to_shows_the_target_at_once(window, tmp_path):
    window.open_demo(tmp_path)
    target = evidence_items(window.session.portfolio)[3]
    window.session.go_to("evidence", target.uuid)  # as a citation in the statement does
    view = window.views["evidence"]
    assert view.current_uuid() == target.uuid and is_previewed(view, target)


def test_a_refresh_reads_the_list_once_and_shows_the_item_once(qtbot, session, unpainted):
    view = show_view(qtbot, unpainted, session)
    shown = []
    show_row = view.detail.show_row
    view.detail.show_row = lambda row, editable=False: (shown.append(row), show_row(row, editable))
    current = view.current_uuid()
    with counted_statements() as thread:
        view.item_thread.set_target(current)
    of_thread = [s for s in thread if 'FROM "comment"' in s]
    for what in ({"evidence"}, {"all"}):
        shown.clear()
        with counted_statements() as seen:
            view.refresh(what)
        assert [row.uuid for row in shown] == [current]
        reads = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
        assert sum('FROM "evidence_item"' in s for s in reads) == 1, what
        assert [s for s in reads if 'FROM "comment"' in s] == of_thread, what  # read once


def test_a_filter_shows_the_new_current_item_once(session, unpainted):
    shown = []
    show_row = unpainted.detail.show_row
    unpainted.detail.show_row = lambda row, editable=False: (
        shown.append(row),
        show_row(row, editable),
    )
    unpainted.filters.search.setText("no item has these words")
    assert shown == [None]
    shown.clear()
    unpainted.filters.search.clear()
    assert len(shown) == 1 and shown[0].uuid == unpainted.current_uuid()
