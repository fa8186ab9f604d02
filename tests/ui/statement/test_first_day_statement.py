"""The statement on the first days: sending for review leads on to sending, a version that
arrives is shown, and choosing a version leaves a comparison."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.workbench.exchange.support import Two
from ui.sharing import actions as sharing
from ui.statement.versions import DRAFT
from ui.word.export import ExportDialog
from workbench.exchange import sync
from workbench.exchange.copies import unpack
from workbench.exchange.pack import pack
from workbench.statement import drafts


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    with people.open(people.mentee_root, people.as_mentee()) as (opened, me):
        drafts.save_working_copy(opened.portfolio, me, "I designed the induction programme.")
        drafts.send_for_review(opened.portfolio, me, "First draft")
        pack(opened, me, people.tmp / "first.wbpack")
    unpack(people.tmp / "first.wbpack", people.as_mentor(), people.mentor_root)
    return people


def statement_as_mentee(qtbot, window, two):
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    view = window.show_view("statement")
    view.show_document(DRAFT)
    view.editor.selectAll()
    qtbot.keyClicks(view.editor, "I designed and ran the induction programme.")
    return view


def top_level(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_send_for_review_leads_on_to_a_package_for_the_mentor(qtbot, window, two):
    view = statement_as_mentee(qtbot, window, two)
    assert view.send_for_review("Second draft")
    offer = view.send_on
    qtbot.waitUntil(offer.isVisible)
    assert offer.windowTitle() == "Version 2 is ready"
    assert offer.package_button.text() == "Save a package file for Morgan Mentor…"
    qtbot.mouseClick(offer.package_button, Qt.MouseButton.LeftButton)
    assert not offer.isVisible()
    [send] = top_level(sharing.SendDialog)
    assert "Version 2 is saved" in window.statusBar().currentMessage()
    send.reject()


def test_a_word_review_copy_is_one_of_the_ways(qtbot, window, two):
    view = statement_as_mentee(qtbot, window, two)
    assert view.send_for_review()
    qtbot.mouseClick(view.send_on.word_button, Qt.MouseButton.LeftButton)
    [export] = top_level(ExportDialog)
    assert "Word copy" in window.statusBar().currentMessage()
    export.reject()


def test_with_a_sync_folder_it_says_the_folder_sends_it(qtbot, window, two, tmp_path):
    view = statement_as_mentee(qtbot, window, two)
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    sync.set_sync_folder(folder)
    assert view.send_for_review()
    offer = view.send_on
    assert "sync folder is set: it will be sent to Morgan Mentor by itself" in (
        offer.sync_note.text()
    )
    assert offer.later_button.text() == "Done"
    qtbot.mouseClick(offer.later_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == (
        "Version 2 is saved; your sync folder will carry it to Morgan Mentor."
    )


def test_later_says_where_sending_is(qtbot, window, two):
    view = statement_as_mentee(qtbot, window, two)
    assert view.send_for_review()
    qtbot.keyClick(view.send_on, Qt.Key.Key_Escape)
    assert "File ▸ Send to mentor" in window.statusBar().currentMessage()


def test_a_version_that_arrives_is_shown_and_said(qtbot, window, two, monkeypatch):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        drafts.save_working_copy(opened.portfolio, me, "I designed and ran the induction.")
        drafts.send_for_review(opened.portfolio, me, "Second draft")
        second = pack(opened, me, two.tmp / "second.wbpack").path
    two.as_mentor()
    assert window.open_portfolio(two.mentor_root)
    view = window.show_view("statement")
    first = view.shown
    assert view.documents.count() == 1
    view.compare_from.setCurrentIndex(0)
    assert sharing.open_package(window, second) is not None
    assert view.shown != first and drafts.get_version(view.shown).number == 2
    assert view.editor.toPlainText() == "I designed and ran the induction."
    assert view.arrived_label.isVisible()
    assert view.arrived_label.text() == (
        "Version 2 — Second draft arrived from Casey Mentee: it is shown now."
    )
    assert "arrived from Casey Mentee" in window.statusBar().currentMessage()


def test_choosing_a_version_while_comparing_leaves_the_comparison(qtbot, window, two):
    view = statement_as_mentee(qtbot, window, two)
    view.send_for_review("Second draft")
    view.send_on.reject()
    view.compare()
    assert view.stack.currentWidget() is view.redline
    row = view.documents.row_of(view.shown)  # the draft: already the current row
    rect = view.documents.visualItemRect(view.documents.item(row))
    qtbot.mouseClick(view.documents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.stack.currentWidget() is view.editor
    assert not view.close_changes.isVisible()
