"""Screenshots of a mentor's first package: the question with the fingerprint,
then the summary of what arrived, each over the window as the mentor sees it.

The mentee and the mentor are made-up people with data folders of their own
(``stand_in_data_dir``): the user's own identity, key and list of portfolios
are never touched.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from ui.sharing.first_package import new_copy_box
from ui.sharing.opening import SummaryDialog
from workbench.exchange.copies import create_copy
from workbench.exchange.reader import read_package
from workbench.sample.first_package import MENTEE_NAME, MENTOR_NAME, build_first_package
from workbench.store.identity import create_identity
from workbench.store.portfolios import open_portfolio
from workbench.store.user_data import stand_in_data_dir

QUESTION = "mentor-first-package-question.png"
SUMMARY = "mentor-first-package-summary.png"


def over_window(window, dialog) -> QPixmap:
    """The window with ``dialog`` drawn over it, with a plain title bar, as a window
    manager would show it (offscreen, dialogs have no frame of their own)."""
    shot = window.grab()
    picture = dialog.grab()
    bar = 28
    left = (shot.width() - picture.width()) // 2
    top = max((shot.height() - picture.height() - bar) // 3, 0)
    painter = QPainter(shot)
    painter.fillRect(left + 5, top + 5, picture.width(), picture.height() + bar, QColor("#9a9a9a"))
    painter.fillRect(left, top, picture.width(), bar, QColor("#d9dde3"))
    painter.setPen(QColor("#202020"))
    title = QRect(left + 10, top, picture.width() - 20, bar)
    painter.drawText(title, Qt.AlignmentFlag.AlignVCenter, dialog.windowTitle())
    painter.drawPixmap(QPoint(left, top + bar), picture)
    painter.setPen(QColor("#7a7a7a"))
    painter.drawRect(left, top, picture.width() - 1, picture.height() + bar - 1)
    painter.end()
    return shot


def save_first_package(window, folder: Path, settle) -> None:
    """mentor-first-package-question.png and mentor-first-package-summary.png."""
    work = Path(tempfile.mkdtemp(prefix="workbench-shots-"))
    with stand_in_data_dir(work / "mentee-data"):
        mentee = create_identity(MENTEE_NAME)
        path = build_first_package(mentee, work / "alex", work / f"{MENTEE_NAME}.wbpack")
    with stand_in_data_dir(work / "mentor-data"):
        mentor = create_identity(MENTOR_NAME)
        if not window.close_portfolio():
            return
        window.welcome.refresh()
        package = read_package(path)
        box = new_copy_box(window, package.manifest)
        box.show()
        settle()
        over_window(window, box).save(str(folder / QUESTION))
        box.done(0)
        manifest = package.manifest
        summary = create_copy(package, mentor, work / "copy", confirmed_key=manifest["public_key"])
        window._show_portfolio(open_portfolio(summary.root), remember=False)  # not among the recent
        settle()
        dialog = SummaryDialog(summary, window)
        dialog.show()
        settle()
        over_window(window, dialog).save(str(folder / SUMMARY))
        dialog.done(0)
        window.close_portfolio()
