"""Cancelling a long Word export: the dialog goes at once, the window stays usable, no file."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from tests.ui.word.test_dialogs import export_with
from ui.common import jobs
from ui.word import export as export_module
from workbench.word.export import SUBMISSION


def test_cancelling_a_long_export_closes_the_dialog_at_once_and_leaves_no_file(
    qtbot, session, tmp_path, monkeypatch
):
    release = threading.Event()
    started = threading.Event()
    real_build = export_module.build_docx

    def slow_build(*args, **kwargs):  # a long step: it waits until the test lets it go
        started.set()
        release.wait(20)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(export_module, "build_docx", slow_build)
    target = tmp_path / "out" / "statement.docx"
    target.parent.mkdir()
    dialog = export_with(qtbot, session, SUBMISSION, target)
    dialog.show()
    cancelled_while_building = []

    def press_cancel():
        assert started.wait(5)
        [job] = jobs.running_jobs()
        job.dialog.findChild(QPushButton).click()
        cancelled_while_building.append(not release.is_set())

    QTimer.singleShot(0, press_cancel)
    dialog.export_button.click()  # returns once Cancel is pressed, the job still running
    assert cancelled_while_building == [True]
    [job] = jobs.running_jobs()
    assert job.outcome == "cancelled" and job.dialog is None
    assert dialog.isVisible() and dialog.saved_to is None  # back to the choices
    release.set()
    assert job.wait(20_000)
    assert list(target.parent.iterdir()) == []  # neither the file nor a temp file
