"""The application's name, icon and About box, as the desktop shows them.

The icon set is ``resources/icons/mentoring-workbench-<size>.png`` (drawn from
the SVG beside it by ``packaging/make_icons.py``); the desktop file is named
for ``APP_SLUG`` so Wayland and the task bar match the window to its launcher.
"""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.common.plain import escape
from workbench import APP_NAME, APP_SLUG, __version__

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def application_icon() -> QIcon:
    """The workbench's icon in every size drawn for it (empty if the files are missing)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = ICONS / f"{APP_SLUG}-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def name_the_application(app) -> None:
    """Name, display name, desktop file name and icon of the running application."""
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName(APP_SLUG)
    icon = application_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)


def about_text() -> str:
    frozen = " (installed build)" if getattr(sys, "frozen", False) else ""
    return (
        f"<b>{escape(APP_NAME)}</b> version {escape(__version__)}{frozen}"
        "<p>A shared workbench for a candidate working towards professional "
        "registration and their mentor: the PKSB gap matrix, evidence, the reflective "
        "statement and comments, all kept on your computer.</p>"
        f"<p><small>Python {sys.version.split()[0]}, Qt {escape(qVersion())}, "
        f"PySide6 {escape(PySide6.__version__)}</small></p>"
    )


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, f"About {APP_NAME}", about_text())
