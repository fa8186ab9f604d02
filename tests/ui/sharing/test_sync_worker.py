"""The sync folder's file work runs in a worker: the window keeps answering, passes never
overlap, and closing the portfolio during a pass ends it cleanly."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent, QThread
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from tests.ui.common.test_jobs import Poke
from tests.ui.sharing import test_sync_folder
from tests.workbench.exchange.support import Two
from tests.workbench.exchange.test_sync import mentor_writes
from ui.common import jobs
from workbench.exchange import sync, sync_files
from workbench.store.models import MentorRating

run_pass = test_sync_folder.run_pass


class Gate:
    """Wraps a file function: records the thread it ran on, and holds it until released."""

    def __init__(self, real):
        self.real = real
        self.release = threading.Event()
        self.entered = threading.Event()
        self.threads: list[QThread] = []
        self.inside = 0
        self.most_inside = 0
        self.lock = threading.Lock()

    def __call__(self, *args, **kwargs):
        with self.lock:
            self.threads.append(QThread.currentThread())
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
        self.entered.set()
        try:
            assert self.release.wait(20)
            return self.real(*args, **kwargs)
        finally:
            with self.lock:
                self.inside -= 1


def opened_with_folder(qtbot, window, tmp_path, monkeypatch):
    two = Two(tmp_path, monkeypatch)
    two.start_mentee_portfolio()
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    mentor_writes(two, folder)
    two.as_mentee()
    assert window.open_portfolio(two.mentee_root)
    controller = window.part("sync")
    controller.follow_session()
    return two, folder, controller


def test_a_pass_hashes_and_reads_in_a_worker_while_the_window_answers(
    qtbot, window, tmp_path, monkeypatch
):
    two, folder, controller = opened_with_folder(qtbot, window, tmp_path, monkeypatch)
    hashing = Gate(sync_files.file_sha256)
    reading = Gate(sync_files.read_package)
    reading.release.set()
    monkeypatch.setattr(sync_files, "file_sha256", hashing)
    monkeypatch.setattr(sync_files, "read_package", reading)
    sync.set_sync_folder(folder)
    ended = []
    controller.pass_finished.connect(ended.append)
    controller.folder_changed()  # starts a read-and-write pass
    assert hashing.entered.wait(10)
    poke = Poke()
    QCoreApplication.postEvent(poke, QEvent(QEvent.Type.User))
    qtbot.waitUntil(lambda: poke.got == 1, timeout=3000)  # answered while the pass waits
    assert controller.busy and ended == []
    assert controller.read_now() and controller.sync_now()  # asked again: they wait their turn
    assert len(controller.queued) == 1
    hashing.release.set()
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=20_000)
    gui = QCoreApplication.instance().thread()
    assert hashing.threads and all(t is not gui for t in hashing.threads)
    assert reading.threads and all(t is not gui for t in reading.threads)
    assert hashing.most_inside == 1  # never two passes at once
    assert MentorRating.select().count() == 1  # the database half ran on the GUI thread
    assert sync.own_file(folder, window.session.portfolio, window.session.actor).is_file()
    assert not controller.busy and jobs.running_jobs() == []


def test_closing_the_portfolio_during_a_pass_waits_for_it_and_leaves_nothing_staged(
    qtbot, window, tmp_path, monkeypatch
):
    two, folder, controller = opened_with_folder(qtbot, window, tmp_path, monkeypatch)
    reading = Gate(sync_files.read_package)
    monkeypatch.setattr(sync_files, "read_package", reading)
    sync.set_sync_folder(folder)
    ended = []
    controller.pass_finished.connect(ended.append)
    controller.folder_changed()
    assert reading.entered.wait(10)
    threading.Timer(0.3, reading.release.set).start()  # the worker finishes its step
    assert window.close_portfolio()  # cancels the pass and waits for its thread
    assert jobs.running_jobs() == [] and not controller.busy
    assert ended == [None]  # the pass was cancelled: its result thrown away
    assert list(two.mentee_root.rglob(".incoming*")) == []  # the staged evidence was removed


def test_a_pass_that_fails_unexpectedly_says_one_calm_line(qtbot, window, tmp_path, monkeypatch):
    two, folder, controller = opened_with_folder(qtbot, window, tmp_path, monkeypatch)

    def broken(*_args, **_kwargs):
        raise RuntimeError("a fault of ours")

    monkeypatch.setattr(sync_files, "scan_folder", broken)
    sync.set_sync_folder(folder)
    assert run_pass(qtbot, controller, controller.folder_changed) is None
    status = window.statusBar().currentMessage()
    assert (
        status == "Sync stopped because of an unexpected problem. Nothing was changed; try again."
    )
    assert not controller.busy


def test_the_database_half_of_a_pass_waits_for_a_pause_in_typing(
    qtbot, window, tmp_path, monkeypatch
):
    two, folder, controller = opened_with_folder(qtbot, window, tmp_path, monkeypatch)
    reading = Gate(sync_files.read_package)
    monkeypatch.setattr(sync_files, "read_package", reading)
    sync.set_sync_folder(folder)
    ended = []
    controller.pass_finished.connect(ended.append)
    controller.folder_changed()
    assert reading.entered.wait(10)
    editor = QLineEdit()
    qtbot.addWidget(editor)
    editor.show()
    applied = []
    real_apply = sync.apply_scan
    monkeypatch.setattr(
        sync, "apply_scan", lambda *a, **k: applied.append(editor.text()) or real_apply(*a, **k)
    )
    QTest.keyClicks(editor, "typing")  # the user types while the worker reads
    reading.release.set()
    qtbot.waitUntil(lambda: controller.gate.waiting is not None, timeout=10_000)
    assert applied == [] and MentorRating.select().count() == 0  # held while they type
    QTest.keyClicks(editor, " on")
    with qtbot.waitSignal(controller.pass_finished, timeout=10_000):
        pass
    assert applied == ["typing on"]  # it ran once they paused, after the last key
    assert MentorRating.select().count() == 1 and controller.gate.waiting is None


def test_closing_the_portfolio_while_a_pass_waits_for_a_pause_drops_it(
    qtbot, window, tmp_path, monkeypatch
):
    two, folder, controller = opened_with_folder(qtbot, window, tmp_path, monkeypatch)
    sync.set_sync_folder(folder)
    ended = []
    controller.pass_finished.connect(ended.append)
    editor = QLineEdit()
    qtbot.addWidget(editor)
    editor.show()
    controller.folder_changed()
    QTest.keyClicks(editor, "typing")
    qtbot.waitUntil(lambda: controller.gate.waiting is not None, timeout=10_000)
    assert window.close_portfolio()
    qtbot.waitUntil(lambda: ended == [None], timeout=10_000)  # ended, its result thrown away
    assert controller.gate.waiting is None and not controller.busy
    assert list(two.mentee_root.rglob(".incoming*")) == []  # what the scan staged is gone
