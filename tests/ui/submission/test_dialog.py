"""The Prepare submission dialog: the readiness check with a way to each fix, then the
folder or zip written in the job runner and a summary of what was and was not."""

from __future__ import annotations

import threading
import zipfile

from PySide6.QtWidgets import QLabel, QPushButton

from ui.common import jobs
from ui.submission import dialog as dialog_module
from ui.submission.dialog import SubmissionDialog, SummaryDialog
from workbench.submission import bundle


def texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_missing_parts_are_listed_with_a_button_to_the_place(qtbot, session):
    dialog = SubmissionDialog(session)
    qtbot.addWidget(dialog)
    shown = "\n".join(texts(dialog))
    assert "PKSB at the end: Take the end snapshot once your development is done." in shown
    assert dialog.prepare_button.text() == "Prepare anyway"
    asked = []
    session.navigate.connect(lambda key, target: asked.append(key))
    dialog.show()
    [button] = [
        b for b in dialog.findChildren(QPushButton) if "PKSB at the end" in b.accessibleName()
    ]
    assert button.text() == "Open Gap matrix"  # the view as the sidebar names it
    button.click()
    assert asked == ["matrix"] and not dialog.isVisible()


def test_preparing_a_zip_writes_it_and_summarises(qtbot, session, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "office_program", lambda: None)
    dialog = SubmissionDialog(session)
    qtbot.addWidget(dialog)
    dialog.as_zip.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "Jordan submission"))
    dialog.pdf.setChecked(False)
    dialog.show()
    opened = []
    monkeypatch.setattr(SummaryDialog, "open", lambda self: opened.append(self))
    with qtbot.waitSignal(session.message, timeout=20_000) as said:
        dialog.prepare_button.click()
    zipped = tmp_path / "Jordan submission.zip"
    assert said.args == [f"Submission written to {zipped}"]
    with zipfile.ZipFile(zipped) as archive:
        assert "Jordan submission/03 Evidence index.docx" in archive.namelist()
    [summary] = opened
    qtbot.addWidget(summary)
    shown = "\n".join(texts(summary))
    assert "files written to Jordan submission.zip" in shown
    assert "LibreOffice is not installed" in shown
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no work left behind


def test_a_missing_folder_is_refused_in_a_sentence(qtbot, session, tmp_path, monkeypatch):
    dialog = SubmissionDialog(session)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "nowhere" / "out"))
    shown = []
    monkeypatch.setattr(
        dialog_module, "show_error", lambda parent, exc, title: shown.append(str(exc))
    )
    dialog.prepare_button.click()
    assert shown == [f"The folder {tmp_path / 'nowhere'} does not exist."]


def test_the_file_menu_offers_it(window):
    texts = [action.text() for action in window.menus["file"].actions()]
    assert "Prepare &submission…" in texts


def test_cancel_stops_the_work_and_leaves_nothing(qtbot, session, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "office_program", lambda: None)
    started, release = threading.Event(), threading.Event()
    real = bundle.largest_file

    def slow_largest_file():  # the first evidence file waits until Cancel is pressed
        started.set()
        release.wait(20)
        return real()

    monkeypatch.setattr(bundle, "largest_file", slow_largest_file)
    dialog = SubmissionDialog(session)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "Out"))
    dialog.show()
    dialog.prepare_button.click()
    assert started.wait(10)
    [job] = jobs.running_jobs()
    job.cancel()
    release.set()
    assert job.wait(20_000)
    assert job.outcome == "cancelled"
    qtbot.waitUntil(dialog.prepare_button.isEnabled)
    assert dialog.isVisible() and dialog.result is None
    assert not [p for p in tmp_path.iterdir() if p.name in ("Out",) or p.name.startswith(".")]
