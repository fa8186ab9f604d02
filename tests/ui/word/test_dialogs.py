"""The Word dialogs driven like a user would: options, warnings, preview, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.dragging import drop_files
from tests.workbench.word.test_word365 import ORIGINAL, STATEMENT, word365_file
from tests.workbench.word.wordfile import add_comment_like_word
from ui.word.export import ExportDialog
from ui.word.review import ImportPreviewDialog, ImportPreviewModel
from workbench.statement import comment_reading, drafts
from workbench.store.models import Comment
from workbench.word.export import REVIEW, SUBMISSION
from workbench.word.reading import read_docx


def tick(qtbot, box) -> None:
    """Click a check box on its indicator (a wide box only reacts near its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def export_with(qtbot, session, kind: str, path: Path) -> ExportDialog:
    dialog = ExportDialog(session, kind)
    qtbot.addWidget(dialog)
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(path))
    return dialog


def test_submission_dialog_warns_and_writes_the_chosen_parts(qtbot, session, tmp_path):
    target = tmp_path / "final.docx"
    dialog = export_with(qtbot, session, SUBMISSION, target)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.warnings.isVisible()
    assert "still open; resolve them before you submit" in dialog.warnings.text()
    tick(qtbot, dialog.pksb)
    tick(qtbot, dialog.evidence)
    assert not dialog.pksb.isChecked()
    assert "citations will not be links" in dialog.warnings.text()
    with qtbot.waitSignal(session.message, timeout=10_000) as said:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "final.docx" in said.args[0]
    assert dialog.result() == ExportDialog.DialogCode.Accepted
    doc = Document(target)
    assert not doc.tables
    assert not any(p.text.startswith("E1 ") for p in doc.paragraphs)
    assert doc.paragraphs[0].style.name == "Title"


def test_review_dialog_writes_comments_and_remembers_the_folder(qtbot, session, tmp_path):
    target = tmp_path / "for-ruth"  # the suffix is added
    dialog = export_with(qtbot, session, REVIEW, target)
    assert "open comment" in dialog.findChildren(type(dialog.warnings))[0].text()
    with qtbot.waitSignal(session.message, timeout=10_000):
        dialog.export_button.click()
    written = tmp_path / "for-ruth.docx"
    assert len(Document(written).comments) == len(
        [
            v
            for v in comment_reading.comments_for_version(drafts.latest_version(session.portfolio))
            if not v.resolved
        ]
    )
    again = ExportDialog(session, REVIEW)
    qtbot.addWidget(again)
    assert Path(again.path_edit.text()).parent == tmp_path


def test_export_to_a_missing_folder_says_so(qtbot, session, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    dialog = export_with(qtbot, session, SUBMISSION, tmp_path / "nowhere" / "x.docx")
    dialog.export_button.click()
    assert shown and "does not exist" in shown[0]
    assert dialog.result() != ExportDialog.DialogCode.Accepted


def reviewed_copy(qtbot, session, tmp_path) -> Path:
    dialog = export_with(qtbot, session, REVIEW, tmp_path / "review.docx")
    with qtbot.waitSignal(session.message, timeout=10_000):
        dialog.export_button.click()
    reviewed = tmp_path / "reviewed.docx"
    add_comment_like_word(tmp_path / "review.docx", reviewed, "welcome week", "Which year?")
    return reviewed


def test_import_preview_shows_what_comes_in_and_saves_only_on_import(qtbot, session, tmp_path):
    reviewed = reviewed_copy(qtbot, session, tmp_path)
    before = Comment.select().count()
    dialog = ImportPreviewDialog(session, reviewed, read_docx(reviewed))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "1 comment to import onto version" in dialog.summary.text()
    assert "Ruth Adebayo (1, the mentor)" in dialog.summary.text()
    rows = dialog.model.rows
    new = [row for row in rows if row[3] != "Already here"]
    assert new == [("Ruth Adebayo (mentor)", "Which year?", "welcome week", "On these words")]
    assert dialog.import_button.text() == "Import 1 comment"
    assert Comment.select().count() == before  # nothing saved by the preview
    # Ticking "new version" works the preview out again: the file has the version's
    # own text (our export reads back as it was written), so no new version is made.
    tick(qtbot, dialog.as_version)
    assert dialog.preview.matched_by == "same text"
    assert dialog.import_button.text() == "Import 1 comment"
    tick(qtbot, dialog.as_version)
    with qtbot.waitSignal(session.changed) as changed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert {"statement", "comments"} <= changed.args[0]
    assert Comment.select().count() == before + 1


def test_the_preview_model_passes_the_model_tester(qtbot, session, tmp_path, qtmodeltester):
    reviewed = reviewed_copy(qtbot, session, tmp_path)
    dialog = ImportPreviewDialog(session, reviewed, read_docx(reviewed))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    empty = ImportPreviewModel()
    empty.refresh(None)
    qtmodeltester.check(empty)


def test_a_file_without_comments_shows_an_empty_state(qtbot, session, tmp_path):
    Document().save(tmp_path / "blank.docx")
    dialog = ImportPreviewDialog(
        session, tmp_path / "blank.docx", read_docx(tmp_path / "blank.docx")
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.table.isVisible() and dialog.empty.isVisible()
    assert dialog.empty.text() == "blank.docx has no comments."
    assert not dialog.import_button.isEnabled()


@pytest.fixture
def window(qtbot, session):
    from ui.shell.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.session = session
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.session = None


def test_menu_actions_and_dropping_a_file(qtbot, window, session, tmp_path, monkeypatch):
    from ui.word import actions as word_actions

    texts = [a.text() for a in window.menus["file"].actions()]
    assert "&Export for submission…" in texts and "Import reviewed &Word file…" in texts
    opened = []
    monkeypatch.setattr(ImportPreviewDialog, "open", lambda self: opened.append(self))
    reviewed = reviewed_copy(qtbot, session, tmp_path)
    assert drop_files(window, [reviewed])
    assert len(opened) == 1 and opened[0].path == reviewed
    opened[0].deleteLater()
    broken = tmp_path / "broken.docx"
    broken.write_text("not a word file")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert word_actions.import_file(window, broken) is None
    assert "broken.docx is not a Word document" in shown[0]


def test_the_preview_offers_what_to_do_with_tracked_changes(qtbot, session, tmp_path):
    path = word365_file(tmp_path / "tracked.docx")
    dialog = ImportPreviewDialog(session, path, read_docx(path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.tracked_row.isVisible()
    tick(qtbot, dialog.as_version)
    assert dialog.preview.markdown == STATEMENT  # accepted, as the file shows it
    dialog.tracked.setCurrentIndex(dialog.tracked.findData("reject"))
    assert dialog.preview.markdown == ORIGINAL and dialog.preview.tracked == "reject"
    outside = [row for row in dialog.model.rows if row[3].startswith("Outside")]
    assert [row[2] for row in outside] == [
        "On the title: My statement",
        "In a table under the heading “Evidence”: E1 Induction feedback",
    ]
    assert "tracked changes (inserted “weekly” by Ruth Adebayo" in dialog.warnings.text()
