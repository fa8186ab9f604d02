"""The screenshot command shows the first day: both welcome doors, the guide, a new
portfolio's empty views, a mentor's first package and the submission's PKSB page."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QImage

from ui.sharing.first_package import new_copy_text, next_steps
from ui.sharing.opening import SummaryDialog
from ui.shell.screenshots import save_screenshots
from ui.shell.screenshots_mentor import QUESTION, SUMMARY
from ui.shell.screenshots_pksb import PKSB_HEADING, PKSB_PAGE, page_with, save_pksb_page
from workbench.exchange import known_keys
from workbench.journey import mentor_home
from workbench.store import keys
from workbench.store.user_data import identity_path
from workbench.submission import office


def test_the_screenshots_show_the_first_day_of_both_people(qapp, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(office, "office_program", lambda: None)  # the PKSB page: tested below
    folder = tmp_path / "shots"
    assert save_screenshots(folder) == 0
    names = {p.name for p in folder.glob("*.png")}
    first_day = {"00-welcome.png", "guide-mentee.png", "guide-mentor.png", QUESTION, SUMMARY}
    first_day |= {
        f"new-{role}-{view}.png"
        for role in ("mentee", "mentor")
        for view in ("overview", "matrix", "evidence", "coverage", "statement", "cpd", "mentoring")
    }
    assert first_day <= names
    for name in (QUESTION, SUMMARY):
        image = QImage(str(folder / name))
        assert image.width() == 1280 and image.height() == 800
    out = capsys.readouterr().out
    assert "LibreOffice (soffice) is not installed: no picture of the PKSB page." in out
    assert PKSB_PAGE not in names
    # the made-up mentee and mentor had data folders of their own
    assert not identity_path().exists() and not keys.key_path().exists()
    assert not known_keys._path().exists() and not mentor_home._known_path().exists()


def test_the_first_package_question_and_summary_say_what_to_do(qapp, tmp_path):
    from workbench.exchange.copies import create_copy
    from workbench.exchange.reader import read_package
    from workbench.sample.first_package import MENTEE_NAME, MENTOR_NAME, build_first_package
    from workbench.store.identity import create_identity
    from workbench.store.user_data import stand_in_data_dir

    with stand_in_data_dir(tmp_path / "alex"):
        path = build_first_package(
            create_identity(MENTEE_NAME), tmp_path / "portfolio", tmp_path / "first.wbpack"
        )
    manifest = read_package(path).manifest
    text = new_copy_text(manifest)
    assert keys.fingerprint(manifest["public_key"]) in text
    assert "Compare it with them by phone" in text and "Help ▸ Your key fingerprint…" in text
    with stand_in_data_dir(tmp_path / "sam"):
        summary = create_copy(
            read_package(path),
            create_identity(MENTOR_NAME),
            tmp_path / "copy",
            confirmed_key=manifest["public_key"],
        )
    lines = summary.lines()
    assert lines[0] == (
        "Your copy of 'Chartership portfolio of Alex Reader' was made from the package "
        "Alex Reader sent you."
    )
    assert "Version 1 of the statement arrived." in lines
    assert "3 new evidence items from Alex Reader." in lines
    dialog = SummaryDialog(summary)
    assert dialog.next_steps.text() == next_steps(summary)
    assert "File ▸ Send to mentee…" in dialog.next_steps.text()
    dialog.deleteLater()


def test_later_packages_offer_no_next_steps(tmp_path):
    from workbench.exchange.apply import ImportSummary

    later = ImportSummary(tmp_path, "P", "Sam Okafor", "mentor")
    assert next_steps(later) == ""


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_the_pksb_page_of_the_sample_submission_is_drawn(demo, tmp_path):
    target = save_pksb_page(demo, tmp_path)
    assert target == tmp_path / PKSB_PAGE
    image = QImage(str(target))
    assert not image.isNull() and 0.6 < image.width() / image.height() < 0.8  # A4 upright
    from workbench.word.export import SUBMISSION, ExportOptions, export_docx
    from workbench.word.gather import gather_content

    docx = export_docx(
        gather_content(demo.portfolio, SUBMISSION), tmp_path / "s.docx", SUBMISSION, ExportOptions()
    )
    pdf = office.convert_to_pdf([docx], tmp_path)[docx]
    assert page_with(pdf, PKSB_HEADING) > 0  # after the statement, on its own page


def test_without_soffice_the_pksb_page_is_skipped_in_one_line(demo, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(office, "office_program", lambda: None)
    assert save_pksb_page(demo, tmp_path) is None
    assert capsys.readouterr().out.count("\n") == 1
    assert not (tmp_path / PKSB_PAGE).exists()
