"""The welcome page: a door for the mentee and one for the mentor, who drops a package."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.dragging import drop_files
from tests.workbench.exchange.support import Two
from ui.sharing import opening as sharing_open
from workbench.exchange.apply import pack
from workbench.statement import drafts


def mentee_package(tmp_path, monkeypatch):
    two = Two(tmp_path, monkeypatch, introduce=False)
    two.start_mentee_portfolio()
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        drafts.save_working_copy(opened.portfolio, me, "I designed the induction programme.")
        drafts.send_for_review(opened.portfolio, me, "First draft")
        path = pack(opened, me, tmp_path / "Casey for Morgan.wbpack").path
    two.as_mentor()  # this computer is now the mentor's
    return path


def test_the_two_doors_say_who_they_are_for(window):
    page = window.welcome
    assert page.mentee_door.heading.text() == "I am working towards registration"
    assert page.mentor_door.heading.text() == "I am a mentor"
    assert page.new_button.parent() is page.mentee_door
    assert page.package_button.parent() is page.mentor_door
    texts = [label.text() for label in page.mentor_door.findChildren(type(page.greeting))]
    assert any("fingerprint" in t and "phone" in t for t in texts)


def test_a_mentor_drops_the_mentees_package_on_their_door(qtbot, window, tmp_path, monkeypatch):
    path = mentee_package(tmp_path, monkeypatch)
    door = window.welcome.mentor_door
    assert door.acceptDrops()
    questions = []

    def yes(_parent, _title, text, *args, **kwargs):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    assert not drop_files(door, [tmp_path / "notes.txt"])
    assert drop_files(door, [path])
    assert "Casey Mentee sent you" in questions[0]
    assert window.session is not None and window.session.is_mentor
    assert window.pages.currentWidget() is window.workspace

    def shown_summaries():  # not one left hidden by an earlier test
        found = QApplication.topLevelWidgets()
        return [w for w in found if isinstance(w, sharing_open.SummaryDialog) and w.isVisible()]

    qtbot.waitUntil(lambda: bool(shown_summaries()))
    (summary,) = shown_summaries()
    assert "Version 1 of the statement arrived." in summary.lines.text()
    summary.accept()
    window.close_portfolio()
    assert window.welcome.recent.count() == 1  # the mentor's copy is among the recent ones


def test_the_guide_opens_on_the_readers_role(qtbot, window, me):
    qtbot.mouseClick(window.welcome.guide_button, Qt.MouseButton.LeftButton)
    guide = window.part("guide")
    qtbot.waitUntil(guide.isVisible)
    assert guide.tabs.currentWidget() is guide.pages["mentee"]
    text = guide.pages["mentee"].toPlainText()
    assert "Send for review" in text and "fingerprint" in text
    guide.close()
    window.open_sample()
    mentor = next(a for a in window.act_as_menu.actions() if "mentor" in a.text())
    mentor.trigger()
    help_menu = window.menus["help"]
    next(a for a in help_menu.actions() if a.text() == "&Guide").trigger()
    assert guide.isVisible() and guide.tabs.currentWidget() is guide.pages["mentor"]
    assert "Compare the fingerprint by phone" in guide.pages["mentor"].toPlainText()
