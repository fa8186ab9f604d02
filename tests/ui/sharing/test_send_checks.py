"""Before a package or a Word file is written: replacing a file is asked, a large package
is named with its size and can go without its evidence files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from ui.sharing import actions as sharing
from ui.sharing import size as sharing_size
from ui.word.export import ExportDialog
from workbench.exchange.reader import read_package
from workbench.word.export import REVIEW


class Asked(list):
    """The questions asked; each is answered with the next of ``answers``, or No."""

    answers: list


@pytest.fixture
def questions(monkeypatch) -> Asked:
    asked = Asked()
    asked.answers = []

    def answer(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return asked.answers.pop(0) if asked.answers else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


def send_dialog(qtbot, session, target) -> sharing.SendDialog:
    dialog = sharing.SendDialog(session)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(target))
    return dialog


def save(qtbot, dialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_package_over_an_existing_file_is_asked_first(qtbot, session, tmp_path, questions):
    target = tmp_path / "for Ruth.wbpack"
    target.write_bytes(b"yesterday's package")
    dialog = send_dialog(qtbot, session, target)
    save(qtbot, dialog)
    assert questions == [f"for Ruth.wbpack is already in {tmp_path}. Replace it with the new one?"]
    assert target.read_bytes() == b"yesterday's package" and dialog.result_path is None
    questions.answers.append(QMessageBox.StandardButton.Yes)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.result_path is not None)
    assert read_package(target).manifest["sender_name"] == "Jordan Ellis"


def test_the_suggested_name_does_not_replace_todays_package(qtbot, session, tmp_path):
    taken = tmp_path / sharing.default_package_name(session)
    taken.write_bytes(b"")
    sharing.QSettings().setValue(sharing.FOLDER_KEY, str(tmp_path))
    dialog = sharing.SendDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.path.text() == str(taken.with_name(taken.stem + " (2).wbpack"))


def test_a_word_file_over_an_existing_one_is_asked_first(qtbot, session, tmp_path, questions):
    target = tmp_path / "review.docx"
    target.write_bytes(b"the mentor's reviewed copy")
    dialog = ExportDialog(session, REVIEW)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    assert len(questions) == 1 and "review.docx is already in" in questions[0]
    assert target.read_bytes() == b"the mentor's reviewed copy" and dialog.saved_to is None
    dialog.asked = target  # chosen in the save dialog, which asked already
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.saved_to is not None)
    assert len(questions) == 1 and target.read_bytes().startswith(b"PK")


def answer_size(monkeypatch, button_text: str) -> list[str]:
    said: list[str] = []

    def click(box):
        said.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    return said


def test_a_large_package_names_its_size_and_goes_without_files(
    qtbot, session, tmp_path, monkeypatch
):
    dialog = send_dialog(qtbot, session, tmp_path / "big.wbpack")
    size = sharing.plan_pack(session.opened, session.actor, tmp_path / "x.wbpack").blob_bytes
    assert size > 0  # the sample has evidence files
    monkeypatch.setattr(sharing_size, "LARGE_PACKAGE_BYTES", size // 2)
    said = answer_size(monkeypatch, "Without evidence files")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.result_path is not None)
    assert len(said) == 1 and "too big for most email" in said[0]
    assert sharing_size.megabytes(size) in said[0]
    assert not dialog.files.isChecked()
    assert read_package(dialog.result_path).blobs == {}


def test_a_large_package_can_be_left_unwritten(qtbot, session, tmp_path, monkeypatch):
    dialog = send_dialog(qtbot, session, tmp_path / "big.wbpack")
    monkeypatch.setattr(sharing_size, "LARGE_PACKAGE_BYTES", 1)
    said = answer_size(monkeypatch, "Cancel")
    save(qtbot, dialog)
    assert said and "Set up a sync folder" not in said[0]
    assert not (tmp_path / "big.wbpack").exists() and dialog.result_path is None


def test_megabytes_reads_like_a_person_would_say_it():
    assert sharing_size.megabytes(41_600_000) == "42 MB"
    assert sharing_size.megabytes(3_000) == "1 MB"
    assert not sharing_size.is_large(25_000_000) and sharing_size.is_large(25_000_001)
