"""The review-copy dialog offers the resolved comments; the preview names the mentor."""

from __future__ import annotations

from docx import Document
from PySide6.QtCore import Qt

from tests.ui.word.test_dialogs import export_with, tick
from tests.workbench.word.word365_editing import Word365File
from tests.workbench.word.wordfile import read_zip
from ui.word.review import ImportPreviewDialog
from workbench.sample.build import MENTOR_NAME
from workbench.statement import comment_reading, drafts
from workbench.word.export import REVIEW
from workbench.word.reading import read_docx
from workbench.word.threads_here import words_of


def test_resolved_comments_go_into_the_review_copy_only_when_ticked(qtbot, session, tmp_path):
    views = comment_reading.comments_for_version(drafts.latest_version(session.portfolio))
    resolved = [v for v in views if v.resolved]
    assert resolved
    dialog = export_with(qtbot, session, REVIEW, tmp_path / "all.docx")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.resolved.isVisible() and not dialog.resolved.isChecked()
    tick(qtbot, dialog.resolved)
    with qtbot.waitSignal(session.message, timeout=10_000):
        dialog.export_button.click()
    written = tmp_path / "all.docx"
    # Detached ones carry the words they were on, before their own.
    assert {words_of(c.text) for c in Document(written).comments} >= {v.text for v in resolved}
    extended = read_zip(written)["word/commentsExtended.xml"].decode()
    assert extended.count('w15:done="1"') >= len(resolved)
    comments = read_docx(written).comments
    assert {words_of(c.text) for c in comments if c.done and c.parent_id is None} == {
        v.text for v in resolved
    }


def test_the_preview_says_which_comments_are_the_mentors_and_what_it_resolves(
    qtbot, session, tmp_path
):
    views = comment_reading.comments_for_version(drafts.latest_version(session.portfolio))
    settled = next(v for v in views if not v.resolved)
    dialog = export_with(qtbot, session, REVIEW, tmp_path / "review.docx")
    with qtbot.waitSignal(session.message, timeout=10_000):
        dialog.export_button.click()
    word = Word365File(tmp_path / "review.docx")
    word.reply(settled.text, "Glad you agree.", MENTOR_NAME, "2026-11-21T10:00:00Z")
    word.resolve(settled.text)
    word.saved_by(MENTOR_NAME)
    reviewed = word.save(tmp_path / "reviewed.docx")
    preview = ImportPreviewDialog(session, reviewed, read_docx(reviewed))
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    assert "(1, the mentor)" in preview.summary.text()
    assert "1 to mark resolved" in preview.summary.text()
    rows = {row[1]: row for row in preview.model.rows}
    assert rows["Glad you agree."][0] == f"{MENTOR_NAME} (mentor)"
    assert rows["Glad you agree."][3] == "As a reply"
    assert rows[settled.text][3] == "Already here; marked resolved"
    assert preview.import_button.text() == "Import 1 comment and mark 1 resolved"
    with qtbot.waitSignal(session.changed):
        qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    after = comment_reading.comments_for_version(drafts.latest_version(session.portfolio))
    now = next(v for v in after if v.uuid == settled.uuid)
    assert now.resolved and [r.author_name for r in now.replies][-1] == MENTOR_NAME
