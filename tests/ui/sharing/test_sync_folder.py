"""The sync folder in the GUI: bad files and a read-only folder give a status line, never a
dialog; a package from someone whose key is unconfirmed waits behind a status-bar button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.workbench.exchange.support import Two
from tests.workbench.exchange.test_sync import STRANGER, make_read_only, mentor_writes
from workbench.exchange import sync
from workbench.statement import drafts
from workbench.store.models import MentorRating, PinnedKey


@pytest.fixture
def dialogs(monkeypatch) -> list[str]:
    """Every message box that would have been shown (none is wanted from a sync pass)."""
    shown: list[str] = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **_kw: shown.append(args[2]))
    return shown


class Questions(list):
    """The key questions asked; each is answered from ``answers`` (Yes when it runs out)."""

    def __init__(self):
        super().__init__()
        self.answers: list[bool] = []

    def __call__(self, _parent, _title, text, *args, **kwargs):
        self.append(text)
        yes = self.answers.pop(0) if self.answers else True
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No


@pytest.fixture
def questions(monkeypatch) -> Questions:
    asked = Questions()
    monkeypatch.setattr(QMessageBox, "question", asked)
    return asked


def run_pass(qtbot, controller, start):
    """Start a pass (its file work runs in a worker) and wait for it to end; its result."""
    with qtbot.waitSignal(controller.pass_finished, timeout=10_000) as ended:
        start()
    return ended.args[0]


def open_with_folder(qtbot, window, two: Two, folder):
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    controller = window.part("sync")
    controller.follow_session()
    sync.set_sync_folder(folder)
    run_pass(qtbot, controller, controller.folder_changed)
    return controller


def test_a_damaged_file_and_a_read_only_folder_show_a_status_line_and_no_dialog(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio()
    folder = tmp_path / "OneDrive"
    folder.mkdir()
    controller = open_with_folder(qtbot, window, two, folder)
    damaged = folder / f"{window.session.portfolio.uuid}.{STRANGER}.wbpack"
    damaged.write_bytes(b"damaged beyond reading")
    run_pass(qtbot, controller, controller.read_now)
    status = window.statusBar().currentMessage()
    assert damaged.name in status and "set aside until it changes" in status
    with monkeypatch.context() as patch:
        make_read_only(folder, patch)
        drafts.save_working_copy(window.session.portfolio, window.session.actor, "New words.")
        drafts.send_for_review(window.session.portfolio, window.session.actor)
        controller.write_timer.setInterval(10)
        with qtbot.waitSignal(controller.synced, timeout=5000):
            window.session.notify("statement")  # the timer writes, as after typing
        assert "is read-only here" in window.statusBar().currentMessage()
    folder.chmod(0o755)
    assert dialogs == []


def test_a_strangers_key_is_asked_once_from_the_status_bar_and_then_imported(
    qtbot, window, tmp_path, monkeypatch, dialogs, questions
):
    two = Two(tmp_path, monkeypatch, introduce=False)
    two.start_mentee_portfolio()
    folder = tmp_path / "Syncthing"
    folder.mkdir()
    mentor_writes(two, folder, confirm=True)
    controller = open_with_folder(qtbot, window, two, folder)
    notice = controller.notice
    assert notice.isVisible() and "from Morgan Mentor" in notice.label.text()
    assert "waiting for you to confirm their key" in window.statusBar().currentMessage()
    run_pass(qtbot, controller, controller.read_now)
    run_pass(qtbot, controller, controller.sync_now)  # the slow poll: nobody is interrupted
    assert questions == [] and MentorRating.select().count() == 0
    run_pass(qtbot, controller, lambda: qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton))
    assert len(questions) == 1 and "Morgan Mentor" in questions[0]
    assert MentorRating.select().count() == 1
    assert not notice.isVisible()
    run_pass(qtbot, controller, controller.read_now)
    assert len(questions) == 1 and dialogs == []


def test_a_declined_key_stops_the_asking_and_leaves_one_status_line(
    qtbot, window, tmp_path, monkeypatch, dialogs, questions
):
    two = Two(tmp_path, monkeypatch, introduce=False)
    two.start_mentee_portfolio()
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    mentor_writes(two, folder, confirm=True)
    controller = open_with_folder(qtbot, window, two, folder)
    questions.answers.append(False)
    qtbot.mouseClick(controller.notice.button, Qt.MouseButton.LeftButton)
    assert len(questions) == 1 and not controller.notice.isVisible()
    status = window.statusBar().currentMessage()
    assert "A package from Morgan Mentor in the sync folder is waiting" in status
    run_pass(qtbot, controller, controller.read_now)
    run_pass(qtbot, controller, controller.sync_now)
    assert len(questions) == 1 and not controller.notice.isVisible()
    assert PinnedKey.select().count() == 0 and MentorRating.select().count() == 0
    assert dialogs == []
