"""The Evidence view driven as a user would: drop files, link, filter, delete, undo."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import (
    QDesktopServices,
    QImage,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QPushButton

from tests.conftest import show_view
from tests.ui.dragging import drop_files
from ui.common.session import Session
from ui.evidence.coverage_model import CoverageModel
from ui.evidence.model import NUMBER, TITLE, TYPE, EvidenceModel
from ui.evidence.view import EvidenceView
from workbench.evidence import blobs
from workbench.evidence.blobs import blob_path
from workbench.evidence.coverage import coverage
from workbench.evidence.library import evidence_items
from workbench.store.models import EvidenceItem
from workbench.store.portfolios import MENTOR, ensure_person, person_with_role


def make_view(qtbot, session) -> EvidenceView:
    return show_view(qtbot, EvidenceView(session), session, (1200, 760))


@pytest.fixture
def view(qtbot, session):
    return make_view(qtbot, session)


@pytest.fixture
def empty_session(portfolio, me, qapp):
    session = Session(portfolio, ensure_person(me))
    yield session
    session.undo_stack.clear()


@pytest.fixture
def empty_view(qtbot, empty_session):
    return make_view(qtbot, empty_session)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def drop_and_wait(qtbot, view, paths):
    with qtbot.waitSignal(view.import_finished, timeout=10000) as blocker:
        assert drop_files(view, paths)
    return blocker.args[0]


def labels(view) -> list[str]:
    return [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]


def store_files(root: Path) -> list[Path]:
    return blobs.stored_files(root)


def make_pdf(path: Path) -> Path:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    painter = QPainter(writer)
    painter.drawText(200, 400, "Certificate of attendance")
    painter.end()
    return path


def make_png(path: Path) -> Path:
    image = QImage(64, 40, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    assert image.save(str(path), "PNG")
    return path


# Models -------------------------------------------------------------------------------


def test_every_model_passes_the_model_tester(qtmodeltester, view, session):
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    rows = evidence_items(session.portfolio)
    result = coverage(session.portfolio)
    for kind in ("criteria", "skills"):
        model = CoverageModel(kind)
        model.set_coverage(result, {r.number: r.uuid for r in rows})
        qtmodeltester.check(model)
    empty = EvidenceModel()
    qtmodeltester.check(empty)


# Adding -------------------------------------------------------------------------------


def test_an_empty_library_says_how_to_start(empty_view):
    assert empty_view.list_stack.currentWidget() is empty_view.empty
    assert "drag files here or press Add files" in empty_view.empty.text()
    assert empty_view.count_label.text() == "0 items"


def test_dropping_many_files_adds_them_and_stores_each_once(
    qtbot, empty_view, empty_session, tmp_path
):
    folder = tmp_path / "dropped"
    paths = [
        write(folder / "feedback.txt", b"Thank you for the session"),
        write(folder / "slides.pptx", b"slides bytes"),
        write(folder / "same slides.pptx", b"slides bytes"),
        make_png(folder / "certificate.png"),
    ]
    result = drop_and_wait(qtbot, empty_view, paths)
    assert len(result.items) == 3 and result.duplicates == [("same slides.pptx", "E2")]
    assert labels(empty_view) == ["E1", "E2", "E3"]
    assert empty_view.list_stack.currentWidget() is empty_view.table
    root = empty_session.opened.root
    for row in evidence_items(empty_session.portfolio):
        assert blob_path(root, row.blob_sha).read_bytes() == (folder / row.source_name).read_bytes()
    assert len(store_files(root)) == 3
    assert "already in the library as E2" in empty_view.notice.text.text()
    # The whole drop is one undoable step; the files stay until the portfolio closes.
    empty_session.undo_stack.undo()
    assert labels(empty_view) == [] and len(store_files(root)) == 3
    empty_session.undo_stack.redo()
    assert labels(empty_view) == ["E1", "E2", "E3"]


def test_dropping_a_folder_adds_its_files(qtbot, empty_view, empty_session, tmp_path):
    folder = tmp_path / "year"
    write(folder / "a.txt", b"a")
    write(folder / "deeper" / "b.txt", b"b")
    result = drop_and_wait(qtbot, empty_view, [folder])
    assert sorted(i.source_name for i in result.items) == ["a.txt", "b.txt"]


def test_the_mentor_cannot_drop_files(qtbot, session, tmp_path):
    session.switch_actor(person_with_role(session.portfolio, MENTOR))
    view = make_view(qtbot, session)
    assert not drop_files(view, [write(tmp_path / "x.txt", b"x")])
    assert not view.add_files_button.isEnabled()
    assert view.detail.title.isReadOnly()


def test_bad_files_are_reported_and_the_rest_added(qtbot, empty_view, empty_session, tmp_path):
    good = write(tmp_path / "in" / "good.txt", b"good")
    empty = write(tmp_path / "in" / "empty.txt", b"")
    missing = tmp_path / "in" / "gone.txt"
    result = drop_and_wait(qtbot, empty_view, [good, empty, missing])
    assert [i.source_name for i in result.items] == ["good.txt"]
    text = empty_view.notice.text.text()
    assert empty_view.notice.isVisible()
    assert "empty.txt" in text and "is empty (0 bytes)" in text
    assert "gone.txt" in text and "could not be found" in text


def test_a_full_disk_adds_nothing_and_says_so(
    qtbot, empty_view, empty_session, tmp_path, monkeypatch
):
    real_open = open

    def full_disk(path, mode="r", *args, **kwargs):
        if "w" in mode and Path(path).suffix == ".part":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(blobs, "open", full_disk, raising=False)
    result = drop_and_wait(qtbot, empty_view, [write(tmp_path / "a.txt", b"a")])
    assert result is None
    assert "disk holding the portfolio is full" in empty_view.notice.text.text()
    assert EvidenceItem.select().count() == 0
    assert store_files(empty_session.opened.root) == []


def test_cancel_during_the_copy_leaves_no_item_and_no_blob(
    qtbot, empty_view, empty_session, tmp_path, monkeypatch
):
    from ui.common import jobs
    from ui.evidence import importing

    monkeypatch.setattr(blobs, "CHUNK", 1024)
    real_stage = importing.stage_files

    def press_cancel_after_some_copying(root, files, progress, cancelled):
        copied = 0

        def counting(nbytes):
            nonlocal copied
            progress(nbytes)
            copied += nbytes
            if copied >= 4096:  # as if Cancel were pressed mid-way through a file
                for job in jobs.running_jobs():
                    job.stop.set()

        return real_stage(root, files, progress=counting, cancelled=cancelled)

    monkeypatch.setattr(importing, "stage_files", press_cancel_after_some_copying)
    paths = [write(tmp_path / "in" / f"f{n}.bin", bytes([n]) * 3000) for n in range(3)]
    result = drop_and_wait(qtbot, empty_view, paths)
    assert result is None
    assert EvidenceItem.select().count() == 0
    assert store_files(empty_session.opened.root) == []
    assert labels(empty_view) == []


def test_the_progress_dialogs_cancel_button_interrupts_the_worker(qtbot, empty_view, tmp_path):
    importer = empty_view.importer
    with qtbot.waitSignal(importer.finished, timeout=10000):
        importer.start([write(tmp_path / "a.txt", b"a")])
        importer.progress.findChild(QPushButton).click()
        assert importer.cancel_asked
    assert EvidenceItem.select().count() == 0


def test_notes_and_web_links(empty_view, empty_session):
    empty_view.create_note("Conversation with my manager")
    assert labels(empty_view) == ["E1"]
    assert empty_view.detail.heading.text() == "E1 · Conversation with my manager"
    assert not empty_view.create_web_link("not a link", "Blog")
    assert "is not a web address" in empty_view.notice.text.text()
    assert empty_view.create_web_link("https://example.org/post", "My blog post")
    row = evidence_items(empty_session.portfolio)[1]
    assert (row.kind, row.url, row.title) == ("link", "https://example.org/post", "My blog post")


def test_a_long_title_is_shown_from_its_start(empty_view):
    long = "Library drop-ins: report with attendance, feedback and what I changed after it"
    empty_view.create_note(long)
    title = empty_view.detail.title
    assert title.text() == long and title.cursorPosition() == 0


# Editing, linking, filtering ------------------------------------------------------------


def select(view, label: str) -> None:
    row = next(r for r in view.model.rows if r.label == label)
    assert view.select(row.uuid)


def stored(session, label: str):
    return next(r for r in evidence_items(session.portfolio) if r.label == label)


def test_editing_fields_is_saved_and_undoable(qtbot, view, session):
    select(view, "E3")
    title = view.detail.title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Faculty board talk")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert stored(session, "E3").title == "Faculty board talk"
    reflection = view.detail.reflection
    reflection.setFocus()
    qtbot.keyClicks(reflection, "It changed how the faculty sees us.")
    view.detail.title.setFocus()  # leaving the field saves it
    assert stored(session, "E3").reflection == "It changed how the faculty sees us."
    assert view.model.rows[2].title == "Faculty board talk"
    session.undo_stack.undo()
    assert stored(session, "E3").reflection == ""
    session.undo_stack.undo()
    assert stored(session, "E3").title == "Presentation to the faculty board"


def test_linking_to_criteria_and_skills_with_the_mouse(qtbot, view, session):
    select(view, "E6")
    assert stored(session, "E6").criteria == ()
    check = view.detail.criteria_checks["C3"]
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert stored(session, "E6").criteria == ("C3",)
    skills = view.detail.skill_list
    item = next(
        skills.item(n) for n in range(skills.count()) if skills.item(n).text().startswith("4.0 ")
    )
    assert not item.isHidden()  # a chosen skill is offered
    item.setCheckState(Qt.CheckState.Checked)
    assert stored(session, "E6").skills == ("4.0",)
    assert (6, "Email thread: setting up the staff wiki") not in coverage(
        session.portfolio
    ).unlinked
    session.undo_stack.undo()
    assert stored(session, "E6").skills == ()
    session.undo_stack.undo()
    assert stored(session, "E6").criteria == ()


def test_unchosen_skills_show_on_request(view):
    skills = view.detail.skill_list
    hidden = [skills.item(n) for n in range(skills.count()) if skills.item(n).isHidden()]
    assert hidden
    view.detail.all_skills.setChecked(True)
    assert all(not item.isHidden() for item in hidden)


def test_filters(qtbot, view):
    assert view.count_label.text() == "14 items"
    qtbot.keyClicks(view.filters.search, "deadlines")  # only in a reflection
    assert labels(view) == ["E2"]
    view.filters.search.clear()
    box = view.filters.criterion_box
    box.setCurrentIndex(box.findData("C3"))
    assert labels(view) == ["E7", "E9"]
    assert view.count_label.text() == "2 of 14 items shown"
    box.setCurrentIndex(box.findText("Linked to no criterion"))
    assert labels(view) == ["E6", "E10", "E13"]  # E13: the licences guide, yet to link
    box.setCurrentIndex(0)
    skill_box = view.filters.skill_box
    skill_box.setCurrentIndex(skill_box.findText("10.2 Digital literacy"))
    assert labels(view) == ["E2", "E9"]
    skill_box.setCurrentIndex(0)
    type_box = view.filters.type_box
    type_box.setCurrentIndex(type_box.findText("Presentation"))
    assert labels(view) == ["E3"]
    type_box.setCurrentIndex(0)
    period = view.filters.period_box
    period.setCurrentIndex(period.findText("Last 30 days"))
    assert labels(view) == ["E9", "E10"]  # E9 is from 30 days ago
    period.setCurrentIndex(period.findText("Older than 12 months"))
    assert labels(view) == []


def test_sorting_by_a_column(view):
    view.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    titles = [view.proxy.index(r, TITLE).data() for r in range(view.proxy.rowCount())]
    assert titles == sorted(titles, key=str.casefold)


def test_a_sort_keeps_the_current_item_and_ties_in_the_library_order(qtmodeltester, view):
    select(view, "E4")
    view.table.sortByColumn(TYPE, Qt.SortOrder.DescendingOrder)
    assert view.current_row().label == "E4" and view.selected_rows()[0].label == "E4"
    library = [row.label for row in view.model.loaded]  # by number
    types = {row.label: row.evidence_type.casefold() for row in view.model.loaded}
    expected = sorted(library, key=types.get, reverse=True)  # stable: ties by number
    assert labels(view) == expected and len(set(types.values())) > 1
    qtmodeltester.check(view.proxy)
    view.table.sortByColumn(NUMBER, Qt.SortOrder.AscendingOrder)
    assert labels(view) == library
    view.refresh({"evidence"})  # new rows come in the order chosen
    view.table.sortByColumn(TYPE, Qt.SortOrder.DescendingOrder)
    view.refresh({"evidence"})
    assert labels(view) == expected and view.current_row().label == "E4"


def test_ctrl_f_goes_to_the_search_box(qtbot, view):
    view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filters.search.hasFocus()


# Deleting -------------------------------------------------------------------------------


def test_delete_with_the_key_then_undo_and_the_blob_goes_only_at_close(qtbot, view, session):
    select(view, "E4")
    sha = stored(session, "E4").blob_sha
    root = session.opened.root
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "E4" not in labels(view)
    assert blob_path(root, sha).exists()
    session.undo_stack.undo()
    assert "E4" in labels(view)
    session.undo_stack.redo()
    assert "E4" not in labels(view)
    session.close()  # the undo history ends: the deletion is final
    assert not blob_path(root, sha).exists()
    others = [p for p in store_files(root)]
    assert len(others) == 9  # the other file items keep theirs


# Preview and opening --------------------------------------------------------------------


def test_preview_of_a_pdf_an_image_and_other_files(qtbot, empty_view, empty_session, tmp_path):
    folder = tmp_path / "in"
    paths = [
        make_pdf(folder / "certificate.pdf") if folder.mkdir(parents=True) is None else None,
        make_png(folder / "photo.png"),
        write(folder / "minutes.docx", b"PK not really a docx"),
    ]
    drop_and_wait(qtbot, empty_view, paths)
    preview = empty_view.detail.preview
    select(empty_view, "E1")
    assert preview.kind == "pdf" and not preview.pixmap().isNull()
    select(empty_view, "E2")
    assert preview.kind == "image" and preview.pixmap().width() == 64
    select(empty_view, "E3")
    assert preview.kind == "none" and "No preview for DOCX files" in preview.text()


def test_a_blob_changed_on_disk_is_not_previewed_or_opened(
    qtbot, empty_view, empty_session, tmp_path, monkeypatch
):
    drop_and_wait(qtbot, empty_view, [make_png(tmp_path / "photo.png")])
    row = evidence_items(empty_session.portfolio)[0]
    blob_path(empty_session.opened.root, row.blob_sha).write_bytes(b"tampered")
    opened_urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened_urls.append(url) or True)
    empty_view._previewed = None
    empty_view.refresh({"evidence"})
    assert "has been changed on disk" in empty_view.detail.preview.text()
    empty_view.open_current()
    assert opened_urls == []
    assert "has been changed on disk" in empty_view.notice.text.text()


def test_open_hands_a_named_copy_to_the_system(
    qtbot, empty_view, empty_session, tmp_path, monkeypatch
):
    name = "Résumé – 履歴書 ✓.docx"
    drop_and_wait(qtbot, empty_view, [write(tmp_path / name, b"cv bytes")])
    opened_urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened_urls.append(url) or True)
    empty_view.table.setFocus()
    qtbot.keyClick(empty_view.table, Qt.Key.Key_Return)
    assert len(opened_urls) == 1
    copy = Path(opened_urls[0].toLocalFile())
    assert copy.name == name and copy.read_bytes() == b"cv bytes"
    assert empty_session.opened.root not in copy.parents  # never the stored copy itself
