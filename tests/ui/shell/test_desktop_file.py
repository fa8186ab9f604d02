"""The application's name, icon, About box and version; a file handed over by the
desktop (``main.py FILE``): a package opens whichever role the user has, a Word
file says what to do without a portfolio, anything else is refused in a sentence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from ui.shell import open_file
from ui.shell.app import create_application, parse_args
from ui.shell.app_identity import ICON_SIZES, about_text, application_icon
from ui.shell.screenshots_opening import screenshot_opening
from workbench import APP_NAME, APP_SLUG, __version__
from workbench.sample.first_package import MENTEE_NAME, build_first_package
from workbench.store.identity import create_identity
from workbench.store.portfolios import open_portfolio
from workbench.store.user_data import default_portfolios_dir, stand_in_data_dir

ROOT = Path(__file__).resolve().parents[3]


def test_version_on_the_command_line_loads_no_qt():
    code = (
        "import sys, runpy; sys.argv = ['main.py', '--version']\n"
        "try:\n    runpy.run_path('main.py', run_name='__main__')\n"
        "except SystemExit as end:\n    assert end.code == 0\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{APP_NAME} {__version__}"


def test_the_version_is_written_in_one_place():
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in project
    assert 'attr = "workbench.__version__"' in project


def test_the_application_has_its_name_and_icon(qapp):
    app = create_application()
    assert QGuiApplication.applicationDisplayName() == APP_NAME
    assert QGuiApplication.desktopFileName() == APP_SLUG
    assert app.applicationVersion() == __version__
    sizes = {size.width() for size in application_icon().availableSizes()}
    assert sizes == set(ICON_SIZES)
    assert not app.windowIcon().isNull()
    desktop = (ROOT / "resources" / "linux" / f"{APP_SLUG}.desktop").read_text()
    assert f"Icon={APP_SLUG}" in desktop and "application/x-wbpack;" in desktop


def test_the_about_box_names_the_version():
    text = about_text()
    assert APP_NAME in text and f"version {__version__}" in text


def test_a_file_is_an_argument():
    args = parse_args(["parcel.wbpack"])
    assert args.file == Path("parcel.wbpack") and args.screenshots is None


def _said(monkeypatch) -> list[str]:
    said = []

    def tell(_parent, _title, text, *rest, **kw):
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", tell)
    monkeypatch.setattr(QMessageBox, "warning", tell)
    return said


def test_a_word_file_without_a_portfolio_says_what_to_do(window, tmp_path, monkeypatch):
    said = _said(monkeypatch)
    review = tmp_path / "statement-review.docx"
    review.write_bytes(b"not opened yet")
    assert not open_file.open_given_file(window, review)
    assert "statement-review.docx is a Word file" in said[0]
    assert "open your portfolio first" in said[0]


def test_other_files_are_refused_in_a_sentence(window, tmp_path, monkeypatch):
    said = _said(monkeypatch)
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    assert not open_file.open_given_file(window, odd)
    assert not open_file.open_given_file(window, tmp_path / "gone.wbpack")
    assert "notes.txt is neither a workbench package" in said[0]
    assert "There is no file" in said[1]


def test_a_package_given_on_the_command_line_makes_the_mentors_copy(window, tmp_path, capsys):
    with stand_in_data_dir(tmp_path / "mentee-data"):
        mentee = create_identity(MENTEE_NAME)
        package = build_first_package(mentee, tmp_path / "alex", tmp_path / "first.wbpack")
    create_identity("Morgan Mentor")  # this computer's user, a mentor
    shots = tmp_path / "shots"

    assert screenshot_opening(window, package, shots) == 0

    names = sorted(p.name for p in shots.iterdir())
    assert names == ["open-01-question.png", "open-02-opened.png"]
    out = capsys.readouterr().out
    assert "Their key fingerprint is" in out
    assert f"Opened first.wbpack into 'Chartership portfolio of {MENTEE_NAME}'." in out
    (copy,) = default_portfolios_dir().iterdir()
    with open_portfolio(copy) as opened:
        assert opened.portfolio.title == f"Chartership portfolio of {MENTEE_NAME}"


def test_a_word_file_with_a_portfolio_open_goes_to_the_import_preview(
    window, me, tmp_path, monkeypatch
):
    window.open_demo(tmp_path)
    asked = []
    monkeypatch.setattr(open_file, "import_file", lambda w, path: asked.append(path) or object())
    review = tmp_path / "Review.DOCX"
    review.write_bytes(b"read by the preview")
    assert open_file.open_given_file(window, review)
    assert asked == [review]
