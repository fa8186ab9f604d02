"""Sharing in the GUI: send, open (new copy, in place, refused), sync folder, home, sign-off."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from tests.ui.dragging import drop_files
from tests.ui.sharing.test_sync_folder import run_pass
from tests.workbench.exchange.support import Two, rate_as_mentor
from ui.journey.mentor_home import MentorHomeDialog, MentorHomeModel
from ui.sharing import actions as sharing
from ui.sharing import opening as sharing_open
from workbench.exchange import sync
from workbench.exchange.apply import pack
from workbench.exchange.copies import unpack
from workbench.exchange.reader import read_package
from workbench.journey.mentor_home import mentor_home
from workbench.statement import drafts
from workbench.store import keys
from workbench.store.models import MentorRating, SignOff


@pytest.fixture
def two(tmp_path, monkeypatch) -> Two:
    people = Two(tmp_path, monkeypatch)
    people.start_mentee_portfolio()
    with people.open(people.mentee_root, people.as_mentee()) as (opened, me):
        drafts.save_working_copy(opened.portfolio, me, "I designed the induction programme.")
        drafts.send_for_review(opened.portfolio, me, "First draft")
    return people


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        sharing_open, "show_error", lambda _parent, exc, _title="": shown.append(str(exc))
    )
    return shown


def mentee_package(two: Two):
    with two.open(two.mentee_root, two.as_mentee()) as (opened, me):
        return pack(opened, me, two.tmp / "from-casey.wbpack").path


def test_the_send_dialog_writes_a_signed_package(qtbot, window, two):
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    window.menus["file"].aboutToShow.emit()
    assert window.part("send-action").text() == "&Send to mentor…"
    dialog = sharing.send(window)
    assert dialog.everything.isChecked() and not dialog.changes.isEnabled()
    target = two.tmp / "out" / "for Morgan"
    dialog.path.setText(str(target))
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_path is not None)
    assert dialog.result_path.name == "for Morgan.wbpack"
    package = read_package(dialog.result_path)
    assert package.manifest["sender_name"] == "Casey Mentee"


def test_opening_a_mentees_first_package_makes_the_mentors_copy(qtbot, window, two, monkeypatch):
    path = mentee_package(two)
    two.as_mentor()
    questions = []

    def answer(_parent, _title, text, *args):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    summary = sharing.open_package(window, path)
    assert summary.created_copy
    assert keys.fingerprint(read_package(path).manifest["public_key"]) in questions[0]
    assert window.session.is_mentor and window.session.portfolio.title.endswith("Casey Mentee")
    summaries = sharing_open.SummaryDialog
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, summaries))
    qtbot.waitUntil(dialog.isVisible)
    assert "Version 1 of the statement arrived." in dialog.lines.text()
    dialog.accept()


def test_a_package_for_the_open_portfolio_is_applied_in_place(qtbot, window, tmp_path, monkeypatch):
    two = Two(tmp_path, monkeypatch, introduce=False)
    two.start_mentee_portfolio()
    first = mentee_package(two)
    casey_key = read_package(first).manifest["public_key"]
    unpack(first, two.as_mentor(), two.mentor_root, confirmed_key=casey_key)
    rate_as_mentor(two.mentor_root, two.mentor, 3)
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        back = pack(opened, mentor, two.tmp / "from-morgan.wbpack").path
    fingerprint = keys.my_fingerprint()
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []

    def answer(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return answers[len(asked) - 1]

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert sharing.open_package(window, back) is None  # the first key was not accepted
    assert fingerprint in asked[0] and MentorRating.select().count() == 0
    summary = sharing.open_package(window, back)
    assert summary.bound_member and summary.new["mentor_rating"] == 1
    assert MentorRating.select().count() == 1


def test_a_refused_package_is_explained_and_changes_nothing(window, two, errors):
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    bad = two.tmp / "broken.wbpack"
    bad.write_bytes(b"PK\x03\x04 only the start of a zip")
    assert sharing.open_package(window, bad) is None
    assert errors == [
        "broken.wbpack is incomplete or damaged (it may still be copying); try again when "
        "the copy has finished."
    ]


def test_a_package_dropped_on_the_window_is_opened(window, two, monkeypatch):
    opened = []
    monkeypatch.setattr(sharing_open, "open_package", lambda _w, path: opened.append(path))
    path = mentee_package(two)
    assert not drop_files(window, [path, path])  # one package at a time
    assert drop_files(window, [path])
    assert opened == [path]


def test_the_sharing_dialog_shows_fingerprints_and_sets_the_sync_folder(qtbot, window, two):
    unpack(mentee_package(two), two.as_mentor(), two.mentor_root)
    two.as_mentor()
    assert window.open_portfolio(two.mentor_root)
    window.part("sync").follow_session()
    dialog = sharing.show_settings(window)
    assert dialog.fingerprint.text() == keys.my_fingerprint()
    assert dialog.people_count == 1
    assert not dialog.sync_button.isEnabled()
    folder = two.tmp / "Nextcloud"
    folder.mkdir()
    controller = window.part("sync")
    assert run_pass(qtbot, controller, lambda: dialog.set_folder(folder)) is not None
    assert sync.own_file(folder, window.session.portfolio, window.session.actor).is_file()
    assert dialog.sync_button.isEnabled()
    assert "written to the sync folder" in dialog.status.text()
    run_pass(
        qtbot, controller, lambda: qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    )
    assert dialog.status.text() == "Up to date: nothing new in either direction."
    qtbot.mouseClick(dialog.stop, Qt.MouseButton.LeftButton)
    assert dialog.folder.text() == "" and not dialog.sync_button.isEnabled()
    dialog.reject()


def test_the_mentors_home_lists_mentees_and_opens_one(qtbot, qtmodeltester, window, two):
    package = mentee_package(two)
    two.as_mentor()
    home = sharing.show_mentor_home(window)
    assert isinstance(home, MentorHomeDialog)
    assert home.pages.currentWidget() is home.empty and not home.open_button.isEnabled()
    unpack(package, two.mentor, None)
    home.refresh()
    assert home.pages.currentWidget() is home.table
    assert home.model.cells[0][:2] == (two_title(two), "Casey Mentee")
    assert home.model.cells[0][5] == "v1"
    assert "1 version" in home.model.cells[0][2]
    qtmodeltester.check(home.model)
    assert home.open_row(0)
    assert window.session.is_mentor
    assert mentor_home(two.mentor.uuid)[0].news_count == 0
    assert home.model.cells[0][2] == "Nothing new"
    home.close()


def two_title(two: Two) -> str:
    return "Chartership portfolio of Casey Mentee"


def test_an_empty_mentor_home_model_passes_the_model_tester(qtmodeltester):
    model = MentorHomeModel()
    model.refresh([])
    qtmodeltester.check(model)


def test_the_mentor_signs_off_and_the_mentee_sees_it_verified(qtbot, window, two, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    unpack(mentee_package(two), two.as_mentor(), two.mentor_root)
    two.as_mentor()
    assert window.open_portfolio(two.mentor_root)
    window.menus["tools"].aboutToShow.emit()
    assert window.part("signoff-action").isEnabled()
    dialog = sharing.show_signoff(window)
    assert "Casey Mentee" in dialog.statement.toPlainText()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert SignOff.select().count() == 1
    with_signoff = two.tmp / "signed.wbpack"
    pack(window.session.opened, window.session.actor, with_signoff)
    window.close_portfolio()
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    window.menus["tools"].aboutToShow.emit()
    assert not window.part("signoff-action").isEnabled()
    sharing.open_package(window, with_signoff)
    settings = sharing.show_settings(window)
    [label] = settings.signoff_labels
    assert "✔ Verified" in label.text() and "Morgan Mentor signed off version 1" in label.text()
    settings.reject()


def test_the_checklist_names_the_real_sign_off_menu(window):
    from workbench.journey.readiness import SIGN_OFF_STEP

    def shown(text: str) -> str:
        return text.replace("&", "")

    path = f"{shown(window.menus['tools'].title())} ▸ {shown(window.part('signoff-action').text())}"
    assert f"sign it off ({path})" == SIGN_OFF_STEP


def test_the_sync_controller_writes_after_changes_and_reads_new_packages(qtbot, window, two):
    folder = two.tmp / "Syncthing"
    folder.mkdir()
    unpack(mentee_package(two), two.as_mentor(), two.mentor_root)
    rate_as_mentor(two.mentor_root, two.mentor, 2)
    with two.open(two.mentor_root, two.as_mentor()) as (opened, mentor):
        review = pack(opened, mentor, two.tmp / "review.wbpack").path
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    controller = window.part("sync")
    controller.follow_session()
    settings = sharing.show_settings(window)
    run_pass(qtbot, controller, lambda: settings.set_folder(folder))
    settings.reject()
    own = sync.own_file(folder, window.session.portfolio, window.session.actor)
    assert own.is_file()
    # a change in the portfolio writes our package again, a moment later
    controller.write_timer.setInterval(10)
    before = own.stat().st_mtime_ns
    with qtbot.waitSignal(controller.synced, timeout=5000):
        drafts.save_working_copy(window.session.portfolio, window.session.actor, "New words.")
        drafts.send_for_review(window.session.portfolio, window.session.actor)
        window.session.notify("statement")
    assert own.stat().st_mtime_ns != before
    # the mentor's package arriving in the folder is opened and the views refresh
    # (the folder watcher notices the new file; no poll needed)
    controller.read_timer.setInterval(10)
    with qtbot.waitSignal(window.session.changed, timeout=10000) as changed:
        shutil.copy(review, folder / f"{two.mentor.uuid}.wbpack")  # an old-style name
    # only what arrived is refreshed: the mentor's rating, and the mentor's place now filled
    assert changed.args == [{"matrix", "portfolio"}]
    assert "from Morgan Mentor" in window.statusBar().currentMessage()
    assert MentorRating.select().count() == 1
