"""A full disk: the save is refused with a clear message, and nothing is lost.

SQLite's max_page_count caps the database file, which makes SQLite answer
exactly as it does when the disk is full (SQLITE_FULL).
"""

from PySide6.QtWidgets import QMessageBox

from tests.ui.statement.test_view import make_view, put_cursor
from workbench.statement import drafts
from workbench.store import db


def fill_the_disk() -> None:
    db.database.pragma("max_page_count", db.database.pragma("page_count"))


def free_space() -> None:
    db.database.pragma("max_page_count", 1_000_000)


def test_typing_on_a_full_disk_keeps_the_text_and_saves_when_there_is_room(
    qtbot, session, monkeypatch
):
    view = make_view(qtbot, session)
    before = drafts.working_text(session.portfolio)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    fill_the_disk()
    put_cursor(view.editor, 0)
    view.editor.insertPlainText("A long new paragraph. " * 2000)
    assert view.save_pending() is False
    assert "the disk is full" in shown[0] and "Nothing was half-saved" in shown[0]
    assert view.dirty  # still waiting to be saved
    assert drafts.working_text(session.portfolio) == before  # the old copy is intact
    assert view.editor.toPlainText().startswith("A long new paragraph.")
    free_space()
    assert view.save_pending() is True
    assert drafts.working_text(session.portfolio).startswith("A long new paragraph.")
