"""``--demo --screenshots DIR``: a PNG of every main view of the sample portfolio,
of the Overview and CPD log of the sample Revalidation portfolio, of a new
portfolio's empty views (mentee and mentor), of a mentor's first package (the
question with the fingerprint, then the summary), of the guide, and, when
LibreOffice is installed, of the PKSB page of the sample's submission; and of the
Prepare submission dialog with pages of the combined PDF."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from ui.shell.main_window import MainWindow


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _guide(window, folder: Path) -> None:
    from ui.shell.guide import GuideDialog

    for role in ("mentee", "mentor"):
        dialog = GuideDialog(role, window)
        dialog.show()
        _settle()
        dialog.grab().save(str(folder / f"guide-{role}.png"))
        dialog.close()


def _popups() -> list:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowType() == Qt.WindowType.Popup
    ]


def with_popups(window) -> QPixmap:
    """The window with the pop-ups a state opened (a menu, a completer) painted on it."""
    picture = window.grab()
    popups = _popups()
    if popups:
        painter = QPainter(picture)
        for popup in popups:
            painter.drawPixmap(window.mapFromGlobal(popup.pos()), popup.grab())
        painter.end()
    return picture


def _close_popups() -> None:
    for popup in _popups():
        popup.hide()


def save_screenshots(folder: Path) -> int:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    _settle()
    window.grab().save(str(folder / "00-welcome.png"))
    window.open_demo(Path(tempfile.mkdtemp(prefix="workbench-shots-")))
    for number, key in enumerate(window.view_keys, start=1):
        view = window.show_view(key)
        _settle()
        window.grab().save(str(folder / f"{number:02d}-{key}.png"))
        for name, enter in getattr(view, "screenshot_states", list)():
            enter()
            _settle()
            with_popups(window).save(str(folder / f"{number:02d}-{key}-{name}.png"))
        _close_popups()
    from ui.shell.screenshots_pksb import save_pksb_page

    save_pksb_page(window.session.opened, folder)
    from ui.shell.screenshots_submission import save_submission

    save_submission(window, folder, _settle)
    window.open_demo(Path(tempfile.mkdtemp(prefix="workbench-shots-")), "revalidation")
    for key in ("overview", "cpd"):
        window.show_view(key)
        _settle()
        window.grab().save(str(folder / f"revalidation-{key}.png"))
    from ui.shell.screenshots_first_day import save_first_day

    save_first_day(window, folder, lambda path: window.grab().save(str(path)), _settle)
    from ui.shell.screenshots_mentor import save_first_package

    save_first_package(window, folder, _settle)
    _guide(window, folder)
    window.close_portfolio()
    window.close()
    print(f"Screenshots saved in {folder}")
    return 0
