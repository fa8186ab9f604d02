"""The one job runner: results, calm messages, a Cancel that answers at once."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ui.common import jobs
from workbench.errors import ValidationError


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    jobs.cancel_all()


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    said: list[str] = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **_kw: said.append(args[2]))
    return said


def test_a_modal_job_returns_its_result_from_another_thread(parent):
    gui = QThread.currentThread()
    seen = []

    def work(context):
        seen.append(QThread.currentThread())
        context.progress(5, 10)
        return 42

    assert jobs.run_modal(parent, "Counting…", work) == 42
    assert seen and seen[0] is not gui


def test_a_workbench_error_is_its_own_message(parent):
    def work(_context):
        raise ValidationError("The file x.docx is not a Word document.")

    with pytest.raises(jobs.JobFailed, match="x.docx is not a Word document"):
        jobs.run_modal(parent, "Reading…", work)


def test_an_unexpected_exception_becomes_one_calm_message(qtbot, parent, shown):
    def work(_context):
        return {}["missing"]

    job = jobs.start(work, parent=parent, label="Writing the Word file…", title="Word")
    with qtbot.waitSignal(job.ended, timeout=5000):
        pass
    assert job.outcome == "failed"
    assert len(shown) == 1
    assert shown[0].startswith("Writing the Word file stopped because of an unexpected problem")
    assert "Traceback" not in shown[0] and "KeyError" not in shown[0]


def test_cancel_closes_the_dialog_at_once_and_discards_the_result(qtbot, parent):
    release = threading.Event()
    discarded = []

    def slow(context):
        release.wait(10)  # a long step the job cannot interrupt
        return "late result"

    def press_cancel():
        [job] = jobs.running_jobs()
        job.dialog.findChild(QPushButton).click()

    QTimer.singleShot(50, press_cancel)
    with pytest.raises(jobs.Cancelled):
        jobs.run_modal(parent, "Slow…", slow, discard=discarded.append)
    [job] = jobs.running_jobs()  # returned while the job is still stuck in its step
    assert not release.is_set() and job.dialog is None and job.outcome == "cancelled"
    release.set()
    assert job.wait(5000)
    assert discarded == ["late result"] and jobs.running_jobs() == []


class Poke(QObject):
    """Counts the events posted to it: proof that the GUI thread's event loop runs."""

    def __init__(self):
        super().__init__()
        self.got = 0

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.User:
            self.got += 1
            return True
        return super().event(event)


def test_a_quiet_job_leaves_the_event_loop_running(qtbot):
    release = threading.Event()
    ran_on = []
    results = []

    def work(_context):
        ran_on.append(QThread.currentThread())
        release.wait(10)
        return "done"

    job = jobs.start(work, on_done=results.append)
    assert job.dialog is None
    poke = Poke()
    QCoreApplication.postEvent(poke, QEvent(QEvent.Type.User))
    qtbot.waitUntil(lambda: poke.got == 1, timeout=2000)  # answered while the job waits
    assert job.running and results == []
    release.set()
    with qtbot.waitSignal(job.ended, timeout=5000):
        pass
    assert results == ["done"] and ran_on[0] is not QThread.currentThread()
