"""The screenshots of the submission: the dialog always; the combined PDF's pages
only with LibreOffice, which is switched off here (the PDF has its own tests)."""

from __future__ import annotations

from PySide6.QtGui import QImage

from ui.shell.screenshots_submission import DIALOG, save_submission
from workbench.submission import office


def test_the_dialog_is_pictured_and_the_pdf_pages_skipped_in_one_line(
    qtbot, window, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(office, "office_program", lambda: None)
    window.open_demo(tmp_path / "demo")
    folder = tmp_path / "shots"
    folder.mkdir()
    save_submission(window, folder, lambda: qtbot.wait(10))
    assert sorted(p.name for p in folder.iterdir()) == [DIALOG]
    image = QImage(str(folder / DIALOG))
    assert image.width() >= 600 and image.height() > 300
    assert "no pictures of the combined PDF" in capsys.readouterr().out
