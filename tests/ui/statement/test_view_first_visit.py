"""What the Statement view's first visit does, and leaves for later (nothing here
measures a time): the modules it loads, how often it highlights a text, what it paints
before it reads the comments, the cards it makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from tests.conftest import show_view
from tests.ui.statement.test_view import latest_uuid, make_view
from ui.statement.comment_panel import CARD_BATCH, CommentPanel
from ui.statement.highlighter import StatementHighlighter
from ui.statement.view import StatementView
from workbench.statement import drafts
from workbench.statement.comment_reading import CommentView
from workbench.store import db

ROOT = Path(__file__).resolve().parents[3]
SENDING = ("ui.statement.send", "workbench.exchange.sync", "workbench.exchange.pack")


def test_the_view_loads_the_sending_code_only_when_a_draft_is_sent():
    child = (
        "import json, sys\nimport ui.statement.view\n"
        f"print(json.dumps([m for m in {SENDING!r} if m in sys.modules]))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    found = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    assert json.loads(found.stdout.strip().splitlines()[-1]) == []


def test_a_document_is_highlighted_once_with_its_comment_marks(qtbot, session, monkeypatch):
    view = make_view(qtbot, session)
    qtbot.waitUntil(lambda: not view.comments_pending)
    styled = []
    original = StatementHighlighter._styles  # what each non-empty block's styling reads

    def counted(highlighter, text):
        styled.append(highlighter.currentBlock().blockNumber())
        return original(highlighter, text)

    monkeypatch.setattr(StatementHighlighter, "_styles", counted)
    view.show_document(latest_uuid(session))
    shown = [v for v in view.panel.visible_views() if not v.detached]
    assert shown and view.editor.mark_ranges() == {v.uuid: (v.start, v.end) for v in shown}
    document = view.editor.document()
    written = [n for n in range(document.blockCount()) if document.findBlockByNumber(n).text()]
    assert sorted(styled) == written  # each block once


class PanelAtFirstPaint(QObject):
    """The comments in the panel when the view first painted."""

    def __init__(self, view):
        super().__init__(view)
        self.view, self.seen = view, None
        view.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.seen is None:
            self.seen = (len(self.view.panel.views), len(self.view.editor.marks))
        return False


def test_the_first_visit_paints_the_text_then_reads_the_comments(qtbot, session):
    view = StatementView(session)
    assert view.editor.toPlainText() == drafts.working_text(session.portfolio)
    assert view.comments_pending and not view.panel.views and not view.editor.marks
    at_paint = PanelAtFirstPaint(view)
    show_view(qtbot, view, session, (1300, 800))
    qtbot.waitUntil(lambda: not view.comments_pending)
    assert at_paint.seen == (0, 0)
    shown = [v for v in view.panel.visible_views() if not v.detached]
    assert shown and len(view.editor.marks) == len(shown)
    assert view.draft_note.isVisibleTo(view)  # where comments sit on the draft, said once read


def test_a_version_chosen_before_the_first_paint_comes_with_its_comments(qtbot, session):
    view = StatementView(session)
    view.show_document(latest_uuid(session))
    assert not view.comments_pending
    shown = [v for v in view.panel.visible_views() if not v.detached]
    assert shown and view.editor.mark_ranges() == {v.uuid: (v.start, v.end) for v in shown}


def views(count: int) -> list[CommentView]:
    when = datetime(2025, 3, 1)
    return [
        CommentView(
            f"c{n}", "someone", "A Mentor", when, f"Comment {n} on a sentence of the text.",
            "statement", None, "v1", 1, "v1", 1, n, n + 5, "words", "words", False, False,
            "", "", (),
        )
        for n in range(count)
    ]  # fmt: skip


def panel_in(qtbot, qapp, session, height: int) -> tuple[QWidget, CommentPanel]:
    top = QWidget()
    qtbot.addWidget(top)
    panel = CommentPanel(session)
    QVBoxLayout(top).addWidget(panel)
    top.resize(320, height)
    panel.show_comments(views(60))
    assert len(panel.cards) == CARD_BATCH  # made before it is shown
    top.show()
    for _ in range(20):  # lay out, and make what the layout asks for
        qapp.processEvents()
    return top, panel


def test_a_short_panel_makes_one_batch_of_cards(qtbot, qapp, session):
    _top, panel = panel_in(qtbot, qapp, session, 300)
    assert len(panel.cards) == CARD_BATCH
    assert panel.scroll.verticalScrollBar().maximum() > 0  # more to scroll to
    assert panel.more_button.text() == f"Show {60 - CARD_BATCH} more comments"


def test_a_tall_panel_is_filled_with_cards_and_no_further(qtbot, qapp, session):
    _top, panel = panel_in(qtbot, qapp, session, 2400)
    assert CARD_BATCH < len(panel.cards) < 60
    bar = panel.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the cards reach past the bottom: scrolling makes the rest
    bar.setValue(bar.maximum())
    assert len(panel.cards) > CARD_BATCH * 2 or len(panel.cards) == 60


def test_show_more_makes_one_batch_and_a_far_comment_comes_in_one_read(qtbot, qapp, session):
    top = QWidget()
    qtbot.addWidget(top)
    panel = CommentPanel(session)
    QVBoxLayout(top).addWidget(panel)
    top.resize(320, 300)
    panel.show_comments([replace(v, replies=None) for v in views(60)])  # threads not read
    panel.more_button.click()  # its "checked" argument is not taken for a count
    assert len(panel.cards) == 2 * CARD_BATCH
    seen: list[str] = []
    db.database.connection().set_trace_callback(seen.append)
    try:
        panel.select("c50")  # far past the cards made so far
    finally:
        db.database.connection().set_trace_callback(None)
    assert "c50" in panel.cards and panel.selected == "c50"
    assert len(panel.cards) == 51
    assert len(seen) == 1  # the replies of every card up to it, in one read


def test_f8_before_the_first_visits_comments_came_reads_them_and_goes_to_one(qtbot, session):
    view = StatementView(session)
    assert view.comments_pending
    view.step_comment(1)
    assert not view.comments_pending and view.editor.marks
    assert view.editor.current_mark == view.editor.marks[0].uuid
